use cors_runtime::cors;

#[cors(origin = "moz-extension://{0b2d1c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e}")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
