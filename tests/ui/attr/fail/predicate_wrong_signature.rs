use cors_runtime::cors;

fn is_tenant(origin: String) -> bool {
    origin == "https://tenant.example.com"
}

#[cors(origin = is_tenant, methods = [GET])]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
