use cors_runtime::cors;

#[cors(origin = "blob:https://app.example.com/7f3e2a10-1c1d-4a4b-9d52-0d3c7a1c8e11")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
