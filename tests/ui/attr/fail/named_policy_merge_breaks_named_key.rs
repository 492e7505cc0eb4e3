use cors_runtime::{cors, cors_policy};

cors_policy!(PUBLIC = origin = ["https://app.example.com"], headers = "*");

// `credentials` here, with the named policy's `headers = "*"`.
#[cors(policy = PUBLIC, methods = [GET], credentials)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
