use cors_runtime::cors;

#[cors(origin = "https://app.example.com", expose = [ETAG, "etag"])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
