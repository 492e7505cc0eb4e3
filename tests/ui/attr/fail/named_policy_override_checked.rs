use cors_runtime::{cors, cors_policy};

cors_policy!(SPA = origin = ["https://app.example.com"], headers = ["content-type"], credentials);

// This handler's own key breaks a rule with the named policy's `credentials`.
#[cors(policy = SPA, methods = "*")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
