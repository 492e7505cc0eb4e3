use cors_runtime::cors;

#[cors(origin = ["https://a.example.com", "https://b.example.com", "https://a.example.com"])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
