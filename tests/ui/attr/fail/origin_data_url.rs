use cors_runtime::cors;

#[cors(origin = "data:text/html,hello")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
