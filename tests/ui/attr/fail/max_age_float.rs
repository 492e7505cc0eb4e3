use cors_runtime::cors;

#[cors(origin = "https://app.example.com", max_age = 1.5)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
