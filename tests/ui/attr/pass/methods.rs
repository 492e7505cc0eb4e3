//! Every accepted form of `methods`.
use cors_runtime::{cors, Methods};

#[cors(origin = "https://app.example.com", methods = [GET, POST, PATCH])]
async fn idents() {}

// Uppercase strings are the same methods as identifiers.
#[cors(origin = "https://app.example.com", methods = ["GET", "PATCH", DELETE])]
async fn strings() {}

#[cors(origin = "https://app.example.com", methods = "*")]
async fn any() {}

#[cors(origin = "https://app.example.com")]
async fn mounted() {}

#[cors(origin = "https://app.example.com", methods = [HEAD, PUT, DELETE, OPTIONS,])]
async fn trailing_comma() {}

const _: () = assert!(idents::POLICY.permits_mount("PATCH"));
const _: () = assert!(!idents::POLICY.permits_mount("DELETE"));
const _: () = assert!(mounted::POLICY.permits_mount("DELETE"));

fn main() {
    let _ = (idents, strings, any, mounted, trailing_comma);

    assert_eq!(idents::POLICY.allow_methods(), Some("GET, POST, PATCH"));
    assert_eq!(
        idents::POLICY.methods(),
        Methods::List(&["GET", "POST", "PATCH"])
    );
    assert!(idents::POLICY.allows_method(b"PATCH"));
    assert!(!idents::POLICY.allows_method(b"patch"));

    assert_eq!(strings::POLICY.allow_methods(), Some("GET, PATCH, DELETE"));
    assert_eq!(
        strings::POLICY.methods(),
        Methods::List(&["GET", "PATCH", "DELETE"])
    );
    assert!(!strings::POLICY.allows_method(b"patch"));

    assert_eq!(any::POLICY.methods(), Methods::Any);
    assert_eq!(any::POLICY.allow_methods(), Some("*"));

    assert_eq!(mounted::POLICY.methods(), Methods::Mounted);
    assert_eq!(mounted::POLICY.allow_methods(), None);

    assert_eq!(
        trailing_comma::POLICY.allow_methods(),
        Some("HEAD, PUT, DELETE, OPTIONS")
    );
}
