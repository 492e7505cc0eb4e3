use cors_runtime::cors;

#[cors(origin = "null")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
