use cors_runtime::cors;

#[cors(origin = "ftp://files.example.com")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
