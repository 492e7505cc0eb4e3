//! Policies written by a user's own `macro_rules!`: fragments arrive wrapped in invisible
//! groups, which the attribute looks through for every key.
use cors_runtime::{cors, Methods, Origins, RequestHeaders};

macro_rules! handler {
    ($name:ident, $origin:literal, $method:ident, $header:literal, $age:literal) => {
        #[cors(origin = $origin, methods = [$method], headers = [$header], max_age = $age, credentials)]
        async fn $name() -> &'static str {
            "ok"
        }
    };
}

macro_rules! listed {
    ($name:ident, [$($origin:literal),+], $methods:expr) => {
        #[cors(origin = [$($origin),+], methods = $methods)]
        async fn $name() -> &'static str {
            "ok"
        }
    };
}

handler!(read, "https://app.example.com", GET, "x-api-key", 600);
listed!(list, ["https://a.example.com", "https://*.b.example.com"], [GET, POST]);

fn main() {
    let p = read::POLICY;
    assert!(matches!(p.origins(), Origins::List(l) if l.len() == 1 && l[0].as_str() == "https://app.example.com"));
    assert_eq!(p.methods(), Methods::List(&["GET"]));
    assert_eq!(p.request_headers(), RequestHeaders::List(&["x-api-key"]));
    assert_eq!(p.max_age(), Some(600));
    assert!(p.credentials());
    let l = list::POLICY;
    assert!(l.allows_origin(b"https://x.b.example.com"));
    assert!(l.allows_method(b"POST"));
}
