use cors_runtime::cors;

#[cors]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
