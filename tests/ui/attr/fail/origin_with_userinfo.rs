use cors_runtime::cors;

#[cors(origin = "https://admin@app.example.com")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
