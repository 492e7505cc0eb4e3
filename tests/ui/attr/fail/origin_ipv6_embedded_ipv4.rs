use cors_runtime::cors;

#[cors(origin = "http://[::ffff:127.0.0.1]:3000")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
