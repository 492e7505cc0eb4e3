use axum::Router;
use cors_runtime::{cors, cors_route};

#[cors(origin = "https://a.example", methods = [GET])]
async fn list() -> &'static str {
    "[]"
}

fn main() {
    let _: Router = Router::new().route("/items", cors_route!(gte(list)));
}
