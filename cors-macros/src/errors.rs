//! The error collector shared by `#[cors]` and `cors_route!`: every problem is collected, none
//! stops the others, and they are reported together in source order.

use std::fmt::Display;

use proc_macro2::Span;
use quote::ToTokens;

/// All the errors of one macro invocation, reported together.
///
/// Each error is tagged with a position (the index of the attribute key or mount it belongs
/// to, then of the list element), so that they come out in source order even though the rules
/// that involve several keys run after parsing.
#[derive(Default)]
pub(crate) struct Errors {
    all: Vec<((usize, usize), syn::Error)>,
    position: (usize, usize),
}

impl Errors {
    /// Tags the errors pushed from now on with `position` (a key's index in the attribute).
    pub(crate) fn set_position(&mut self, position: usize) {
        self.position = (position, 0);
    }

    /// Tags the errors pushed from now on with element `index` of the current key's list.
    pub(crate) fn set_element(&mut self, index: Option<usize>) {
        self.position.1 = index.map_or(0, |i| i + 1);
    }

    pub(crate) fn push(&mut self, error: syn::Error) {
        self.all.push((self.position, error));
    }

    /// An error pointing at one span.
    pub(crate) fn at(&mut self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// An error pointing at all of `tokens`.
    pub(crate) fn spanned(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// All errors as one, in source order.
    pub(crate) fn finish(mut self) -> Option<syn::Error> {
        self.all.sort_by_key(|(position, _)| *position);
        let mut all = self.all.into_iter().map(|(_, e)| e);
        let mut first = all.next()?;
        for error in all {
            first.combine(error);
        }
        Some(first)
    }
}
