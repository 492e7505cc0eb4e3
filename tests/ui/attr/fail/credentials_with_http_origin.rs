use cors_runtime::cors;

#[cors(origin = ["https://app.example.com", "http://app.example.com"], credentials)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
