use cors_runtime::cors;

#[cors(origin = "https://app.example.com", headers = [CONTENT_TPYE])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
