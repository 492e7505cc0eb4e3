use cors_runtime::cors;

#[cors(origin = "tauri://localhost:1420")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
