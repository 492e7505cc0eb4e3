use cors_runtime::cors;

#[cors(origin = "https://app.example.com", methods = [GET, "patch"])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
