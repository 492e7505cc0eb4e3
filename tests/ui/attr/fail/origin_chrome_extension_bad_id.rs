use cors_runtime::cors;

#[cors(origin = "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai1")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
