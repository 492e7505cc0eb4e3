use cors_runtime::cors;

#[cors(origin = "https://*.gov.au", credentials)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
