use cors_runtime::cors;

const FRONTEND: &str = "https://app.example.com";

#[cors(origin = FRONTEND, methods = [GET])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
