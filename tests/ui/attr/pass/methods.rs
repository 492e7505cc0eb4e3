//! Every accepted form of `methods`.
use cors_runtime::{cors, Methods};

#[cors(origin = "https://app.example.com", methods = [GET, POST, PATCH])]
async fn idents() {}

#[cors(origin = "https://app.example.com", methods = [GET, "PURGE", "MKCOL"])]
async fn custom() {}

// A lowercase `patch` written as a string is deliberate: scripts that send it as written.
#[cors(origin = "https://app.example.com", methods = [PATCH, "patch"])]
async fn both_cases() {}

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
    let _ = (idents, custom, both_cases, any, mounted, trailing_comma);

    assert_eq!(idents::POLICY.allow_methods(), Some("GET, POST, PATCH"));
    assert_eq!(
        idents::POLICY.methods(),
        Methods::List(&["GET", "POST", "PATCH"])
    );
    assert!(idents::POLICY.allows_method(b"PATCH"));
    assert!(!idents::POLICY.allows_method(b"patch"));

    assert_eq!(custom::POLICY.allow_methods(), Some("GET, PURGE, MKCOL"));
    assert!(custom::POLICY.allows_method(b"PURGE"));

    assert_eq!(both_cases::POLICY.allow_methods(), Some("PATCH, patch"));
    assert!(both_cases::POLICY.allows_method(b"patch"));

    assert_eq!(any::POLICY.methods(), Methods::Any);
    assert_eq!(any::POLICY.allow_methods(), Some("*"));

    assert_eq!(mounted::POLICY.methods(), Methods::Mounted);
    assert_eq!(mounted::POLICY.allow_methods(), None);

    assert_eq!(
        trailing_comma::POLICY.allow_methods(),
        Some("HEAD, PUT, DELETE, OPTIONS")
    );
}
