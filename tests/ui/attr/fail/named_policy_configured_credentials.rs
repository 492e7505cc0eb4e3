use cors_runtime::{cors, cors_policy};

cors_policy!(SPA = origin = env("APP_ORIGINS"), headers = ["content-type"]);

// The origins of SPA are checked at start-up against SPA's own `credentials`.
#[cors(policy = SPA, methods = [GET], credentials)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
