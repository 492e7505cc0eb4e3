use axum::Router;
use cors_runtime::{cors, cors_route};

#[cors(origin = "https://a.example")]
async fn all() -> &'static str {
    "all"
}

fn main() {
    let _: Router = Router::new().route("/all", cors_route!(any(all)));
}
