use cors_runtime::cors;

#[cors(origin = "https://app.example.com")]
struct List;

fn main() {}
