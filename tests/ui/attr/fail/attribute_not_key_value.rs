use cors_runtime::cors;

#[cors("https://app.example.com")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
