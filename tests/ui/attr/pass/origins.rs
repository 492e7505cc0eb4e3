//! Every accepted form of `origin`.
use cors_runtime::{cors, Origins};

#[cors(origin = "https://app.example.com")]
async fn one() -> &'static str {
    "one"
}

#[cors(origin = ["https://app.example.com", "https://*.example.org", "http://localhost:5173"])]
async fn list() -> &'static str {
    "list"
}

#[cors(origin = "*")]
async fn any() -> &'static str {
    "any"
}

// With credentials: loopback over plain http, IPv4 and IPv6 loopback, a pattern on a private
// domain, and a port.
#[cors(
    origin = [
        "http://localhost:3000",
        "http://127.0.0.1:8080",
        "http://[::1]:8080",
        "https://*.corp.example.com",
        "https://app.example.com:8443",
    ],
    credentials
)]
async fn trusted() -> &'static str {
    "trusted"
}

// A public-suffix pattern is allowed without credentials.
#[cors(origin = "https://*.github.io")]
async fn pages() -> &'static str {
    "pages"
}

const _: () = assert!(matches!(any::POLICY.origins(), Origins::Any));
const _: () = assert!(!any::POLICY.varies_by_origin());
const _: () = assert!(list::POLICY.varies_by_origin());

fn main() {
    let _ = (one, list, any, trusted, pages);

    assert!(one::POLICY.allows_origin(b"https://app.example.com"));
    assert!(!one::POLICY.allows_origin(b"https://app.example.com/"));
    assert!(!one::POLICY.allows_origin(b"https://evil.example.com"));

    match list::POLICY.origins() {
        Origins::List(entries) => {
            let texts: Vec<_> = entries.iter().map(|o| o.as_str()).collect();
            assert_eq!(
                texts,
                [
                    "https://app.example.com",
                    "https://*.example.org",
                    "http://localhost:5173"
                ]
            );
            assert!(entries[1].is_pattern());
        }
        other => panic!("expected a list, got {other:?}"),
    }
    assert!(list::POLICY.allows_origin(b"https://a.b.example.org"));
    assert!(!list::POLICY.allows_origin(b"https://example.org"));
    assert!(!list::POLICY.allows_origin(b"https://evilexample.org"));

    assert!(any::POLICY.allows_origin(b"https://anyone.example"));
    assert!(!any::POLICY.credentials());

    assert!(trusted::POLICY.credentials());
    assert!(trusted::POLICY.allows_origin(b"http://[::1]:8080"));
    assert!(trusted::POLICY.allows_origin(b"https://x.corp.example.com"));
    assert!(!trusted::POLICY.allows_origin(b"https://app.example.com"));

    assert!(pages::POLICY.allows_origin(b"https://someone.github.io"));
}
