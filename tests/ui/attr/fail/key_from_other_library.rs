use cors_runtime::cors;

#[cors(origin = "https://app.example.com", allow_credentials)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
