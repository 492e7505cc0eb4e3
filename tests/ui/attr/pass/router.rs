//! Generated policies plug into `cors_route!` and axum's `Router`.
use axum::routing::get;
use axum::Router;
use cors_runtime::{cors, cors_route};

#[cors(origin = "https://app.example.com", methods = [GET], max_age = 600)]
async fn list() -> &'static str {
    "[]"
}

#[cors(origin = "https://app.example.com", methods = [POST], headers = [CONTENT_TYPE], credentials)]
async fn create() -> &'static str {
    "{}"
}

async fn health() -> &'static str {
    "ok"
}

fn main() {
    let _: Router = Router::new()
        .route("/items", cors_route!(get(list), post(create)))
        .route("/health", get(health));
}
