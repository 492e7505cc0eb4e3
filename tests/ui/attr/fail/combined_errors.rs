//! All the errors of one attribute are reported together, in source order.
use cors_runtime::cors;

#[cors(
    origin = ["https://app.example.com/", "*"],
    methods = [GET, GTE],
    headers = ["cookie"],
    credentials = 1,
    max_age = 100000,
    orgin = "https://app.example.com",
)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
