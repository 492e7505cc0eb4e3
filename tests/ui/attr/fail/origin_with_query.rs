use cors_runtime::cors;

#[cors(origin = "https://app.example.com?x=1")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
