use cors_runtime::cors;

#[cors(origin = "https://xn--a.com")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
