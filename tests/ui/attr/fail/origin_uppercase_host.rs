use cors_runtime::cors;

#[cors(origin = "https://App.Example.com")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
