use cors_runtime::cors;

#[cors(origin = "http://localhost:03000")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
