//! What to emit when the attribute or its item has errors.
//!
//! The handler is emitted exactly as written, so that the only errors the user sees are the
//! policy's own: no "cannot find function" from the rest of the crate, no const-evaluation
//! panic from a half-built policy. The companion is left out, since its policy is not valid.

use proc_macro2::TokenStream;
use quote::quote;

/// The unchanged item, preceded by every error.
pub(crate) fn handler_with_errors(item: TokenStream, errors: syn::Error) -> TokenStream {
    let errors = errors.into_compile_error();
    quote! {
        #errors
        #item
    }
}
