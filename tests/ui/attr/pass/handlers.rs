//! The handler is emitted as written, with its attributes, docs and visibility, and stays a
//! plain async fn; the companion takes the same name and visibility.
#![deny(missing_docs)]
//! A crate-level doc, since `missing_docs` is denied.

use axum::extract::{Path, State};
use axum::Json;
use cors_runtime::cors;

mod api {
    use cors_runtime::cors;

    /// Lists the items.
    #[cors(origin = "https://app.example.com", methods = [GET])]
    #[must_use = "handlers return a future"]
    pub async fn list() -> &'static str {
        "[]"
    }

    /// Only visible in the crate.
    #[cors(origin = "https://app.example.com")]
    pub(crate) async fn internal() -> u16 {
        7
    }
}

/// Takes extractors and state.
#[cors(origin = "https://app.example.com", methods = [GET])]
pub async fn show(State(prefix): State<String>, Path(id): Path<u32>) -> Json<String> {
    Json(format!("{prefix}{id}"))
}

/// A raw identifier name.
#[cors(origin = "https://app.example.com")]
pub async fn r#type() -> &'static str {
    "type"
}

/// Explicit lifetimes do not reach the companion.
#[cors(origin = "https://app.example.com")]
pub async fn echo<'a>(Path(name): Path<String>) -> String {
    let _: Option<&'a str> = None;
    name
}

#[cfg(any())]
#[cors(origin = "https://app.example.com")]
async fn compiled_out() {}

// A `#[cfg]` written after `#[cors]` applies to the companion too, so two variants of one
// handler do not clash.
#[cors(origin = "https://a.example.com")]
#[cfg(all())]
async fn variant() {}

#[cors(origin = "https://b.example.com")]
#[cfg(any())]
async fn variant() {}

fn main() {
    // One `use` imports the handler and its policy.
    use api::list;
    assert_eq!(list::POLICY.allow_methods(), Some("GET"));
    assert_eq!(api::internal::POLICY.allow_methods(), None);
    assert!(r#type::POLICY.allows_origin(b"https://app.example.com"));
    let _ = (show, echo, variant);
    assert!(variant::POLICY.allows_origin(b"https://a.example.com"));

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        assert_eq!(list().await, "[]");
        assert_eq!(api::internal().await, 7);
        assert_eq!(r#type().await, "type");
        let Json(shown) = show(State("item-".to_string()), Path(3)).await;
        assert_eq!(shown, "item-3");
    });
}
