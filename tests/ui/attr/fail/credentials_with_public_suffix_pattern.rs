use cors_runtime::cors;

#[cors(origin = "https://*.github.io", credentials)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
