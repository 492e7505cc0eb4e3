use cors_runtime::cors;

#[cors(origin = "https://*.com", credentials)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
