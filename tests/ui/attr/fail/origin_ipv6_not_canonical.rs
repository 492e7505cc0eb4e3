use cors_runtime::cors;

#[cors(origin = "http://[0:0:0:0:0:0:0:1]:8080")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
