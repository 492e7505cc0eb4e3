use axum::Router;
use cors_runtime::{cors, cors_route};

#[cors(origin = "https://a.example")]
async fn echo() -> &'static str {
    "echo"
}

fn main() {
    let _: Router = Router::new().route("/echo", cors_route!(trace(echo)));
}
