//! Methods a policy may list.

use crate::bytes::{bytes_eq, eq_ignore_case, is_lowercase};
use crate::header::is_token;

/// The methods a policy may list: the ones axum's method router can route to a handler (and
/// `cors_route!` can mount), spelled as browsers send them.
pub const STANDARD_METHODS: &[&str] = &["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

/// The methods a browser normalizes to uppercase when a script passes them in any case. Every
/// other method, `PATCH` included, is sent exactly as the script wrote it.
pub const NORMALIZED_METHODS: &[&str] = &["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];

/// Whether a method is forbidden by the Fetch standard (scripts cannot send it).
pub const fn is_forbidden_method(m: &[u8]) -> bool {
    eq_ignore_case(m, b"CONNECT") || eq_ignore_case(m, b"TRACE") || eq_ignore_case(m, b"TRACK")
}

/// Whether `m` is one of [`STANDARD_METHODS`], exactly (the methods a handler can be mounted
/// on).
pub const fn is_standard_method(m: &[u8]) -> bool {
    let mut i = 0;
    while i < STANDARD_METHODS.len() {
        if bytes_eq(STANDARD_METHODS[i].as_bytes(), m) {
            return true;
        }
        i += 1;
    }
    false
}

/// The method an axum method-router function mounts a handler on: `get` -> `GET`, ...,
/// `options` -> `OPTIONS`; `None` for any other name. The functions are the lowercase
/// [`STANDARD_METHODS`], so the two can never list different methods.
///
/// ```
/// assert_eq!(cors_rules::router_method("patch"), Some("PATCH"));
/// assert_eq!(cors_rules::router_method("PATCH"), None);
/// assert_eq!(cors_rules::router_method("trace"), None);
/// ```
pub const fn router_method(name: &str) -> Option<&'static str> {
    let n = name.as_bytes();
    let mut i = 0;
    while i < STANDARD_METHODS.len() {
        let m = STANDARD_METHODS[i].as_bytes();
        if eq_ignore_case(m, n) && is_lowercase(n) {
            return Some(STANDARD_METHODS[i]);
        }
        i += 1;
    }
    None
}

/// Why a method cannot be listed in a policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodError {
    /// Not a token.
    NotToken,
    /// `CONNECT`, `TRACE` or `TRACK`, which scripts cannot send.
    Forbidden,
    /// One of [`STANDARD_METHODS`] in another case (`patch`, `Get`).
    WrongCase,
    /// Any other method (`PURGE`, `PROPFIND`): axum's method router cannot route it to a
    /// handler, so a preflight for it can never be answered with that handler's policy.
    Custom,
}

impl MethodError {
    /// What is wrong, and how to fix it.
    pub const fn message(self) -> &'static str {
        match self {
            MethodError::NotToken => "a method is a token: letters, digits and !#$%&'*+-.^_`|~, nothing else",
            MethodError::Forbidden => "CONNECT, TRACE and TRACK are forbidden methods: browsers never let a script send them, so allowing one does nothing; remove it",
            MethodError::WrongCase => "methods compare case-sensitively and axum routes only uppercase methods; browsers uppercase DELETE, GET, HEAD, OPTIONS, POST and PUT before sending them, and send every other method, `patch` included, as the script wrote it",
            MethodError::Custom => "axum's method router routes only GET, HEAD, POST, PUT, DELETE, PATCH and OPTIONS to a handler, so no handler can be mounted on any other method and CORS can never be answered for it",
        }
    }
}

/// Checks a method for a policy's method list: exactly one of [`STANDARD_METHODS`].
///
/// ```
/// use cors_rules::{check_method, MethodError};
///
/// assert_eq!(check_method(b"PATCH"), Ok(()));
/// assert_eq!(check_method(b"patch"), Err(MethodError::WrongCase));
/// assert_eq!(check_method(b"PURGE"), Err(MethodError::Custom));
/// assert_eq!(check_method(b"TRACE"), Err(MethodError::Forbidden));
/// ```
pub const fn check_method(m: &[u8]) -> Result<(), MethodError> {
    if !is_token(m) {
        return Err(MethodError::NotToken);
    }
    if is_forbidden_method(m) {
        return Err(MethodError::Forbidden);
    }
    if is_standard_method(m) {
        return Ok(());
    }
    let mut i = 0;
    while i < STANDARD_METHODS.len() {
        let standard = STANDARD_METHODS[i].as_bytes();
        if eq_ignore_case(m, standard) {
            return Err(MethodError::WrongCase);
        }
        i += 1;
    }
    Err(MethodError::Custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;

    #[test]
    fn methods() {
        for ok in STANDARD_METHODS {
            assert_eq!(check_method(ok.as_bytes()), Ok(()), "{ok}");
        }
        assert_eq!(check_method(b"patch"), Err(MethodError::WrongCase));
        assert_eq!(check_method(b"Get"), Err(MethodError::WrongCase));
        assert_eq!(check_method(b"PURGE"), Err(MethodError::Custom));
        assert_eq!(check_method(b"purge"), Err(MethodError::Custom));
        assert_eq!(check_method(b"trace"), Err(MethodError::Forbidden));
        assert_eq!(check_method(b"CONNECT"), Err(MethodError::Forbidden));
        assert!(is_forbidden_method(b"trace"));
        assert_eq!(check_method(b"GET POST"), Err(MethodError::NotToken));
        assert_eq!(check_method(b""), Err(MethodError::NotToken));
        for m in STANDARD_METHODS {
            assert_eq!(router_method(&m.to_ascii_lowercase()), Some(*m));
        }
        assert_eq!(router_method("Get"), None);
        assert_eq!(router_method("any"), None);
    }
}
