use cors_runtime::cors;

#[cors(origin = "*", credentials)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
