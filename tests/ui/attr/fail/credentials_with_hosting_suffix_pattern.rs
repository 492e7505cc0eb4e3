use cors_runtime::cors;

#[cors(origin = "https://*.s3.us-east-1.amazonaws.com", credentials)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
