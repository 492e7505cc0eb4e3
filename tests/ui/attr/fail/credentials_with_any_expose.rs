use cors_runtime::cors;

#[cors(origin = "https://app.example.com", expose = "*", credentials)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
