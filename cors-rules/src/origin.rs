//! Origins as policies write them, and as requests carry them.

use crate::bytes::{
    bytes_eq, ends_with, find, rfind_byte, slice, starts_with, starts_with_ignore_case,
};
use crate::host::{self, canonical_ipv6, check_host_name, MAX_HOST_LEN};

/// The schemes a policy origin may have, longest first: `http` and `https` (web pages), the
/// browser-extension schemes of Chromium-based browsers and Firefox, and the schemes of
/// Tauri, Capacitor and Ionic app web views.
pub const ORIGIN_SCHEMES: &[&str] = &[
    "chrome-extension",
    "moz-extension",
    "capacitor",
    "https",
    "ionic",
    "tauri",
    "http",
];

/// The length of the longest origin a policy can ever allow: the longest scheme of
/// [`ORIGIN_SCHEMES`], `://`, a host of [`MAX_HOST_LEN`] bytes and `:65535`.
///
/// A request's `Origin` longer than this matches no policy entry and can be refused without
/// looking at it.
pub const MAX_ORIGIN_LEN: usize = longest_scheme() + "://".len() + MAX_HOST_LEN + ":65535".len();

const fn longest_scheme() -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < ORIGIN_SCHEMES.len() {
        if ORIGIN_SCHEMES[i].len() > max {
            max = ORIGIN_SCHEMES[i].len();
        }
        i += 1;
    }
    max
}

/// The shape of a valid origin entry of a policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OriginShape {
    /// One exact serialized origin, such as `https://app.example.com`.
    Exact,
    /// A subdomain pattern, such as `https://*.example.com`: `*` stands at byte `star`.
    Subdomains {
        /// Byte offset of the `*` in the pattern.
        star: usize,
    },
    /// Every port of one loopback host, such as `http://localhost:*` (development servers
    /// that pick a free port); the `*` is the last byte.
    AnyPort,
}

/// Why an origin written in a policy is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OriginError {
    /// The string is empty.
    Empty,
    /// The string is `null`, the origin of sandboxed and `file:` documents.
    Null,
    /// A bare `*` where only one origin is allowed (inside a list).
    Wildcard,
    /// Leading, trailing or inner whitespace.
    Whitespace,
    /// No `scheme://` in front.
    MissingScheme,
    /// The scheme has characters other than lowercase letters, digits, `+`, `-`, `.`.
    BadScheme,
    /// The scheme has uppercase letters.
    UppercaseScheme,
    /// A `file://` origin: browsers serialize it as `null`.
    FileScheme,
    /// A `data:`, `javascript:`, `blob:` or `about:` URL: such documents have no origin of
    /// their own to send.
    OpaqueScheme,
    /// A `ws://` or `wss://` origin: pages are never served over WebSocket.
    WebSocketScheme,
    /// A scheme browsers do not load pages from (`ftp`, or any other), so no `Origin` carries
    /// it.
    UnsupportedScheme,
    /// A `safari-web-extension://` origin: its host is a random identifier per installation.
    SafariExtension,
    /// `user@` or `user:pass@` before the host.
    Userinfo,
    /// A path after the host, including a lone trailing slash.
    Path,
    /// A `?query` after the host.
    Query,
    /// A `#fragment` after the host.
    Fragment,
    /// Nothing between `://` and the port or the end.
    EmptyHost,
    /// The host has uppercase letters.
    UppercaseHost,
    /// The host has non-ASCII characters.
    NonAsciiHost,
    /// The host has a character that no host can contain.
    BadHostChar,
    /// Two dots in a row, or a leading or trailing dot.
    EmptyLabel,
    /// A label starts or ends with `-`.
    HyphenEdge,
    /// A label longer than 63 bytes.
    LabelTooLong,
    /// A host longer than 253 bytes.
    HostTooLong,
    /// An `xn--` label that is not valid punycode for a non-ASCII label.
    BadPunycode,
    /// `*` anywhere but a leading `*.` label.
    MisplacedWildcard,
    /// A `*.` pattern on an IP address.
    WildcardIp,
    /// A `*.` pattern on a scheme other than `http` and `https`.
    WildcardScheme,
    /// An IPv6 address that is not bracketed, or a malformed bracketed one.
    BadIpv6,
    /// A valid IPv6 address not written the way browsers serialize it (see
    /// [`canonical_ipv6`]).
    NonCanonicalIpv6,
    /// An IPv4-looking host that is not a valid dotted quad.
    BadIpv4,
    /// A `chrome-extension://` host that is not an extension ID (32 letters `a` to `p`).
    BadExtensionId,
    /// A `moz-extension://` host that is not a lowercase UUID.
    BadExtensionUuid,
    /// `host:` with no digits after the colon.
    EmptyPort,
    /// A port with a non-digit.
    PortNotDigits,
    /// A port with a leading zero.
    PortLeadingZero,
    /// Port 0.
    PortZero,
    /// A port above 65535.
    PortTooLarge,
    /// `:443` on https or `:80` on http: browsers never send the default port.
    DefaultPort,
    /// A port on an extension or app origin, which never has one.
    UnexpectedPort,
    /// `:*` (any port) on a host that is not loopback.
    AnyPortNotLoopback,
    /// `:*` (any port) together with a `*.` subdomain pattern.
    AnyPortWithPattern,
}

