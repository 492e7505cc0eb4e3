use cors_runtime::cors;

#[cors(origin = "https://app.example.com", methods = "*", credentials)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
