use cors_runtime::cors;

#[cors(origin = "app.example.com")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
