use axum::Router;
use cors_runtime::cors_route;

async fn list() -> &'static str {
    "[]"
}

fn main() {
    let _: Router = Router::new().route("/items", cors_route!(get(list)));
}
