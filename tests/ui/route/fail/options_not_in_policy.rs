use axum::Router;
use cors_runtime::{cors, cors_route};

#[cors(origin = "https://a.example", methods = [GET])]
async fn list() -> &'static str {
    "[]"
}

#[cors(origin = "https://a.example", methods = [GET])]
async fn describe() -> &'static str {
    "GET"
}

fn main() {
    // A user OPTIONS handler answers non-preflight OPTIONS; its policy must list OPTIONS.
    let _: Router = Router::new().route("/items", cors_route!(get(list), options(describe)));
}
