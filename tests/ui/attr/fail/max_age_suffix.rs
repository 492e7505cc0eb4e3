use cors_runtime::cors;

#[cors(origin = "https://app.example.com", max_age = 600u32)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
