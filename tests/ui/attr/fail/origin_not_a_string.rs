use cors_runtime::cors;

#[cors(origin = ["https://a.example.com", 42])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
