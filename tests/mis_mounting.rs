//! A `#[cors]` handler mounted with plain axum routing serves no CORS headers; in debug builds
//! it says so, once, on stderr and as a `tracing` warning. Handlers mounted with
//! `cors_route!`, `cors_runtime::fallback` or a `CorsLayer` never warn.

use axum::body::Body;
use axum::http::Request;
use axum::routing::get;
use axum::Router;
use cors_runtime::{cors, cors_route, CorsLayer};
use tower::ServiceExt;

#[path = "support/log_capture.rs"]
mod log_capture;
use log_capture::Captured;

#[cors(origin = "https://app.example.com", methods = [GET])]
async fn mounted_plainly() -> &'static str {
    "plain"
}

#[cors(origin = "https://app.example.com", methods = [GET])]
async fn mounted_with_cors() -> &'static str {
    "wired"
}

#[cors(origin = "https://app.example.com", methods = [GET])]
async fn layered() -> &'static str {
    "layered"
}

/// Calls `app` at `path` three times and returns what was logged.
async fn warnings(app: Router, path: &str) -> String {
    let captured = Captured::default();
    let subscriber = captured.subscriber(tracing::Level::WARN);
    let _guard = tracing::subscriber::set_default(subscriber);
    for _ in 0..3 {
        let request = Request::builder()
            .uri(path)
            .header("origin", "https://app.example.com")
            .body(Body::empty())
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), 200);
    }
    captured.text()
}

#[tokio::test]
async fn a_handler_mounted_with_plain_routing_warns_once() {
    let log = warnings(Router::new().route("/p", get(mounted_plainly)), "/p").await;
    assert_eq!(
        log.matches("a #[cors] handler ran without its CORS policy")
            .count(),
        1,
        "{log}"
    );
    assert!(log.contains("handler=\"mounted_plainly\""), "{log}");
}

#[tokio::test]
async fn handlers_mounted_with_cors_never_warn() {
    let log = warnings(
        Router::new().route("/w", cors_route!(get(mounted_with_cors))),
        "/w",
    )
    .await;
    assert_eq!(log, "");
    const LAYER: CorsLayer = CorsLayer::new(&layered::POLICY);
    let log = warnings(Router::new().route("/l", get(layered).layer(LAYER)), "/l").await;
    assert_eq!(log, "");
}
