use cors_runtime::cors;

#[cors(origin = "https://app.example.com")]
fn list() -> &'static str {
    "[]"
}

fn main() {}
