use cors_runtime::cors;

#[cors(orgin = "https://app.example.com")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
