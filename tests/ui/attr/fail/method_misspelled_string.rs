use cors_runtime::cors;

#[cors(origin = "https://app.example.com", methods = ["PTACH"])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
