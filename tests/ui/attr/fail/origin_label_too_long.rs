use cors_runtime::cors;

#[cors(origin = "https://this-label-is-much-longer-than-the-sixty-three-bytes-a-dns-label-may-have.example.com")]
async fn list() -> &'static str {
    "[]"
}

fn main() {}
