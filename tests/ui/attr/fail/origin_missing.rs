use cors_runtime::cors;

#[cors(methods = [GET])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
