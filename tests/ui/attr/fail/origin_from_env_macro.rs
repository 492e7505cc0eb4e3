use cors_runtime::cors;

#[cors(origin = env!("FRONTEND_ORIGIN"), methods = [GET])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
