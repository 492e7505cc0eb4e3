use cors_runtime::cors;

#[cors(origin = "https://app.example.com", private_network = "true")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
