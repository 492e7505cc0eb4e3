use axum::Router;
use cors_runtime::cors_route;

fn main() {
    let _: Router = Router::new().route("/items", cors_route!(get(|| async { "[]" })));
}
