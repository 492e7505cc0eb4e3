use cors_runtime::cors;

#[cors(origin = "https://api.*.example.com")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
