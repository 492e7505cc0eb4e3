use cors_runtime::cors;

#[cors(origin = ["http://localhost:*", "https://dev.example.com:*"], methods = [GET])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
