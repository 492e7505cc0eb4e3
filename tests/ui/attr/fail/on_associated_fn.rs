//! A limitation: an associated fn without `self` looks like a free fn to the attribute, and
//! the compiler then refuses the companion struct inside the `impl`.
use cors_runtime::cors;

struct Api;

impl Api {
    #[cors(origin = "https://app.example.com")]
    async fn list() -> &'static str {
        "[]"
    }
}

fn main() {}
