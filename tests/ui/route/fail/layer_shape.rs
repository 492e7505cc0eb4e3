#![allow(unused_imports)]
use axum::middleware::from_fn;
use axum::Router;
use cors_runtime::{cors, cors_route};

#[cors(origin = "https://a.example", methods = [GET])]
async fn read() -> &'static str {
    "read"
}

async fn auth(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    next.run(request).await
}

fn main() {
    let _: Router = Router::new().route("/a", cors_route!(get(read), layer(from_fn(auth), from_fn(auth))));
    let _: Router = Router::new().route("/b", cors_route!(layer(from_fn(auth))));
}
