//! The handler stays defined when the policy is invalid, so its callers compile and the only
//! error is the policy's.
use cors_runtime::cors;

#[cors(origin = "https://app.example.com/")]
async fn list() -> &'static str {
    "[]"
}

async fn caller() -> &'static str {
    list().await
}

fn main() {
    let _ = caller;
}
