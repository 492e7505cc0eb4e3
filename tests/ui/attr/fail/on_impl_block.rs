use cors_runtime::cors;

struct Api;

#[cors(origin = "https://app.example.com")]
impl Api {
    async fn list(&self) -> &'static str {
        "[]"
    }
}

fn main() {}
