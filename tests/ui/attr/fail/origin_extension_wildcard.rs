use cors_runtime::cors;

#[cors(origin = "chrome-extension://*")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
