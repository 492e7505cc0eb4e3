use axum::extract::State;
use axum::Router;
use cors_runtime::{cors, cors_route};

mod handlers {
    use cors_runtime::cors;

    #[cors(origin = "https://a.example", methods = [GET, POST])]
    pub async fn list() -> &'static str {
        "[]"
    }
}

#[cors(origin = "https://a.example", methods = "*")]
async fn anything(State(n): State<u32>) -> String {
    n.to_string()
}

#[cors(origin = "https://a.example")]
async fn mounted() -> &'static str {
    "ok"
}

fn main() {
    let _: Router = Router::new()
        .route("/items", cors_route!(get(handlers::list), post(handlers::list)))
        .route("/any", cors_route!(put(anything), patch(anything),))
        .route(
            "/mounted",
            cors_route!(get(mounted), delete(mounted.layer(tower::layer::util::Identity::new()))),
        )
        .with_state(1u32);
}
