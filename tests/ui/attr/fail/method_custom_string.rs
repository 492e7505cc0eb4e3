use cors_runtime::cors;

#[cors(origin = "https://app.example.com", methods = [GET, "PURGE"])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
