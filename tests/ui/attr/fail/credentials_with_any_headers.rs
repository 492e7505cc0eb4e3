use cors_runtime::cors;

#[cors(origin = "https://app.example.com", headers = "*", credentials = true)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
