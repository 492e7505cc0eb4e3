use cors_runtime::cors;

#[cors(origin = "https://app.example.com#top")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
