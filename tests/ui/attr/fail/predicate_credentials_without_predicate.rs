use cors_runtime::cors;

#[cors(origin = "https://app.example.com", methods = [GET], credentials_with_predicate_origins)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
