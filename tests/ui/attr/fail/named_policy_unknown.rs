use cors_runtime::cors;

#[cors(policy = SPA, methods = [GET])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
