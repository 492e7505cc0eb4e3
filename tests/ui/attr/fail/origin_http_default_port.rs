use cors_runtime::cors;

#[cors(origin = "http://app.example.com:80")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
