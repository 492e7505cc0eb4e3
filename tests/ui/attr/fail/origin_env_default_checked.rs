use cors_runtime::cors;

// The default is written here, so the compiler checks it with the rest of the policy.
#[cors(
    origin = env("APP_ORIGINS", default = ["http://localhost:5173", "http://app.example.com", "https://app.example.com/"]),
    methods = [GET],
    credentials
)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
