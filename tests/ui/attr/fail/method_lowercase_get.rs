use cors_runtime::cors;

#[cors(origin = "https://app.example.com", methods = ["get"])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
