//! The `#[cors]` attribute and the `cors_route!` macro.
//!
//! Use them through `cors-runtime`, which re-exports both; the code they generate refers to
//! `::cors_runtime::__private` only.

use proc_macro::TokenStream;

mod attr;
mod expand;
mod fallback;
mod route;
mod valid;

/// Placeholder.
#[proc_macro_attribute]
pub fn cors(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::cors(attr.into(), item.into()).into()
}

/// Mounts the `#[cors]` handlers of one path and answers the path's preflights.
///
/// ```text
/// cors_route!(get(list), post(create), delete(remove.layer(require_auth)))
/// ```
///
/// Expands to one axum `MethodRouter` in which
/// - each method's responses carry the policy of the handler mounted on it;
/// - `OPTIONS` preflights (`Origin` + `Access-Control-Request-Method`) are answered with the
///   policy of the handler mounted on the requested method, before any handler or layer inside
///   the route runs; a method that is not mounted is refused with `403`;
/// - other `OPTIONS` requests reach an `options(...)` handler if one is mounted, and axum's
///   `405 Method Not Allowed` otherwise, exactly as without CORS.
///
/// Each mount is `method(handler)`, where `method` is one of `get`, `head`, `post`, `put`,
/// `delete`, `patch`, `options` and `handler` is the path of an `async fn` annotated with
/// `#[cors]`, optionally followed by `.layer(...)` calls (axum's `Handler::layer`): layers
/// added there run inside CORS, so an authentication layer that answers `401` never sees a
/// preflight and its `401` still carries the CORS headers a script needs to read it.
///
/// # Compile-time checks
/// - a handler mounted on a method its policy does not list;
/// - the same method mounted twice on one path;
/// - a handler without `#[cors]` (the name does not resolve to a policy);
/// - an unknown method name (with a suggestion), `trace`, `connect` and `any`.
#[proc_macro]
pub fn cors_route(input: TokenStream) -> TokenStream {
    route::expand(input.into()).into()
}

/// Levenshtein distance between two short ASCII strings, for "did you mean" hints.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}
