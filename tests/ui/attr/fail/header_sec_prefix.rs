use cors_runtime::cors;

#[cors(origin = "https://app.example.com", headers = ["sec-fetch-mode"])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
