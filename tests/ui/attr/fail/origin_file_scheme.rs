use cors_runtime::cors;

#[cors(origin = "file:///srv/index.html")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
