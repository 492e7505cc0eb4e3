use cors_runtime::cors;

#[cors(origin = "https://app.example.com", headers = ["*"])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
