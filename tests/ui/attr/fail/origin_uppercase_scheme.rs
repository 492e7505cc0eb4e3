use cors_runtime::cors;

#[cors(origin = "HTTPS://app.example.com")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
