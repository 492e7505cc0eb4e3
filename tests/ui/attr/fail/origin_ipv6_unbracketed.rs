use cors_runtime::cors;

#[cors(origin = "http://::1:3000")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
