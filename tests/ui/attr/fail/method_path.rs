use cors_runtime::cors;

#[cors(origin = "https://app.example.com", methods = [Method::GET])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
