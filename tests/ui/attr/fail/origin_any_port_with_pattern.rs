use cors_runtime::cors;

#[cors(origin = "http://*.localhost:*", methods = [GET])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
