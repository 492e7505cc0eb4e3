use cors_runtime::cors;

#[cors(origin = "https://app.example.com", timeout = 30)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
