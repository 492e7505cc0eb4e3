use cors_runtime::cors;

#[cors(origin = "https://app.example.com", expose = ["x-request-id", "set-cookie"])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
