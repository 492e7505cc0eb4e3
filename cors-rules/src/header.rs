//! Header names: tokens, the request headers a script may send, the response headers it may
//! read.

use crate::bytes::{eq_ignore_case, starts_with_ignore_case};

/// Whether a byte is a `tchar` of RFC 9110 (a header-name or method character).
pub const fn is_tchar(c: u8) -> bool {
    TCHAR[c as usize]
}

/// [`is_tchar`] as a table, so checking a token costs one load per byte.
const TCHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        table[c] = matches!(c as u8,
            b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_'
            | b'`' | b'|' | b'~' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z');
        c += 1;
    }
    table
};

/// Whether `s` is a non-empty token of RFC 9110: what a method or a header name must be.
pub const fn is_token(s: &[u8]) -> bool {
    if s.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < s.len() {
        if !is_tchar(s[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// Why a header name cannot be an allowed request header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestHeaderError {
    /// Not a token.
    NotToken,
    /// A forbidden request header: the browser sets it and scripts cannot.
    Forbidden,
    /// A `Sec-` or `Proxy-` name: the browser reserves them.
    ReservedPrefix,
    /// An `Access-Control-*` name: these are response headers (or the preflight's own).
    AccessControl,
}

impl RequestHeaderError {
    /// What is wrong, and how to fix it.
    pub const fn message(self) -> &'static str {
        match self {
            RequestHeaderError::NotToken => "a header name is a token: letters, digits and !#$%&'*+-.^_`|~, nothing else",
            RequestHeaderError::Forbidden => "this is a forbidden request header: the browser sets it itself and scripts cannot, so allowing it does nothing; remove it",
            RequestHeaderError::ReservedPrefix => "`sec-*` and `proxy-*` headers are reserved to the browser: scripts cannot set them; remove it",
            RequestHeaderError::AccessControl => "`access-control-*` headers are CORS response headers, not request headers a script sends; remove it",
        }
    }
}

const FORBIDDEN_REQUEST_HEADERS: &[&[u8]] = &[
    b"accept-charset",
    b"accept-encoding",
    b"access-control-request-headers",
    b"access-control-request-method",
    b"connection",
    b"content-length",
    b"cookie",
    b"cookie2",
    b"date",
    b"dnt",
    b"expect",
    b"host",
    b"keep-alive",
    b"origin",
    b"referer",
    b"set-cookie",
    b"te",
    b"trailer",
    b"transfer-encoding",
    b"upgrade",
    b"via",
];

/// Checks a name for the allowed-request-headers list (case-insensitive).
///
/// ```
/// use cors_rules::{check_request_header, RequestHeaderError};
///
/// assert_eq!(check_request_header(b"X-Api-Key"), Ok(()));
/// assert_eq!(check_request_header(b"cookie"), Err(RequestHeaderError::Forbidden));
/// assert_eq!(check_request_header(b"sec-fetch-site"), Err(RequestHeaderError::ReservedPrefix));
/// ```
pub const fn check_request_header(name: &[u8]) -> Result<(), RequestHeaderError> {
    if !is_token(name) {
        return Err(RequestHeaderError::NotToken);
    }
    let mut i = 0;
    while i < FORBIDDEN_REQUEST_HEADERS.len() {
        if eq_ignore_case(name, FORBIDDEN_REQUEST_HEADERS[i]) {
            return Err(RequestHeaderError::Forbidden);
        }
        i += 1;
    }
    if starts_with_ignore_case(name, b"sec-") || starts_with_ignore_case(name, b"proxy-") {
        return Err(RequestHeaderError::ReservedPrefix);
    }
    if starts_with_ignore_case(name, b"access-control-") {
        return Err(RequestHeaderError::AccessControl);
    }
    Ok(())
}

/// Why a header name cannot be exposed to scripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExposeHeaderError {
    /// Not a token.
    NotToken,
    /// `Set-Cookie` or `Set-Cookie2`, which browsers never expose.
    SetCookie,
}

impl ExposeHeaderError {
    /// What is wrong, and how to fix it.
    pub const fn message(self) -> &'static str {
        match self {
            ExposeHeaderError::NotToken => {
                "a header name is a token: letters, digits and !#$%&'*+-.^_`|~, nothing else"
            }
            ExposeHeaderError::SetCookie => {
                "browsers never let scripts read `set-cookie`, whatever the server says; remove it"
            }
        }
    }
}

/// Checks a name for the exposed-headers list (case-insensitive).
pub const fn check_expose_header(name: &[u8]) -> Result<(), ExposeHeaderError> {
    if !is_token(name) {
        return Err(ExposeHeaderError::NotToken);
    }
    if eq_ignore_case(name, b"set-cookie") || eq_ignore_case(name, b"set-cookie2") {
        return Err(ExposeHeaderError::SetCookie);
    }
    Ok(())
}

/// Whether `value` is a header value made of visible ASCII and spaces, as the precomputed
/// response header values must be.
pub const fn is_visible_header_value(value: &[u8]) -> bool {
    let mut i = 0;
    while i < value.len() {
        let c = value[i];
        if !(c == b'\t' || (c >= 0x20 && c < 0x7f)) {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names() {
        assert_eq!(check_request_header(b"Content-Type"), Ok(()));
        assert_eq!(
            check_request_header(b"cookie"),
            Err(RequestHeaderError::Forbidden)
        );
        assert_eq!(
            check_request_header(b"Sec-Fetch-Mode"),
            Err(RequestHeaderError::ReservedPrefix)
        );
        assert_eq!(
            check_request_header(b"proxy-authorization"),
            Err(RequestHeaderError::ReservedPrefix)
        );
        assert_eq!(
            check_request_header(b"access-control-allow-origin"),
            Err(RequestHeaderError::AccessControl)
        );
        assert_eq!(
            check_request_header(b"x y"),
            Err(RequestHeaderError::NotToken)
        );
        assert_eq!(
            check_expose_header(b"Set-Cookie"),
            Err(ExposeHeaderError::SetCookie)
        );
    }
}
