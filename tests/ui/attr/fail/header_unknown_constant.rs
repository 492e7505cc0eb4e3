use cors_runtime::cors;

#[cors(origin = "https://app.example.com", headers = [X_API_KEY])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
