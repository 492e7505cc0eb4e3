use cors_runtime::cors;

#[cors(origin = "wss://app.example.com")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
