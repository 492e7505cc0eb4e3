//! Macros of cors-runtime (placeholder while the attribute is built).
use proc_macro::TokenStream;

/// Placeholder.
#[proc_macro_attribute]
pub fn cors(_attr: TokenStream, item: TokenStream) -> TokenStream {
    item
}

/// Placeholder.
#[proc_macro]
pub fn cors_route(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
