use cors_runtime::cors;

#[cors(origin)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
