use cors_runtime::cors;

#[cors(origin = "safari-web-extension://140BB581-A2C0-422A-9DD3-6982A5ABEE5E")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
