use cors_runtime::cors;

struct Api;

impl Api {
    #[cors(origin = "https://app.example.com")]
    async fn list(&self) -> &'static str {
        "[]"
    }
}

fn main() {}
