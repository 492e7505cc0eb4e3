use cors_runtime::{cors, cors_policy};

cors_policy!(SPA = origin = ["https://app.example.com/"], headers = ["content-type"]);

// Reported once, at the definition; the handler is left as written.
#[cors(policy = SPA, methods = [GET])]
async fn list() -> &'static str {
    "[]"
}

fn main() {
    let _ = list;
}
