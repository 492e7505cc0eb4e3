use cors_runtime::cors;

#[cors(origin = "http://localhost:30a0")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
