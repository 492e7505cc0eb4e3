use cors_runtime::cors;

#[cors(origin = "https://app.example.com")]
async fn page<const SIZE: usize>() -> String {
    SIZE.to_string()
}

fn main() {}
