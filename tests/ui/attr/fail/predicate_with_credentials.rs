use cors_runtime::cors;

fn is_tenant(origin: &str) -> bool {
    origin == "https://tenant.example.com"
}

#[cors(origin = is_tenant, methods = [GET], credentials)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
