use cors_runtime::cors;

#[cors(origin = "https://app.example.com", headers = ["access-control-allow-origin"])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
