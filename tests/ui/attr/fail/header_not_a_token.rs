use cors_runtime::cors;

#[cors(origin = "https://app.example.com", headers = ["x api key"])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
