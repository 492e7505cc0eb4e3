use cors_runtime::cors;

#[cors(origin = "https://app.example.com", headers = "content-type")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
