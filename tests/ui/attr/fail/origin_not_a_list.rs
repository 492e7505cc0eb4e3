use cors_runtime::cors;

#[cors(origin = app_origin)]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