impl OriginError {
    /// What is wrong, and how to fix it, in one lowercase sentence.
    pub const fn message(self) -> &'static str {
        match self {
            OriginError::Empty => "empty origin: write one origin as `scheme://host[:port]`, e.g. \"https://app.example.com\"",
            OriginError::Null => "`null` is the origin of sandboxed iframes and `file:` pages, which any site can produce; allowing it allows everyone: list the real origins instead",
            OriginError::Wildcard => "`*` cannot be one entry of a list: write `origin = \"*\"` alone to allow any origin, or list exact origins",
            OriginError::Whitespace => "origins contain no whitespace: remove the spaces",
            OriginError::MissingScheme => "an origin starts with a scheme: write `https://` (or `http://`) before the host",
            OriginError::BadScheme => "the scheme may contain only lowercase letters, digits, `+`, `-` and `.`",
            OriginError::UppercaseScheme => "browsers send the scheme in lowercase, so this never matches: write it in lowercase",
            OriginError::FileScheme => "`file://` pages send `Origin: null`, which cannot be allowed safely: serve the page over http(s) instead",
            OriginError::OpaqueScheme => "`data:`, `javascript:`, `blob:` and `about:` documents have no origin of their own: they send `null` or the origin of the page that created them, so list that page's `https://` origin instead",
            OriginError::WebSocketScheme => "pages never have a `ws://` or `wss://` origin: the `Origin` of a WebSocket handshake is the http(s) origin of the page that opens the socket, so list that origin instead",
            OriginError::UnsupportedScheme => "browsers do not load pages from this scheme, so no request carries it as its origin: list `https://` (or `http://`) origins, or an extension or app origin (`chrome-extension://`, `moz-extension://`, `tauri://`, `capacitor://`, `ionic://`)",
            OriginError::SafariExtension => "`safari-web-extension://` origins are not accepted: Safari puts a random UUID in them, different for each installation and not promised to stay the same, so an entry written here may stop matching; list `https://` origins, or Chrome and Firefox extension origins (`chrome-extension://<id>`, `moz-extension://<uuid>`)",
            OriginError::Userinfo => "an origin has no `user@` part: remove it",
            OriginError::Path => "an origin has no path, not even a trailing slash: browsers send `scheme://host[:port]` only, so remove everything from the first `/` after the host",
            OriginError::Query => "an origin has no query: remove everything from `?`",
            OriginError::Fragment => "an origin has no fragment: remove everything from `#`",
            OriginError::EmptyHost => "the host is missing: write it after `://`",
            OriginError::UppercaseHost => "browsers send the host in lowercase, so this never matches: write it in lowercase",
            OriginError::NonAsciiHost => "browsers send internationalized hosts in punycode: write the `xn--` form of the host",
            OriginError::BadHostChar => "a host contains only lowercase letters, digits, `-`, `_` and `.` (or is an IP address)",
            OriginError::EmptyLabel => "the host has an empty label (two dots in a row, or a leading or trailing dot): remove the extra dot",
            OriginError::HyphenEdge => "a host label cannot start or end with `-`",
            OriginError::LabelTooLong => "a host label (the part between two dots) is at most 63 bytes long, so no such host exists",
            OriginError::HostTooLong => "a host name is at most 253 bytes long, so no such host exists",
            OriginError::BadPunycode => "an `xn--` label must be the punycode of an internationalized label, and this one is not, so browsers refuse the URL: write the `xn--` form your browser shows for the host",
            OriginError::MisplacedWildcard => "`*` is only allowed as the whole first label, as in \"https://*.example.com\" (matching subdomains of example.com)",
            OriginError::WildcardIp => "a `*.` subdomain pattern needs a domain name, not an IP address",
            OriginError::WildcardScheme => "`*.` subdomain patterns are only for `https://` and `http://` origins: list the extension or app origin exactly",
            OriginError::BadIpv6 => "write an IPv6 host in brackets, in its compressed lowercase form, e.g. \"http://[::1]:8080\"",
            OriginError::NonCanonicalIpv6 => "browsers serialize an IPv6 host in lowercase hex without leading zeros, with the longest run of zero groups written `::` (and an embedded IPv4 address in hex), so this never matches",
            OriginError::BadIpv4 => "an IPv4 host is four decimal numbers 0-255 without leading zeros, e.g. \"http://127.0.0.1:8080\"",
            OriginError::BadExtensionId => "a Chrome extension origin is `chrome-extension://` followed by the 32-letter extension ID (letters `a` to `p`), as shown on chrome://extensions",
            OriginError::BadExtensionUuid => "a Firefox extension origin is `moz-extension://` followed by the internal UUID Firefox gave the extension when it was installed (each installation has its own; about:debugging shows it), in lowercase, e.g. \"moz-extension://0b2d1c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e\"",
            OriginError::EmptyPort => "a `:` must be followed by the port number; remove the `:` for the default port",
            OriginError::PortNotDigits => "the port must be decimal digits only",
            OriginError::PortLeadingZero => "browsers send the port without leading zeros, so this never matches: remove them",
            OriginError::PortZero => "port 0 is not a port a page can be served from",
            OriginError::PortTooLarge => "ports go up to 65535",
            OriginError::DefaultPort => "browsers never send the default port (443 for https, 80 for http), so this never matches: remove it",
            OriginError::UnexpectedPort => "extension and app origins have no port: remove it",
            OriginError::AnyPortNotLoopback => "`:*` (any port) is only for loopback hosts (`localhost`, `*.localhost`, `127.0.0.1`, `[::1]`), for development servers that change ports: on any other host every service, and every user who can open a port there, would be allowed; write the port, or read the development origins from configuration",
            OriginError::AnyPortWithPattern => "`:*` (any port) cannot be combined with a `*.` subdomain pattern: write one loopback host with any port, e.g. \"http://localhost:*\", or the pattern with one port",
        }
    }
}

/// What follows `scheme://` for each accepted scheme.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SchemeKind {
    /// `http`, `https`: host names, IP addresses, ports and `*.` patterns.
    Web,
    /// `chrome-extension`: a 32-letter extension ID.
    ChromeExtension,
    /// `moz-extension`: a lowercase UUID.
    MozExtension,
    /// `tauri`, `capacitor`, `ionic`: a host name (usually `localhost`), no port.
    App,
}

const fn scheme_kind(scheme: &[u8]) -> Result<SchemeKind, OriginError> {
    if bytes_eq(scheme, b"https") || bytes_eq(scheme, b"http") {
        Ok(SchemeKind::Web)
    } else if bytes_eq(scheme, b"chrome-extension") {
        Ok(SchemeKind::ChromeExtension)
    } else if bytes_eq(scheme, b"moz-extension") {
        Ok(SchemeKind::MozExtension)
    } else if bytes_eq(scheme, b"tauri")
        || bytes_eq(scheme, b"capacitor")
        || bytes_eq(scheme, b"ionic")
    {
        Ok(SchemeKind::App)
    } else if bytes_eq(scheme, b"file") {
        Err(OriginError::FileScheme)
    } else if bytes_eq(scheme, b"safari-web-extension") {
        Err(OriginError::SafariExtension)
    } else if bytes_eq(scheme, b"ws") || bytes_eq(scheme, b"wss") {
        Err(OriginError::WebSocketScheme)
    } else {
        Err(OriginError::UnsupportedScheme)
    }
}

/// Whether `s` starts with `data:`, `javascript:`, `blob:` or `about:` (any case).
const fn is_opaque_url(s: &[u8]) -> bool {
    starts_with_ignore_case(s, b"data:")
        || starts_with_ignore_case(s, b"javascript:")
        || starts_with_ignore_case(s, b"blob:")
        || starts_with_ignore_case(s, b"about:")
}

