use cors_runtime::cors;

#[cors(origin = "https://bücher.example")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
