use cors_runtime::cors;

#[cors(origin = "https://app.example.com", method = [GET])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
