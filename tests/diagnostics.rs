//! Refusals are told to `tracing` at debug level, with the reason and the request's values
//! escaped and cut; nothing of it reaches the response.

use axum::body::Body;
use axum::http::{HeaderValue, Request};
use axum::Router;
use cors_runtime::{cors, cors_route};
use tower::ServiceExt;

#[path = "support/log_capture.rs"]
mod log_capture;
use log_capture::Captured;

#[cors(origin = "https://app.example.com", methods = [GET, PUT], headers = ["content-type"])]
async fn items() -> &'static str {
    "[]"
}

/// Sends `request` to a `/items` route and returns the response status and what was logged.
async fn logged(request: Request<Body>) -> (u16, String) {
    let captured = Captured::default();
    let subscriber = captured.subscriber(tracing::Level::DEBUG);
    let app: Router = Router::new().route("/items", cors_route!(get(items), put(items)));
    let _guard = tracing::subscriber::set_default(subscriber);
    let response = app.oneshot(request).await.unwrap();
    if response.status() == 403 {
        assert!(
            response
                .headers()
                .keys()
                .all(|name| !name.as_str().starts_with("access-control-")),
            "a refusal carries no CORS headers and no reason: {response:?}"
        );
    }
    let text = captured.text();
    (response.status().as_u16(), text)
}

fn preflight(origin: &'static [u8], method: &'static str, headers: &'static str) -> Request<Body> {
    let mut request = Request::builder()
        .method("OPTIONS")
        .uri("/items")
        .header("origin", HeaderValue::from_bytes(origin).unwrap())
        .header("access-control-request-method", method);
    if !headers.is_empty() {
        request = request.header("access-control-request-headers", headers);
    }
    request.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn a_refused_origin_is_named() {
    let (status, log) = logged(preflight(b"https://evil.example", "PUT", "")).await;
    assert_eq!(status, 403);
    assert!(log.contains("CORS preflight refused (403)"), "{log}");
    assert!(log.contains("origin not allowed by the policy"), "{log}");
    assert!(log.contains(r#"origin="https://evil.example""#), "{log}");
    assert!(log.contains(r#"path="/items""#), "{log}");
}

#[tokio::test]
async fn an_unmounted_method_is_named() {
    let (status, log) = logged(preflight(b"https://app.example.com", "DELETE", "")).await;
    assert_eq!(status, 403);
    assert!(
        log.contains(r#"method "DELETE" is not mounted on this path or not allowed by its policy"#),
        "{log}"
    );
}

#[tokio::test]
async fn the_refused_header_is_named() {
    let (status, log) = logged(preflight(
        b"https://app.example.com",
        "PUT",
        "content-type,x-secret",
    ))
    .await;
    assert_eq!(status, 403);
    assert!(
        log.contains(r#"requested header "x-secret" is not allowed by the policy"#),
        "{log}"
    );
}

#[tokio::test]
async fn private_network_access_is_named() {
    let mut request = preflight(b"https://app.example.com", "PUT", "");
    request.headers_mut().insert(
        "access-control-request-private-network",
        HeaderValue::from_static("true"),
    );
    let (status, log) = logged(request).await;
    assert_eq!(status, 403);
    assert!(
        log.contains("Private Network Access was requested"),
        "{log}"
    );
}

#[tokio::test]
async fn hostile_values_are_escaped_and_cut() {
    let mut origin = b"https://app.example.com\xff\t".to_vec();
    origin.extend(std::iter::repeat_n(b'a', 100));
    let origin: &'static [u8] = origin.leak();
    let (status, log) = logged(preflight(origin, "PUT", "")).await;
    assert_eq!(status, 403);
    assert!(
        log.contains(r#"origin="https://app.example.com\xff\x09aaaa"#),
        "{log}"
    );
    assert!(log.contains("... (125 bytes)"), "{log}");
    assert!(
        !log.contains('\t'),
        "a control byte reached the log: {log:?}"
    );
    let huge: &'static [u8] = vec![b'a'; 10_000].leak();
    let (_, log) = logged(preflight(huge, "PUT", "")).await;
    assert!(log.contains("origin=several lines, or oversized"), "{log}");
    assert!(
        log.len() < 1_000,
        "the log line is bounded: {} bytes",
        log.len()
    );
}

#[tokio::test]
async fn a_refused_origin_on_an_actual_request_is_named() {
    let request = Request::builder()
        .uri("/items")
        .header("origin", "https://evil.example")
        .body(Body::empty())
        .unwrap();
    let (status, log) = logged(request).await;
    assert_eq!(status, 200, "the handler still runs");
    assert!(
        log.contains("CORS origin refused: the response carries no CORS headers"),
        "{log}"
    );
    assert!(log.contains(r#"method="GET""#), "{log}");
}

#[tokio::test]
async fn allowed_requests_log_nothing() {
    let (status, log) = logged(preflight(b"https://app.example.com", "PUT", "content-type")).await;
    assert_eq!(status, 204);
    assert_eq!(log, "");
}
