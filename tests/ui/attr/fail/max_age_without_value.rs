use cors_runtime::cors;

#[cors(origin = "https://app.example.com", max_age)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
