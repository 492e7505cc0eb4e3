use cors_runtime::cors;

#[cors(origin = "https://app.example.com", credentials = 1)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
