//! `cors_route!`: mounts the handlers of one path and wires their policies.
//!
//! Like the attribute, in three steps: [`parse`] reads `method(handler), ...`, [`check`]
//! judges the mounts (known methods, from the one method table of `cors_rules`; each method
//! once), and [`expand`] writes the method router. Errors of every mount are reported
//! together; what only the policies know (is the method listed?) is checked by the compiler on
//! the generated `const`s.

mod check;
mod expand;
mod parse;

use proc_macro2::TokenStream;

use crate::errors::Errors;

/// Expands `cors_route!(...)`.
pub(crate) fn cors_route(input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let parsed = parse::parse(input, &mut errors);
    let mounts = check::check(parsed.mounts, &mut errors);
    match errors.finish() {
        Some(error) => error.to_compile_error(),
        None => expand::expand(&mounts, &parsed.layers),
    }
}
