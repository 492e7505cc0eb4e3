//! A handler whose policy is never read, in a crate that denies warnings: the companion adds
//! no warning of its own.
#![deny(warnings)]

use cors_runtime::cors;

#[cors(origin = "https://app.example.com", methods = [GET])]
async fn unused() -> &'static str {
    "[]"
}

mod private {
    use cors_runtime::cors;

    #[cors(origin = "*")]
    pub(super) async fn nested() {}
}

fn main() {
    let _ = unused;
    let _ = private::nested;
}
