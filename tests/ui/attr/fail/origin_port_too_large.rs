use cors_runtime::cors;

#[cors(origin = "https://app.example.com:70000")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
