use cors_runtime::cors;

#[cors(origin = "https://app.example.com", headers = [CONTENT_TYPE, HOST])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
