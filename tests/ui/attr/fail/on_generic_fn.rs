use cors_runtime::cors;

#[cors(origin = "https://app.example.com")]
async fn list<T: Default>() -> &'static str {
    let _ = T::default();
    "[]"
}

fn main() {}