/// Checks an origin as written in a policy: `scheme://host[:port]`, the subdomain pattern
/// `scheme://*.host[:port]`, or every port of a loopback host, `http://localhost:*`.
///
/// Exactly what a browser serializes, so that a valid entry can be compared with a request's
/// `Origin` byte for byte:
/// - `https://` and `http://` origins: a lowercase host name (labels of letters, digits, `-`
///   and `_`, see [`check_labels`](crate::check_labels); punycode `xn--` labels for internationalized names), a
///   dotted-quad IPv4 address or a bracketed IPv6 address in its serialized form
///   ([`canonical_ipv6`]); a port without leading zeros that is not the scheme's default; and
///   the subdomain pattern `*.` in front of a host name.
/// - Extension origins: `chrome-extension://` + a 32-letter ID (`a` to `p`),
///   `moz-extension://` + a lowercase UUID.
/// - App origins: `tauri://`, `capacitor://`, `ionic://` + a host name (`localhost`).
///
/// Everything else is refused with the reason: `ws:`, `ftp:` and other schemes no page has;
/// `data:`, `javascript:`, `blob:`, `about:` and `file:` documents, which send `null` or their
/// creator's origin. `*` alone and `null` are errors here; the caller decides what a lone `*`
/// means.
///
/// ```
/// use cors_rules::{parse_origin, OriginError, OriginShape};
///
/// assert_eq!(parse_origin("https://app.example.com"), Ok(OriginShape::Exact));
/// assert_eq!(parse_origin("https://*.example.com"), Ok(OriginShape::Subdomains { star: 8 }));
/// assert_eq!(parse_origin("tauri://localhost"), Ok(OriginShape::Exact));
/// assert_eq!(parse_origin("http://localhost:*"), Ok(OriginShape::AnyPort));
/// assert_eq!(parse_origin("https://app.example.com:*"), Err(OriginError::AnyPortNotLoopback));
/// assert_eq!(parse_origin("https://app.example.com/"), Err(OriginError::Path));
/// assert_eq!(parse_origin("https://app.example.com:443"), Err(OriginError::DefaultPort));
/// assert_eq!(parse_origin("http://[0:0:0:0:0:0:0:1]:8080"), Err(OriginError::NonCanonicalIpv6));
/// assert_eq!(parse_origin("wss://app.example.com"), Err(OriginError::WebSocketScheme));
/// // Usable in `const`, so a policy literal is checked by the compiler.
/// const CHECKED: bool = parse_origin("http://localhost:5173").is_ok();
/// assert!(CHECKED);
/// ```
pub const fn parse_origin(s: &str) -> Result<OriginShape, OriginError> {
    let b = s.as_bytes();
    if b.is_empty() {
        return Err(OriginError::Empty);
    }
    // Whole-string checks first, so the most useful message wins.
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\t' || c == b'\n' || c == b'\r' {
            return Err(OriginError::Whitespace);
        }
        i += 1;
    }
    if bytes_eq(b, b"null") {
        return Err(OriginError::Null);
    }
    if bytes_eq(b, b"*") {
        return Err(OriginError::Wildcard);
    }
    if is_opaque_url(b) {
        return Err(OriginError::OpaqueScheme);
    }
    // Scheme.
    let sep = match find(b, b"://", 0) {
        Some(p) => p,
        None => return Err(OriginError::MissingScheme),
    };
    if sep == 0 {
        return Err(OriginError::MissingScheme);
    }
    let mut upper = false;
    i = 0;
    while i < sep {
        let c = b[i];
        let ok = if i == 0 {
            c.is_ascii_alphabetic()
        } else {
            c.is_ascii_alphanumeric() || c == b'+' || c == b'-' || c == b'.'
        };
        if !ok {
            return Err(OriginError::BadScheme);
        }
        if c.is_ascii_uppercase() {
            upper = true;
        }
        i += 1;
    }
    if upper {
        return Err(OriginError::UppercaseScheme);
    }
    let scheme = slice(b, 0, sep);
    let kind = match scheme_kind(scheme) {
        Ok(kind) => kind,
        Err(e) => return Err(e),
    };
    // Authority ends at the first '/', '?' or '#'.
    let auth_start = sep + 3;
    let mut end = auth_start;
    while end < b.len() && b[end] != b'/' && b[end] != b'?' && b[end] != b'#' {
        end += 1;
    }
    if end < b.len() {
        return Err(match b[end] {
            b'/' => OriginError::Path,
            b'?' => OriginError::Query,
            _ => OriginError::Fragment,
        });
    }
    let auth = slice(b, auth_start, end);
    if find(auth, b"@", 0).is_some() {
        return Err(OriginError::Userinfo);
    }
    // Split host and port.
    let (host, port) = if !auth.is_empty() && auth[0] == b'[' {
        let close = match find(auth, b"]", 0) {
            Some(p) => p,
            None => return Err(OriginError::BadIpv6),
        };
        let host = slice(auth, 0, close + 1);
        let rest = slice(auth, close + 1, auth.len());
        if rest.is_empty() {
            (host, None)
        } else if rest[0] == b':' {
            (host, Some(slice(rest, 1, rest.len())))
        } else {
            return Err(OriginError::BadIpv6);
        }
    } else {
        match rfind_byte(auth, b':') {
            Some(p) => (slice(auth, 0, p), Some(slice(auth, p + 1, auth.len()))),
            None => (auth, None),
        }
    };
    if host.is_empty() {
        return Err(OriginError::EmptyHost);
    }
    let shape = match kind {
        SchemeKind::Web => match check_host(host) {
            Ok(shape) => shape,
            Err(e) => return Err(e),
        },
        _ => match check_other_host(kind, host) {
            Ok(()) => HostShape::Name,
            Err(e) => return Err(e),
        },
    };
    if let Some(port) = port {
        if bytes_eq(port, b"*") {
            if !matches!(kind, SchemeKind::Web) {
                return Err(OriginError::UnexpectedPort);
            }
            if let HostShape::Pattern = shape {
                return Err(OriginError::AnyPortWithPattern);
            }
            if !is_loopback_host(host) {
                return Err(OriginError::AnyPortNotLoopback);
            }
            return Ok(OriginShape::AnyPort);
        }
        let n = match parse_port(port) {
            Ok(n) => n,
            Err(e) => return Err(e),
        };
        if !matches!(kind, SchemeKind::Web) {
            return Err(OriginError::UnexpectedPort);
        }
        if (n == 443 && bytes_eq(scheme, b"https")) || (n == 80 && bytes_eq(scheme, b"http")) {
            return Err(OriginError::DefaultPort);
        }
    }
    Ok(match shape {
        HostShape::Pattern => OriginShape::Subdomains { star: auth_start },
        _ => OriginShape::Exact,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum HostShape {
    Name,
    Pattern,
    Ip,
}

/// The host of an `http` or `https` origin.
const fn check_host(host: &[u8]) -> Result<HostShape, OriginError> {
    if host[0] == b'[' {
        let n = host.len();
        if n < 3 || host[n - 1] != b']' {
            return Err(OriginError::BadIpv6);
        }
        return match canonical_ipv6(slice(host, 1, n - 1)) {
            None => Err(OriginError::BadIpv6),
            Some(text) if bytes_eq(text.as_bytes(), slice(host, 1, n - 1)) => Ok(HostShape::Ip),
            Some(_) => Err(OriginError::NonCanonicalIpv6),
        };
    }
    // Character classes first.
    let mut i = 0;
    let mut upper = false;
    let mut all_digits_and_dots = true;
    while i < host.len() {
        let c = host[i];
        if c >= 0x80 {
            return Err(OriginError::NonAsciiHost);
        }
        if c.is_ascii_uppercase() {
            upper = true;
        } else if c == b'*' {
            if i != 0 {
                return Err(OriginError::MisplacedWildcard);
            }
        } else if c == b':' {
            return Err(OriginError::BadIpv6);
        } else if !(c.is_ascii_lowercase()
            || c.is_ascii_digit()
            || c == b'-'
            || c == b'_'
            || c == b'.')
        {
            return Err(OriginError::BadHostChar);
        }
        if !(c.is_ascii_digit() || c == b'.') {
            all_digits_and_dots = false;
        }
        i += 1;
    }
    if upper {
        return Err(OriginError::UppercaseHost);
    }
    let mut shape = HostShape::Name;
    let mut name = host;
    if host[0] == b'*' {
        if host.len() < 2 || host[1] != b'.' {
            return Err(OriginError::MisplacedWildcard);
        }
        name = slice(host, 2, host.len());
        if name.is_empty() {
            return Err(OriginError::EmptyHost);
        }
        shape = HostShape::Pattern;
    }
    let ip = looks_like_ipv4(name);
    if ip || all_digits_and_dots {
        if !is_ipv4(name) {
            return Err(OriginError::BadIpv4);
        }
        if let HostShape::Pattern = shape {
            return Err(OriginError::WildcardIp);
        }
        return Ok(HostShape::Ip);
    }
    // A pattern matches at least one more label and a dot in front of its base.
    if let HostShape::Pattern = shape {
        if name.len() + 2 > MAX_HOST_LEN {
            return Err(OriginError::HostTooLong);
        }
    }
    match check_host_name(name) {
        Ok(()) => Ok(shape),
        Err(e) => Err(e),
    }
}

/// The host of an extension or app origin.
const fn check_other_host(kind: SchemeKind, host: &[u8]) -> Result<(), OriginError> {
    if host[0] == b'*' {
        return Err(OriginError::WildcardScheme);
    }
    let mut i = 0;
    while i < host.len() {
        if host[i].is_ascii_uppercase() {
            return Err(OriginError::UppercaseHost);
        }
        i += 1;
    }
    match kind {
        SchemeKind::ChromeExtension => {
            if host.len() != 32 {
                return Err(OriginError::BadExtensionId);
            }
            i = 0;
            while i < host.len() {
                if !(b'a' <= host[i] && host[i] <= b'p') {
                    return Err(OriginError::BadExtensionId);
                }
                i += 1;
            }
            Ok(())
        }
        SchemeKind::MozExtension => {
            if host.len() != 36 {
                return Err(OriginError::BadExtensionUuid);
            }
            i = 0;
            while i < host.len() {
                let c = host[i];
                let ok = if i == 8 || i == 13 || i == 18 || i == 23 {
                    c == b'-'
                } else {
                    c.is_ascii_digit() || (b'a' <= c && c <= b'f')
                };
                if !ok {
                    return Err(OriginError::BadExtensionUuid);
                }
                i += 1;
            }
            Ok(())
        }
        _ => {
            if host[0] == b'[' {
                return Err(OriginError::BadHostChar);
            }
            check_host_name(host)
        }
    }
}

/// The last label is all digits: the host is meant as an IPv4 address.
const fn looks_like_ipv4(name: &[u8]) -> bool {
    if name.is_empty() {
        return false;
    }
    let mut i = name.len();
    while i > 0 && name[i - 1] != b'.' {
        if !name[i - 1].is_ascii_digit() {
            return false;
        }
        i -= 1;
    }
    i < name.len()
}

const fn is_ipv4(name: &[u8]) -> bool {
    let mut parts = 0;
    let mut i = 0;
    while i <= name.len() {
        let start = i;
        let mut value: u32 = 0;
        while i < name.len() && name[i] != b'.' {
            if !name[i].is_ascii_digit() || i - start >= 3 {
                return false;
            }
            value = value * 10 + (name[i] - b'0') as u32;
            i += 1;
        }
        let len = i - start;
        if len == 0 || value > 255 || (len > 1 && name[start] == b'0') {
            return false;
        }
        parts += 1;
        i += 1;
    }
    parts == 4
}

const fn parse_port(port: &[u8]) -> Result<u32, OriginError> {
    if port.is_empty() {
        return Err(OriginError::EmptyPort);
    }
    let mut i = 0;
    while i < port.len() {
        if !port[i].is_ascii_digit() {
            return Err(OriginError::PortNotDigits);
        }
        i += 1;
    }
    if port.len() > 1 && port[0] == b'0' {
        return Err(OriginError::PortLeadingZero);
    }
    if port.len() > 5 {
        return Err(OriginError::PortTooLarge);
    }
    let mut value: u32 = 0;
    i = 0;
    while i < port.len() {
        value = value * 10 + (port[i] - b'0') as u32;
        i += 1;
    }
    if value == 0 {
        return Err(OriginError::PortZero);
    }
    if value > 65_535 {
        return Err(OriginError::PortTooLarge);
    }
    Ok(value)
}

/// The host part of a valid origin (without brackets' removal), or of a pattern without `*.`.
///
/// `origin` must already have passed [`parse_origin`].
pub const fn host_of(origin: &str) -> &[u8] {
    let b = origin.as_bytes();
    let start = match find(b, b"://", 0) {
        Some(p) => p + 3,
        None => 0,
    };
    let mut host = slice(b, start, b.len());
    if !host.is_empty() && host[0] == b'[' {
        return match find(host, b"]", 0) {
            Some(p) => slice(host, 0, p + 1),
            None => host,
        };
    }
    if let Some(p) = rfind_byte(host, b':') {
        host = slice(host, 0, p);
    }
    if host.len() >= 2 && host[0] == b'*' && host[1] == b'.' {
        host = slice(host, 2, host.len());
    }
    host
}

/// The scheme of a valid origin (everything before `://`).
pub const fn scheme_of(origin: &str) -> &[u8] {
    let b = origin.as_bytes();
    match find(b, b"://", 0) {
        Some(p) => slice(b, 0, p),
        None => b,
    }
}

/// Whether a host names this machine: `localhost`, `*.localhost`, `127.0.0.0/8` or `[::1]`.
///
/// Plain-http origins are only trusted with credentials on such hosts: elsewhere a network
/// attacker can inject script into the http page.
pub const fn is_loopback_host(host: &[u8]) -> bool {
    bytes_eq(host, b"localhost")
        || ends_with(host, b".localhost")
        || bytes_eq(host, b"[::1]")
        || (starts_with(host, b"127.") && is_ipv4(host))
}

/// Whether a policy origin (already accepted by [`parse_origin`]) is plain `http://` on a host
/// that is not loopback, so that a network attacker can inject script into the page: such an
/// origin cannot be trusted with credentials. The rule book ([`crate::next_problem`]) applies
/// it; the other credentials rule for origins, a `*.` pattern on a public suffix, is
/// [`crate::next_suffix_problem`].
pub const fn is_plain_http_risk(origin: &str) -> bool {
    bytes_eq(scheme_of(origin), b"http") && !is_loopback_host(host_of(origin))
}

/// Whether `value` is one origin as browsers serialize it into an `Origin` header, read
/// leniently: `scheme://host[:port]` with any lowercase scheme, a host name of
/// [`check_host_name`] (one trailing dot allowed: browsers keep it, as in
/// `https://example.com.`) or a bracketed IPv6 address in its serialized form, and no path.
///
/// This is wider than [`parse_origin`] (policies are written strictly, browsers send whatever
/// the URL parser kept), and it is only used to tell an origin from garbage; allowed origins
/// are still compared byte for byte. `null` is not accepted here; callers decide about it.
pub const fn is_request_origin(value: &[u8]) -> bool {
    let sep = match find(value, b"://", 0) {
        Some(p) if p > 0 => p,
        _ => return false,
    };
    let mut i = 0;
    while i < sep {
        let c = value[i];
        let ok = if i == 0 {
            c.is_ascii_lowercase()
        } else {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'+' || c == b'-' || c == b'.'
        };
        if !ok {
            return false;
        }
        i += 1;
    }
    let auth = slice(value, sep + 3, value.len());
    if auth.is_empty() {
        return false;
    }
    let port = if auth[0] == b'[' {
        let close = match find(auth, b"]", 0) {
            Some(p) => p,
            None => return false,
        };
        if !host::is_canonical_ipv6_literal(slice(auth, 0, close + 1)) {
            return false;
        }
        let rest = slice(auth, close + 1, auth.len());
        if rest.is_empty() {
            None
        } else if rest[0] == b':' {
            Some(slice(rest, 1, rest.len()))
        } else {
            return false;
        }
    } else {
        let (mut host, port) = match rfind_byte(auth, b':') {
            Some(p) => (slice(auth, 0, p), Some(slice(auth, p + 1, auth.len()))),
            None => (auth, None),
        };
        if host.len() > 1 && host[host.len() - 1] == b'.' {
            host = slice(host, 0, host.len() - 1);
        }
        if check_host_name(host).is_err() {
            return false;
        }
        port
    };
    match port {
        None => true,
        Some(p) => match parse_port(p) {
            // Browsers never serialize the scheme's default port.
            Ok(n) => {
                let scheme = slice(value, 0, sep);
                !((n == 443 && bytes_eq(scheme, b"https"))
                    || (n == 80 && bytes_eq(scheme, b"http")))
            }
            Err(_) => false,
        },
    }
}

/// One entry of a policy's origin list: an exact origin or a `*.` subdomain pattern, already
/// checked by [`parse_origin`].
///
/// Build it with [`AllowedOrigin::parse`] in a `const`: an invalid entry fails the build.
///
/// ```
/// use cors_rules::AllowedOrigin;
///
/// const PREVIEWS: AllowedOrigin = AllowedOrigin::parse("https://*.preview.example.com");
/// assert!(PREVIEWS.matches(b"https://pr-7.preview.example.com"));
/// assert!(!PREVIEWS.matches(b"https://preview.example.com"));
/// assert!(!PREVIEWS.matches(b"https://evilpreview.example.com"));
/// ```
///
/// ```compile_fail
/// use cors_rules::AllowedOrigin;
/// // A trailing slash never matches what browsers send: a compile error in a `const`.
/// const BAD: AllowedOrigin = AllowedOrigin::parse("https://app.example.com/");
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AllowedOrigin {
    text: &'static str,
    /// Byte offset of `*` in a subdomain pattern; `usize::MAX` for an exact origin.
    star: usize,
    /// [`fingerprint`] of an exact entry (0 for a pattern): long lists compare it first.
    fingerprint: u64,
    /// `scheme://host:*`: every port of the host (`star` is then the last byte).
    any_port: bool,
}

/// A 64-bit FNV-1a hash of an origin. Policies with many exact origins hash the request's
/// `Origin` once and compare it with each entry's precomputed fingerprint, so only the entry
/// that can match is compared byte for byte.
pub const fn fingerprint(origin: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < origin.len() {
        hash ^= origin[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

impl AllowedOrigin {
    /// Parses `scheme://host[:port]` or the subdomain pattern `scheme://*.host[:port]`.
    ///
    /// # Panics
    /// When `text` is not a valid origin (see [`parse_origin`]); in a `const` this is a compile
    /// error carrying the reason.
    pub const fn parse(text: &'static str) -> AllowedOrigin {
        match AllowedOrigin::try_parse(text) {
            Ok(origin) => origin,
            Err(e) => panic!("{}", e.message()),
        }
    }

    /// Like [`AllowedOrigin::parse`], but returns the reason instead of panicking: the same
    /// rules for origins that arrive at run time (read from configuration at start-up, say)
    /// as for literals in the attribute.
    ///
    /// ```
    /// use cors_rules::{AllowedOrigin, OriginError};
    ///
    /// assert!(AllowedOrigin::try_parse("https://app.example.com").is_ok());
    /// assert_eq!(AllowedOrigin::try_parse("https://app.example.com:443"), Err(OriginError::DefaultPort));
    /// ```
    pub const fn try_parse(text: &'static str) -> Result<AllowedOrigin, OriginError> {
        match parse_origin(text) {
            Ok(OriginShape::Exact) => Ok(AllowedOrigin {
                text,
                star: usize::MAX,
                fingerprint: fingerprint(text.as_bytes()),
                any_port: false,
            }),
            Ok(OriginShape::Subdomains { star }) => Ok(AllowedOrigin {
                text,
                star,
                fingerprint: 0,
                any_port: false,
            }),
            Ok(OriginShape::AnyPort) => Ok(AllowedOrigin {
                text,
                star: text.len() - 1,
                fingerprint: 0,
                any_port: true,
            }),
            Err(e) => Err(e),
        }
    }

    /// An entry that [`parse_origin`] has already accepted with `shape` (the `#[cors]`
    /// attribute checks every origin when it expands), built without parsing it again:
    /// evaluating a policy of many origins then costs the compiler next to nothing.
    /// `fingerprint` is [`fingerprint`] of an exact entry's text, 0 otherwise.
    #[doc(hidden)]
    pub const fn __from_checked(
        text: &'static str,
        shape: OriginShape,
        fingerprint: u64,
    ) -> AllowedOrigin {
        match shape {
            OriginShape::Exact => AllowedOrigin {
                text,
                star: usize::MAX,
                fingerprint,
                any_port: false,
            },
            OriginShape::Subdomains { star } => AllowedOrigin {
                text,
                star,
                fingerprint: 0,
                any_port: false,
            },
            OriginShape::AnyPort => AllowedOrigin {
                text,
                star: text.len() - 1,
                fingerprint: 0,
                any_port: true,
            },
        }
    }

    /// The entry as written, e.g. `https://*.example.com`.
    pub const fn as_str(&self) -> &'static str {
        self.text
    }

    /// Whether this entry is a pattern, a `*.` subdomain pattern or a `:*` any-port entry:
    /// then the request's own value is echoed, as it is not the entry's text.
    pub const fn is_pattern(&self) -> bool {
        self.star != usize::MAX
    }

    /// Whether this entry allows every port of its host (`http://localhost:*`).
    pub const fn is_any_port(&self) -> bool {
        self.any_port
    }

    /// Like [`AllowedOrigin::matches`], for a caller that has hashed the request's origin with
    /// [`fingerprint`] already: an exact entry compares bytes only when the hashes agree.
    #[inline]
    pub fn matches_fingerprinted(&self, origin: &[u8], hash: u64) -> bool {
        if !self.is_pattern() && self.fingerprint != hash {
            return false;
        }
        self.matches(origin)
    }

    /// Whether a request's `Origin` value (raw bytes) is allowed by this entry.
    ///
    /// Exact entries compare byte for byte. A pattern `https://*.example.com` matches
    /// `https://` + one or more DNS labels + `.example.com`, and nothing else: not the apex, not
    /// `https://evilexample.com`, not `https://example.com.evil.net`. The labels follow the
    /// policy syntax ([`check_labels`](crate::check_labels): lowercase letters, digits, `-` and
    /// `_`, at most 63 bytes each), and the whole host is at most 253 bytes; a longer value is
    /// refused before it is scanned.
    ///
    /// An any-port entry `http://localhost:*` matches `http://localhost` and
    /// `http://localhost:<port>` for every port browsers serialize (1 to 65535, no leading
    /// zero, never the scheme's default), and nothing else: not `http://localhost.evil.net:80`,
    /// not `http://localhost:3000/`.
    #[inline]
    pub fn matches(&self, origin: &[u8]) -> bool {
        let text = self.text.as_bytes();
        if !self.is_pattern() {
            return origin == text;
        }
        if origin.len() > MAX_ORIGIN_LEN {
            return false;
        }
        if self.any_port {
            return matches_any_port(text, origin);
        }
        let prefix = &text[..self.star];
        // The suffix keeps the dot after `*`, so a match always ends on a label boundary.
        let suffix = &text[self.star + 1..];
        if origin.len() <= prefix.len() + suffix.len()
            || !origin.starts_with(prefix)
            || !origin.ends_with(suffix)
        {
            return false;
        }
        let labels = &origin[prefix.len()..origin.len() - suffix.len()];
        // The whole host: the labels, a dot and the pattern's base.
        let host_len = labels.len() + 1 + host_of(self.text).len();
        host_len <= MAX_HOST_LEN && host::check_labels(labels).is_ok()
    }
}

/// Whether `origin` is `entry` (`scheme://host:*`) with one of its ports: `scheme://host`
/// (the scheme's default port, which browsers leave out) or `scheme://host:<port>` with a
/// port as browsers serialize it (no leading zero, 1 to 65535, never the default). At most
/// six bytes are read past the host.
fn matches_any_port(entry: &[u8], origin: &[u8]) -> bool {
    // `entry` ends with `:*`.
    let base = &entry[..entry.len() - 2];
    if !origin.starts_with(base) {
        return false;
    }
    let rest = &origin[base.len()..];
    if rest.is_empty() {
        return true;
    }
    if rest[0] != b':' || rest.len() > 6 {
        return false;
    }
    match parse_port(&rest[1..]) {
        Ok(n) => {
            let scheme = scheme_of_bytes(base);
            !((n == 443 && scheme == b"https") || (n == 80 && scheme == b"http"))
        }
        Err(_) => false,
    }
}

const fn scheme_of_bytes(origin: &[u8]) -> &[u8] {
    match find(origin, b"://", 0) {
        Some(p) => slice(origin, 0, p),
        None => origin,
    }
}

/// Shows the entry as the attribute writes it: `"https://*.example.com"`.
impl core::fmt::Debug for AllowedOrigin {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.text, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suffix::{public_suffix, SuffixKind};

    extern crate std;
    use std::format;
    use std::string::String;

    #[test]
    fn exact_origins_compare_byte_for_byte() {
        let o = AllowedOrigin::parse("https://app.example.com");
        assert!(o.matches(b"https://app.example.com"));
        for no in [
            &b"https://app.example.com/"[..],
            b"https://APP.example.com",
            b"https://app.example.com:443",
            b"http://app.example.com",
            b"https://app.example.com.evil.net",
            b"null",
            b"",
            b"https://app.example.com, https://app.example.com",
        ] {
            assert!(!o.matches(no), "{}", String::from_utf8_lossy(no));
        }
        assert_eq!(format!("{o:?}"), "\"https://app.example.com\"");
    }

    #[test]
    fn any_port_entries_match_every_port_of_their_host_only() {
        let o = AllowedOrigin::parse("http://localhost:*");
        assert!(o.is_pattern() && o.is_any_port());
        for yes in [
            &b"http://localhost"[..],
            b"http://localhost:5173",
            b"http://localhost:1",
            b"http://localhost:65535",
        ] {
            assert!(o.matches(yes), "{}", String::from_utf8_lossy(yes));
        }
        for no in [
            &b"http://localhost:80"[..],
            b"http://localhost:0",
            b"http://localhost:05173",
            b"http://localhost:65536",
            b"http://localhost:123456",
            b"http://localhost:",
            b"http://localhost:5173/",
            b"http://localhost.evil.net",
            b"http://localhost.evil.net:80",
            b"http://localhostx:3000",
            b"https://localhost:3000",
            b"http://app.localhost:3000",
            b"http://localhost:*",
        ] {
            assert!(!o.matches(no), "{}", String::from_utf8_lossy(no));
        }
        let v6 = AllowedOrigin::parse("https://[::1]:*");
        assert!(v6.matches(b"https://[::1]:8443"));
        assert!(v6.matches(b"https://[::1]"));
        assert!(!v6.matches(b"https://[::1]:443"));
        assert!(
            AllowedOrigin::parse("http://app.localhost:*").matches(b"http://app.localhost:47381")
        );
        assert!(AllowedOrigin::parse("http://127.0.0.1:*").matches(b"http://127.0.0.1:47381"));
    }

    #[test]
    fn any_port_only_on_loopback_hosts() {
        for (text, want) in [
            (
                "https://app.example.com:*",
                Err(OriginError::AnyPortNotLoopback),
            ),
            ("http://10.0.0.1:*", Err(OriginError::AnyPortNotLoopback)),
            (
                "http://localhost.example.com:*",
                Err(OriginError::AnyPortNotLoopback),
            ),
            ("http://*.localhost:*", Err(OriginError::AnyPortWithPattern)),
            ("tauri://localhost:*", Err(OriginError::UnexpectedPort)),
            ("http://localhost:**", Err(OriginError::PortNotDigits)),
            ("http://localhost:*/", Err(OriginError::Path)),
            ("http://[::1]:*", Ok(OriginShape::AnyPort)),
            ("http://127.0.0.1:*", Ok(OriginShape::AnyPort)),
            ("https://dev.localhost:*", Ok(OriginShape::AnyPort)),
        ] {
            assert_eq!(parse_origin(text), want, "{text}");
        }
    }

    #[test]
    fn patterns_match_on_label_boundaries_only() {
        let o = AllowedOrigin::parse("https://*.example.com");
        assert!(o.is_pattern());
        assert!(o.matches(b"https://a.example.com"));
        assert!(o.matches(b"https://a.b-c.example.com"));
        for no in [
            &b"https://example.com"[..],
            b"https://evilexample.com",
            b"https://.example.com",
            b"https://a..example.com",
            b"https://-a.example.com",
            b"https://A.example.com",
            b"https://a.example.com.evil.net",
            b"http://a.example.com",
            b"https://a.example.com:8443",
            b"https://a/b.example.com",
            b"https://a:1.example.com",
        ] {
            assert!(!o.matches(no), "{}", String::from_utf8_lossy(no));
        }
        let with_port = AllowedOrigin::parse("https://*.example.com:8443");
        assert!(with_port.matches(b"https://a.example.com:8443"));
        assert!(!with_port.matches(b"https://a.example.com"));
    }

    #[test]
    fn patterns_take_the_policy_label_grammar_and_dns_bounds() {
        let o = AllowedOrigin::parse("https://*.example.com");
        assert!(o.matches(b"https://my_site.example.com"));
        assert!(o.matches(b"https://xn--bcher-kva.example.com"));
        assert!(!o.matches(b"https://xn--a.example.com"));
        assert!(!o.matches(b"https://a-.example.com"));
        let label = "a".repeat(63);
        assert!(o.matches(format!("https://{label}.example.com").as_bytes()));
        assert!(!o.matches(format!("https://a{label}.example.com").as_bytes()));
        // Labels of 63, 63, 63 and 49 bytes, 4 dots and `example.com`: 253 bytes of host.
        let host = format!("{label}.{label}.{label}.{}.example.com", "a".repeat(49));
        assert_eq!(host.len(), 253);
        assert!(o.matches(format!("https://{host}").as_bytes()));
        assert!(!o.matches(format!("https://a{host}").as_bytes()));
        assert!(!o.matches(format!("https://a.{host}").as_bytes()));
        // A huge "subdomain" is refused on its length alone.
        let huge = format!("https://{}.example.com", "a".repeat(100_000));
        assert!(!o.matches(huge.as_bytes()));
        let dotted = format!("https://{}example.com", "a.".repeat(50_000));
        assert!(!o.matches(dotted.as_bytes()));
    }

    #[test]
    fn accepts_serialized_origins() {
        for ok in [
            "https://app.example.com",
            "http://localhost:5173",
            "http://127.0.0.1:3000",
            "https://xn--bcher-kva.example",
            "https://my_site.example.com",
            "http://[::1]:8080",
            "http://[2001:db8::1]",
            "http://[::ffff:102:304]",
            "https://a-b.example.com:8443",
            "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
            "moz-extension://0b2d1c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
            "tauri://localhost",
            "capacitor://localhost",
            "ionic://localhost",
        ] {
            assert_eq!(parse_origin(ok), Ok(OriginShape::Exact), "{ok}");
        }
        assert_eq!(
            parse_origin("https://*.example.com"),
            Ok(OriginShape::Subdomains { star: 8 })
        );
        assert_eq!(
            parse_origin("http://*.my_site.localhost:3000"),
            Ok(OriginShape::Subdomains { star: 7 })
        );
    }

    #[test]
    fn refuses_each_malformed_shape() {
        let cases = [
            ("", OriginError::Empty),
            ("null", OriginError::Null),
            ("*", OriginError::Wildcard),
            (" https://a.com", OriginError::Whitespace),
            ("a.com", OriginError::MissingScheme),
            ("HTTPS://a.com", OriginError::UppercaseScheme),
            ("file:///etc", OriginError::FileScheme),
            ("https://u@a.com", OriginError::Userinfo),
            ("https://a.com/", OriginError::Path),
            ("https://a.com/x", OriginError::Path),
            ("https://a.com?x", OriginError::Query),
            ("https://a.com#x", OriginError::Fragment),
            ("https://", OriginError::EmptyHost),
            ("https://A.com", OriginError::UppercaseHost),
            ("https://bücher.de", OriginError::NonAsciiHost),
            ("https://a+b.com", OriginError::BadHostChar),
            ("https://a..com", OriginError::EmptyLabel),
            ("https://a.com.", OriginError::EmptyLabel),
            ("https://-a.com", OriginError::HyphenEdge),
            ("https://xn--a.com", OriginError::BadPunycode),
            ("https://*example.com", OriginError::MisplacedWildcard),
            ("https://a.*.com", OriginError::MisplacedWildcard),
            ("https://*.1.2.3.4", OriginError::WildcardIp),
            ("http://[::1", OriginError::BadIpv6),
            ("http://[1:::2]", OriginError::BadIpv6),
            (
                "http://[0:0:0:0:0:0:0:1]:8080",
                OriginError::NonCanonicalIpv6,
            ),
            ("http://[::0:1]", OriginError::NonCanonicalIpv6),
            ("http://[::ffff:1.2.3.4]", OriginError::NonCanonicalIpv6),
            ("http://[2001:DB8::1]", OriginError::NonCanonicalIpv6),
            ("http://256.1.1.1", OriginError::BadIpv4),
            ("http://01.1.1.1", OriginError::BadIpv4),
            ("https://a.com:", OriginError::EmptyPort),
            ("https://a.com:8x", OriginError::PortNotDigits),
            ("https://a.com:080", OriginError::PortLeadingZero),
            ("https://a.com:0", OriginError::PortZero),
            ("https://a.com:65536", OriginError::PortTooLarge),
            ("https://a.com:443", OriginError::DefaultPort),
            ("http://a.com:80", OriginError::DefaultPort),
        ];
        for (input, want) in cases {
            assert_eq!(parse_origin(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn schemes() {
        let cases = [
            ("ws://a.com:80", OriginError::WebSocketScheme),
            ("wss://a.com", OriginError::WebSocketScheme),
            ("ftp://a.com:21", OriginError::UnsupportedScheme),
            ("gopher://a.com", OriginError::UnsupportedScheme),
            ("safari-web-extension://abc", OriginError::SafariExtension),
            ("data:text/html,<p>", OriginError::OpaqueScheme),
            ("javascript:alert(1)", OriginError::OpaqueScheme),
            ("blob:https://a.com/0b2d1c3e", OriginError::OpaqueScheme),
            ("about:blank", OriginError::OpaqueScheme),
            ("DATA:,x", OriginError::OpaqueScheme),
            (
                "chrome-extension://abcdefghijklmnop",
                OriginError::BadExtensionId,
            ),
            (
                "chrome-extension://abcdefghijklmnopabcdefghijklmnoz",
                OriginError::BadExtensionId,
            ),
            (
                "chrome-extension://ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP",
                OriginError::UppercaseHost,
            ),
            (
                "chrome-extension://*.abcdefghijklmnopabcdefghijklmnop",
                OriginError::WildcardScheme,
            ),
            (
                "chrome-extension://abcdefghijklmnopabcdefghijklmnop:1",
                OriginError::UnexpectedPort,
            ),
            (
                "moz-extension://0b2d1c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4",
                OriginError::BadExtensionUuid,
            ),
            (
                "moz-extension://0b2d1c3e4f5a-4b6c-8d7e-9f0a1b2c3d4e0",
                OriginError::BadExtensionUuid,
            ),
            (
                "moz-extension://0B2D1C3E-4F5A-4B6C-8D7E-9F0A1B2C3D4E",
                OriginError::UppercaseHost,
            ),
            ("tauri://localhost:1430", OriginError::UnexpectedPort),
            ("capacitor://*.localhost", OriginError::WildcardScheme),
            ("ionic://", OriginError::EmptyHost),
            ("tauri://local host", OriginError::Whitespace),
            ("tauri://[::1]", OriginError::BadHostChar),
        ];
        for (input, want) in cases {
            assert_eq!(parse_origin(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn host_and_label_lengths() {
        let label = "a".repeat(63);
        let host = format!("{label}.{label}.{label}.{}", "a".repeat(61)); // 253 bytes
        assert_eq!(
            parse_origin(&format!("https://{label}.com")),
            Ok(OriginShape::Exact)
        );
        assert_eq!(
            parse_origin(&format!("https://a{label}.com")),
            Err(OriginError::LabelTooLong)
        );
        assert_eq!(
            parse_origin(&format!("https://{host}")),
            Ok(OriginShape::Exact)
        );
        assert_eq!(
            parse_origin(&format!("https://a{host}")),
            Err(OriginError::HostTooLong)
        );
        assert_eq!(
            parse_origin(&format!("https://a.{host}")),
            Err(OriginError::HostTooLong)
        );
        // A pattern's base leaves room for one label and a dot.
        let base: String = host[2..].into();
        assert_eq!(
            parse_origin(&format!("https://*.{base}")),
            Ok(OriginShape::Subdomains { star: 8 })
        );
        assert_eq!(
            parse_origin(&format!("https://*.{}", &host[1..])),
            Err(OriginError::HostTooLong)
        );
        // The longest origin a policy can allow.
        let longest = format!("chrome-extension://{host}:65535");
        assert_eq!(longest.len(), MAX_ORIGIN_LEN);
        assert!(format!("https://{host}:65535").len() <= MAX_ORIGIN_LEN);
    }

    #[test]
    fn request_origins_are_read_leniently() {
        for ok in [
            &b"https://a.com"[..],
            b"https://my_site.example.com",
            b"https://example.com.",
            b"http://[::1]:3000",
            b"chrome-extension://abc",
            b"https://xn--bcher-kva.example",
        ] {
            assert!(is_request_origin(ok), "{ok:?}");
        }
        for bad in [
            &b"null"[..],
            b"",
            b"https://",
            b"https://.",
            b"https://a.com/",
            b"https://A.com",
            b"HTTPS://a.com",
            b"https://a..com",
            b"https://a.com..",
            b"https://-a.com",
            b"https://xn--a.com",
            b"https://a.com:0",
            b"https://a.com:443",
            b"http://a.com:80",
            b"https://a.com, https://b.com",
            b"https://[::1",
            b"http://[0:0:0:0:0:0:0:1]",
        ] {
            assert!(!is_request_origin(bad), "{bad:?}");
        }
    }

    #[test]
    fn hosts_and_loopback() {
        assert_eq!(host_of("https://*.example.com:8443"), b"example.com");
        assert_eq!(host_of("http://[::1]:3000"), b"[::1]");
        assert!(is_loopback_host(b"localhost"));
        assert!(is_loopback_host(b"127.0.0.1"));
        assert!(is_loopback_host(b"[::1]"));
        assert!(!is_loopback_host(b"127.example.com"));
    }

    #[test]
    fn credentialed_origins() {
        struct Risk {
            plain_http: bool,
            public_suffix: Option<SuffixKind>,
        }
        impl Risk {
            fn is_safe(&self) -> bool {
                !self.plain_http && self.public_suffix.is_none()
            }
        }
        let risk = |o: &str| Risk {
            plain_http: is_plain_http_risk(o),
            public_suffix: match parse_origin(o).unwrap() {
                OriginShape::Subdomains { .. } => public_suffix(host_of(o)),
                OriginShape::Exact | OriginShape::AnyPort => None,
            },
        };
        assert!(risk("https://app.example.com").is_safe());
        assert!(risk("http://localhost:5173").is_safe());
        assert!(risk("http://127.0.0.1:3000").is_safe());
        assert!(risk("http://localhost:*").is_safe());
        assert!(risk("https://*.example.com").is_safe());
        assert!(risk("http://app.example.com").plain_http);
        assert!(risk("chrome-extension://abcdefghijklmnopabcdefghijklmnop").is_safe());
        assert!(risk("tauri://localhost").is_safe());
        // Public suffixes of both sections of the list, each named with its kind.
        for (pattern, kind) in [
            ("https://*.shop", SuffixKind::Icann),
            ("https://*.top", SuffixKind::Icann),
            ("https://*.gov.au", SuffixKind::Icann),
            ("https://*.com.mx", SuffixKind::Icann),
            ("https://*.com", SuffixKind::Icann),
            ("https://*.eu.org", SuffixKind::Private),
            ("https://*.uk.com", SuffixKind::Private),
            ("https://*.azurestaticapps.net", SuffixKind::Private),
            ("https://*.ngrok.app", SuffixKind::Private),
            ("https://*.trycloudflare.com", SuffixKind::Private),
            ("https://*.s3.us-east-1.amazonaws.com", SuffixKind::Private),
            ("https://*.github.io", SuffixKind::Private),
        ] {
            let r = risk(pattern);
            assert_eq!(r.public_suffix, Some(kind), "{pattern}");
            assert!(!r.is_safe(), "{pattern}");
        }
        // Registrable names: short ones too, and hosts under TLDs nobody can register.
        for pattern in [
            "https://*.fb.me",
            "https://*.wa.me",
            "https://*.example.com",
            "https://*.pages.github.io",
            "http://*.localhost:3000",
            "https://*.corp.internal",
            "https://*.app.test",
        ] {
            assert_eq!(risk(pattern).public_suffix, None, "{pattern}");
        }
        // An exact origin that happens to be a suffix is one site, not a pattern.
        assert!(risk("https://github.io").is_safe());
        let both = risk("http://*.com");
        assert!(both.plain_http && both.public_suffix == Some(SuffixKind::Icann));
    }
}
