//! Every accepted form of `headers` and `expose`.
use cors_runtime::{cors, RequestHeaders};

#[cors(origin = "https://app.example.com", headers = ["content-type", "x-api-key"])]
async fn strings() {}

// `http::header` constant names become lowercase names with `-`; any case in a string is
// lowercased.
#[cors(
    origin = "https://app.example.com",
    headers = [CONTENT_TYPE, AUTHORIZATION, "X-Requested-With", IF_MATCH]
)]
async fn constants() {}

#[cors(origin = "https://app.example.com", headers = "*")]
async fn any() {}

#[cors(origin = "https://app.example.com")]
async fn none() {}

#[cors(origin = "https://app.example.com", headers = [])]
async fn empty() {}

#[cors(origin = "https://app.example.com", expose = ["x-request-id", ETAG, "X-RateLimit-Remaining"])]
async fn exposed() {}

#[cors(origin = "https://app.example.com", expose = "*")]
async fn expose_any() {}

fn main() {
    let _ = (strings, constants, any, none, empty, exposed, expose_any);

    assert_eq!(
        strings::POLICY.allow_headers(),
        Some("content-type, x-api-key")
    );
    assert!(strings::POLICY.allows_request_header(b"X-API-Key"));

    assert_eq!(
        constants::POLICY.allow_headers(),
        Some("content-type, authorization, x-requested-with, if-match")
    );
    assert_eq!(
        constants::POLICY.request_headers(),
        RequestHeaders::List(&[
            "content-type",
            "authorization",
            "x-requested-with",
            "if-match"
        ])
    );
    // The constant names give exactly the names of the `http` crate.
    for name in [
        http::header::CONTENT_TYPE,
        http::header::AUTHORIZATION,
        http::header::IF_MATCH,
    ] {
        assert!(constants::POLICY.allows_request_header(name.as_str().as_bytes()));
    }

    assert_eq!(any::POLICY.request_headers(), RequestHeaders::Any);
    assert_eq!(any::POLICY.allow_headers(), Some("*"));
    assert!(!any::POLICY.allows_request_header(b"authorization"));

    assert_eq!(none::POLICY.allow_headers(), None);
    assert_eq!(none::POLICY.request_headers(), RequestHeaders::List(&[]));
    assert_eq!(empty::POLICY.allow_headers(), None);

    assert_eq!(
        exposed::POLICY.expose_headers(),
        Some("x-request-id, etag, x-ratelimit-remaining")
    );
    assert_eq!(none::POLICY.expose_headers(), None);
    assert_eq!(expose_any::POLICY.expose_headers(), Some("*"));
}
