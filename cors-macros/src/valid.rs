//! Every rule of a valid, secure policy, checked on the parsed attribute.
//!
//! The rules themselves (origin syntax, tokens, forbidden names, public suffixes, loopback
//! hosts) come from `cors_rules`, the same functions `cors-runtime` runs in `const`; this module
//! decides what to say and where to point. All problems are collected, none stops the others.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::LitStr;

use cors_rules as rules;

use crate::attr::{Attr, Errors, Name, Names, Origin};

/// A validated policy, with every name normalized, ready to be written out.
pub(crate) struct Policy {
    /// `None`: any origin.
    pub(crate) origins: Option<Vec<String>>,
    pub(crate) methods: Methods,
    /// `None`: any header (but `authorization`).
    pub(crate) headers: Option<Vec<String>>,
    /// `None`: every header exposed.
    pub(crate) expose: Option<Vec<String>>,
    pub(crate) credentials: bool,
    pub(crate) max_age: Option<u64>,
    pub(crate) private_network: bool,
}

pub(crate) enum Methods {
    Any,
    List(Vec<String>),
    Mounted,
}

/// Checks the attribute. The result is only meaningful when no error was pushed.
pub(crate) fn check(attr: &Attr, errors: &mut Errors) -> Policy {
    let credentials = attr.credentials.is_some_and(|f| f.value);
    errors.set_position(attr.position("origin"));
    let origins = match (&attr.origin, attr.has("origin") || attr.origin_misspelled) {
        (None, false) => {
            errors.at(
                Span::call_site(),
                "missing `origin`: say which origins may call this handler, e.g. \
                 `#[cors(origin = \"https://app.example.com\")]`, or `origin = \"*\"` for any origin",
            );
            None
        }
        // Written, but its value was already reported.
        (None, true) => None,
        (Some(origin), _) => origins(origin, credentials, errors),
    };
    errors.set_position(attr.position("methods"));
    let methods = methods(attr.methods.as_ref(), credentials, errors);
    errors.set_position(attr.position("headers"));
    let headers = match &attr.headers {
        None => Some(Vec::new()),
        Some(names) => header_list(names, Role::Request, credentials, errors),
    };
    errors.set_position(attr.position("expose"));
    let expose = match &attr.expose {
        None => Some(Vec::new()),
        Some(names) => header_list(names, Role::Expose, credentials, errors),
    };
    errors.set_position(attr.position("max_age"));
    let max_age = attr.max_age.as_ref().and_then(|age| match age.seconds {
        Some(s) if s <= rules::MAX_AGE_LIMIT => Some(s),
        _ => {
            errors.spanned(
                &age.lit,
                format_args!(
                    "`max_age` is at most {} seconds (24 hours): browsers cache a preflight for \
                     at most 86400 s (Firefox) or 7200 s (Chromium), so a larger value only \
                     misleads; write e.g. `max_age = 7200`",
                    rules::MAX_AGE_LIMIT
                ),
            );
            None
        }
    });
    Policy {
        origins,
        methods,
        headers,
        expose,
        credentials,
        max_age,
        private_network: attr.private_network.is_some_and(|f| f.value),
    }
}

// ---------------------------------------------------------------------------------------------
// Origins

fn origins(origin: &Origin, credentials: bool, errors: &mut Errors) -> Option<Vec<String>> {
    match origin {
        Origin::Any(lit) => {
            if credentials {
                errors.spanned(
                    lit,
                    "`credentials` cannot be allowed for any origin: browsers refuse \
                     `access-control-allow-origin: *` on requests with cookies, and reflecting every \
                     origin instead would let any site act as the user; list the exact origins, or \
                     remove `credentials`",
                );
            }
            None
        }
        Origin::List { items, span } => {
            if items.is_empty() {
                errors.at(
                    *span,
                    "the origin list is empty: list at least one origin, e.g. \
                     `origin = [\"https://app.example.com\"]`, or write `origin = \"*\"` for any origin",
                );
            }
            let mut seen: Vec<String> = Vec::new();
            for lit in items {
                let text = lit.value();
                match rules::parse_origin(&text) {
                    Err(e) => errors.spanned(lit, origin_message(&text, e)),
                    Ok(shape) => {
                        if seen.contains(&text) {
                            errors.spanned(
                                lit,
                                format_args!("\"{text}\" is listed twice: remove this one"),
                            );
                        } else if credentials {
                            credentialed_origin(lit, &text, shape, errors);
                        }
                    }
                }
                seen.push(text);
            }
            Some(seen)
        }
    }
}

/// The rule's message, with the corrected origin when there is an obvious one.
fn origin_message(text: &str, error: rules::OriginError) -> String {
    if error == rules::OriginError::UnsupportedScheme && text.starts_with("safari-web-extension:") {
        return "`safari-web-extension://` origins are not accepted: Safari puts a random UUID in \
                them, different for each installation and not promised to stay the same, so an \
                entry written here may stop matching; list `https://` origins, or Chrome and \
                Firefox extension origins (`chrome-extension://<id>`, `moz-extension://<uuid>`)"
            .to_string();
    }
    let base = error.message();
    match fixed_origin(text, error) {
        Some(fixed) => format!("{base}; did you mean \"{fixed}\"?"),
        None => base.to_string(),
    }
}

/// The origin the user most likely meant, when it is valid.
fn fixed_origin(text: &str, error: rules::OriginError) -> Option<String> {
    use rules::OriginError as E;
    let fixed = match error {
        E::Path | E::Query | E::Fragment => without_path(text)?,
        E::UppercaseScheme | E::UppercaseHost => text.to_ascii_lowercase(),
        E::Whitespace => text.split_whitespace().collect(),
        E::MissingScheme => format!("https://{}", text.trim_start_matches("//")),
        E::DefaultPort | E::EmptyPort => text[..text.rfind(':')?].to_string(),
        E::PortLeadingZero => {
            let colon = text.rfind(':')?;
            let port = text[colon + 1..].trim_start_matches('0');
            format!("{}:{port}", &text[..colon])
        }
        E::NonCanonicalIpv6 => {
            let open = text.find('[')?;
            let close = text.find(']')?;
            let canonical = rules::canonical_ipv6(&text.as_bytes()[open + 1..close])?;
            format!("{}{}{}", &text[..=open], canonical.as_str(), &text[close..])
        }
        // A `blob:` URL's origin is the origin of the URL inside it.
        E::OpaqueScheme if text.get(..5)?.eq_ignore_ascii_case("blob:") => {
            let inner = &text[5..];
            match rules::parse_origin(inner) {
                Ok(_) => inner.to_string(),
                Err(E::Path | E::Query | E::Fragment) => without_path(inner)?,
                Err(_) => return None,
            }
        }
        _ => return None,
    };
    // Suggest only what is itself a valid origin (fixing one thing may reveal another).
    (fixed != text && rules::parse_origin(&fixed).is_ok()).then_some(fixed)
}

/// `scheme://host[:port]` without what follows it.
fn without_path(text: &str) -> Option<String> {
    let start = text.find("://")? + 3;
    let end = text[start..].find(['/', '?', '#'])? + start;
    Some(text[..end].to_string())
}

fn credentialed_origin(lit: &LitStr, text: &str, shape: rules::OriginShape, errors: &mut Errors) {
    let risk = rules::credentials_risk(text, shape);
    if risk.plain_http {
        errors.spanned(
            lit,
            "with `credentials`, a plain `http://` origin cannot be trusted: a network attacker can \
             inject script into the http page and act as the user; use the `https://` origin \
             (plain http is only allowed for loopback hosts such as `http://localhost:3000`), or \
             remove `credentials`",
        );
    }
    if let Some(kind) = risk.public_suffix {
        let suffix = String::from_utf8_lossy(rules::host_of(text));
        let who = match kind {
            rules::SuffixKind::Icann => "a registry where anyone can register a name",
            rules::SuffixKind::Private => {
                "its owner hands out names under it to unrelated customers"
            }
        };
        let deeper = text.replacen("*.", "*.your-domain.", 1);
        errors.spanned(
            lit,
            format_args!(
                "with `credentials`, a pattern on the public suffix `{suffix}` trusts every site \
                 that anyone registers under `{suffix}` ({} of the Public Suffix List: {who}); \
                 list the exact origins instead, or a pattern one label deeper under a domain you \
                 own, such as \"{deeper}\", or remove `credentials`",
                kind.describe()
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Methods

fn methods(names: Option<&Names>, credentials: bool, errors: &mut Errors) -> Methods {
    match names {
        None => Methods::Mounted,
        Some(Names::Any(lit)) => {
            if credentials {
                errors.spanned(
                    lit,
                    "with `credentials`, browsers read `access-control-allow-methods: *` as a \
                     method literally named `*`, not as a wildcard: list the methods, e.g. \
                     `methods = [GET, POST]`, or remove `credentials`",
                );
            }
            Methods::Any
        }
        Some(Names::List { items, span }) => {
            if items.is_empty() {
                errors.at(
                    *span,
                    "the method list is empty: list at least one method, e.g. `methods = [GET]`, \
                     or remove `methods` to allow the methods the handler is mounted on",
                );
            }
            let mut seen: Vec<String> = Vec::new();
            for name in items {
                if let Some(method) = method(name, errors) {
                    if seen.contains(&method) {
                        errors.spanned(
                            name,
                            format_args!("`{method}` is listed twice: remove this one"),
                        );
                    } else {
                        seen.push(method);
                    }
                }
            }
            Methods::List(seen)
        }
    }
}

fn is_standard(m: &str) -> bool {
    rules::check_method(m.as_bytes()).is_ok()
}

fn is_normalized(m: &str) -> bool {
    rules::NORMALIZED_METHODS.contains(&m)
}

fn forbidden_method(m: &str) -> String {
    format!(
        "`{m}` is one of the forbidden methods CONNECT, TRACE and TRACK: browsers never let a \
         script send it, so allowing it does nothing; remove it"
    )
}

fn custom_method(m: &str) -> String {
    format!(
        "`{m}` cannot be allowed: axum's method router routes only GET, HEAD, POST, PUT, DELETE, \
         PATCH and OPTIONS to a handler, so no handler can be mounted on `{m}` and CORS can never \
         be answered for it; remove it"
    )
}

/// Checks one method; returns it as it will be compared.
fn method(name: &Name, errors: &mut Errors) -> Option<String> {
    let (m, quoted) = match name {
        Name::Ident(ident) => (ident.unraw().to_string(), false),
        Name::Str(lit) => (lit.value(), true),
    };
    let upper = m.to_ascii_uppercase();
    let message = match rules::check_method(m.as_bytes()) {
        Ok(()) => return Some(m),
        Err(_) if quoted && m == "*" => star_in_list("methods", "method"),
        Err(rules::MethodError::NotToken) => {
            let hint = match split_list(&m, true) {
                Some(parts) => format!("; write one method per element, `[{parts}]`"),
                None => String::new(),
            };
            format!(
                "{m:?} is not a valid method: a method is a token of letters, digits and \
                 !#$%&'*+-.^_`|~, without spaces or separators{hint}"
            )
        }
        Err(rules::MethodError::Forbidden) => forbidden_method(&m),
        Err(rules::MethodError::WrongCase) => wrong_case(&m, &upper),
        Err(rules::MethodError::Custom) => {
            if !quoted && (upper == "ANY" || upper == "ALL") {
                format!(
                    "`{m}` is not a method: to allow any method write `methods = \"*\"` \
                     (without brackets), or list the methods"
                )
            } else if let Some(near) = closest(&upper, rules::STANDARD_METHODS.iter().copied(), 2) {
                format!("unknown method `{m}`: did you mean `{near}`?")
            } else {
                custom_method(&m)
            }
        }
    };
    errors.spanned(name, message);
    None
}

/// The message for a standard method written in another case.
fn wrong_case(m: &str, upper: &str) -> String {
    if is_normalized(upper) {
        format!(
            "methods compare case-sensitively, and browsers uppercase `{m}` to `{upper}` before \
             sending it, so `{m}` never matches: write `{upper}`"
        )
    } else {
        format!(
            "write `{upper}`: methods compare case-sensitively, and axum routes only `{upper}`; \
             browsers uppercase only DELETE, GET, HEAD, OPTIONS, POST and PUT, so \
             `fetch(url, {{method: \"{m}\"}})` sends `{m}` as written, which no handler \
             serves: scripts must write `{upper}` too"
        )
    }
}

/// `"GET, POST"` -> `"GET", "POST"`, when the parts are tokens: several names written as one
/// string. Whitespace separates too when `spaces` is set (methods never contain spaces, header
/// names may be meant as one name with spaces in place of `-`).
fn split_list(text: &str, spaces: bool) -> Option<String> {
    if !spaces && !text.contains(',') {
        return None;
    }
    let parts: Vec<&str> = text
        .split(|c: char| c == ',' || (spaces && c.is_whitespace()))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let shown = |p: &&str| {
        // A standard method is shown as the identifier the attribute prefers.
        if spaces && is_standard(p) {
            p.to_string()
        } else {
            format!("{p:?}")
        }
    };
    (parts.len() > 1 && parts.iter().all(|p| rules::is_token(p.as_bytes())))
        .then(|| parts.iter().map(shown).collect::<Vec<_>>().join(", "))
}

fn star_in_list(key: &str, noun: &str) -> String {
    format!(
        "`\"*\"` inside the list is a {noun} literally named `*`: write `{key} = \"*\"` without \
         brackets for the wildcard"
    )
}

// ---------------------------------------------------------------------------------------------
// Headers

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Request,
    Expose,
}

fn header_list(
    names: &Names,
    role: Role,
    credentials: bool,
    errors: &mut Errors,
) -> Option<Vec<String>> {
    let key = match role {
        Role::Request => "headers",
        Role::Expose => "expose",
    };
    match names {
        Names::Any(lit) => {
            if credentials {
                let (header, example) = match role {
                    Role::Request => (
                        "access-control-allow-headers",
                        "headers = [\"content-type\"]",
                    ),
                    Role::Expose => (
                        "access-control-expose-headers",
                        "expose = [\"x-request-id\"]",
                    ),
                };
                errors.spanned(
                    lit,
                    format_args!(
                        "with `credentials`, browsers read `{header}: *` as a header literally named \
                         `*`, not as a wildcard: list the names, e.g. `{example}`, or remove \
                         `credentials`"
                    ),
                );
            }
            None
        }
        Names::List { items, .. } => {
            let mut seen: Vec<String> = Vec::new();
            for name in items {
                let Some(header) = header(name, role, key, errors) else {
                    continue;
                };
                if seen.contains(&header) {
                    errors.spanned(
                        name,
                        format_args!(
                            "`{header}` is listed twice (header names compare case-insensitively): \
                             remove this one"
                        ),
                    );
                } else {
                    seen.push(header);
                }
            }
            Some(seen)
        }
    }
}

/// Checks one header name; returns it lowercase.
fn header(name: &Name, role: Role, key: &str, errors: &mut Errors) -> Option<String> {
    let lower = match name {
        Name::Ident(ident) => header_constant(ident, errors)?,
        Name::Str(lit) => {
            let text = lit.value();
            if text == "*" {
                errors.spanned(lit, star_in_list(key, "header"));
                return None;
            }
            text.to_ascii_lowercase()
        }
    };
    let problem = match role {
        Role::Request => rules::check_request_header(lower.as_bytes())
            .err()
            .map(|e| e.message()),
        Role::Expose => rules::check_expose_header(lower.as_bytes())
            .err()
            .map(|e| e.message()),
    };
    match problem {
        Some(message) => {
            let hint = if rules::is_token(lower.as_bytes()) {
                String::new()
            } else if let Some(parts) = split_list(&lower, false) {
                format!("; write one name per element, `[{parts}]`")
            } else {
                let joined = lower.split_whitespace().collect::<Vec<_>>().join("-");
                if joined != lower && rules::is_token(joined.as_bytes()) {
                    format!("; did you mean \"{joined}\"?")
                } else {
                    String::new()
                }
            };
            errors.spanned(name, format_args!("`{lower}`: {message}{hint}"));
            None
        }
        None => Some(lower),
    }
}

/// Names of the constants of `http::header`; each is its header name uppercased with `-` as `_`.
const HEADER_CONSTANTS: &[&str] = &[
    "ACCEPT",
    "ACCEPT_CHARSET",
    "ACCEPT_ENCODING",
    "ACCEPT_LANGUAGE",
    "ACCEPT_RANGES",
    "ACCESS_CONTROL_ALLOW_CREDENTIALS",
    "ACCESS_CONTROL_ALLOW_HEADERS",
    "ACCESS_CONTROL_ALLOW_METHODS",
    "ACCESS_CONTROL_ALLOW_ORIGIN",
    "ACCESS_CONTROL_EXPOSE_HEADERS",
    "ACCESS_CONTROL_MAX_AGE",
    "ACCESS_CONTROL_REQUEST_HEADERS",
    "ACCESS_CONTROL_REQUEST_METHOD",
    "AGE",
    "ALLOW",
    "ALT_SVC",
    "AUTHORIZATION",
    "CACHE_CONTROL",
    "CACHE_STATUS",
    "CDN_CACHE_CONTROL",
    "CONNECTION",
    "CONTENT_DISPOSITION",
    "CONTENT_ENCODING",
    "CONTENT_LANGUAGE",
    "CONTENT_LENGTH",
    "CONTENT_LOCATION",
    "CONTENT_RANGE",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    "CONTENT_TYPE",
    "COOKIE",
    "DNT",
    "DATE",
    "ETAG",
    "EXPECT",
    "EXPIRES",
    "FORWARDED",
    "FROM",
    "HOST",
    "IF_MATCH",
    "IF_MODIFIED_SINCE",
    "IF_NONE_MATCH",
    "IF_RANGE",
    "IF_UNMODIFIED_SINCE",
    "LAST_MODIFIED",
    "LINK",
    "LOCATION",
    "MAX_FORWARDS",
    "ORIGIN",
    "PRAGMA",
    "PROXY_AUTHENTICATE",
    "PROXY_AUTHORIZATION",
    "PUBLIC_KEY_PINS",
    "PUBLIC_KEY_PINS_REPORT_ONLY",
    "RANGE",
    "REFERER",
    "REFERRER_POLICY",
    "REFRESH",
    "RETRY_AFTER",
    "SEC_WEBSOCKET_ACCEPT",
    "SEC_WEBSOCKET_EXTENSIONS",
    "SEC_WEBSOCKET_KEY",
    "SEC_WEBSOCKET_PROTOCOL",
    "SEC_WEBSOCKET_VERSION",
    "SERVER",
    "SET_COOKIE",
    "STRICT_TRANSPORT_SECURITY",
    "TE",
    "TRAILER",
    "TRANSFER_ENCODING",
    "USER_AGENT",
    "UPGRADE",
    "UPGRADE_INSECURE_REQUESTS",
    "VARY",
    "VIA",
    "WARNING",
    "WWW_AUTHENTICATE",
    "X_CONTENT_TYPE_OPTIONS",
    "X_DNS_PREFETCH_CONTROL",
    "X_FRAME_OPTIONS",
    "X_XSS_PROTECTION",
];

/// `CONTENT_TYPE` -> `content-type`.
pub(crate) fn constant_to_header(constant: &str) -> String {
    constant.to_ascii_lowercase().replace('_', "-")
}

/// Resolves an `http::header` constant name, or explains why it is not one.
fn header_constant(ident: &syn::Ident, errors: &mut Errors) -> Option<String> {
    let name = ident.unraw().to_string();
    if HEADER_CONSTANTS.contains(&name.as_str()) {
        return Some(constant_to_header(&name));
    }
    let as_header = constant_to_header(&name);
    let upper = name.to_ascii_uppercase();
    let message = if HEADER_CONSTANTS.contains(&upper.as_str()) {
        format!(
            "the constants of `http::header` are uppercase: write `{upper}`, or the name as a \
             string literal, \"{as_header}\""
        )
    } else if let Some(near) = closest(&upper, HEADER_CONSTANTS.iter().copied(), 2) {
        format!("`{name}` is not a constant of `http::header`: did you mean `{near}`?")
    } else {
        format!(
            "`{name}` is not a constant of `http::header`: write the header name as a string \
             literal, \"{as_header}\""
        )
    };
    errors.spanned(ident, message);
    None
}

// ---------------------------------------------------------------------------------------------
// Suggestions

/// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbours each cost 1, so `GTE` is 1 away from `GET`.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a = a.as_bytes();
    let b = b.as_bytes();
    // rows[i][j]: distance between a[..i] and b[..j].
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// The candidate nearest to `word`, if it is at most `max` edits away and the edits do not
/// rewrite most of a short word (`AB` is not a misspelling of `GET`).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
    max: usize,
) -> Option<&'a str> {
    let limit = max.min(word.len().saturating_sub(1)).max(1);
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_swaps_once() {
        assert_eq!(edit_distance("GET", "GET"), 0);
        assert_eq!(edit_distance("GTE", "GET"), 1);
        assert_eq!(edit_distance("POTS", "POST"), 1);
        assert_eq!(edit_distance("DELET", "DELETE"), 1);
        assert_eq!(edit_distance("", "GET"), 3);
        assert_eq!(edit_distance("PURGE", "PUT"), 3);
        assert_eq!(edit_distance("orgin", "origin"), 1);
    }

    #[test]
    fn suggests_only_close_standard_methods() {
        let methods = || rules::STANDARD_METHODS.iter().copied();
        assert_eq!(closest("GTE", methods(), 2), Some("GET"));
        assert_eq!(closest("PTACH", methods(), 2), Some("PATCH"));
        assert_eq!(closest("OPTION", methods(), 2), Some("OPTIONS"));
        assert_eq!(closest("PURGE", methods(), 2), None);
        assert_eq!(closest("MKCOL", methods(), 2), None);
        assert_eq!(closest("REPORT", methods(), 2), None);
        assert_eq!(closest("SEARCH", methods(), 2), None);
    }

    #[test]
    fn header_constants_convert_to_names() {
        assert_eq!(constant_to_header("CONTENT_TYPE"), "content-type");
        assert_eq!(constant_to_header("AUTHORIZATION"), "authorization");
        assert_eq!(constant_to_header("X_XSS_PROTECTION"), "x-xss-protection");
        for constant in HEADER_CONSTANTS {
            let name = constant_to_header(constant);
            assert!(rules::is_token(name.as_bytes()), "{name}");
            assert!(!name.contains('_'), "{name}");
        }
    }

    #[test]
    fn fixes_obvious_origin_mistakes() {
        use rules::OriginError as E;
        let fix = |s: &str| fixed_origin(s, rules::parse_origin(s).unwrap_err());
        assert_eq!(fix("https://a.com/"), Some("https://a.com".into()));
        assert_eq!(fix("https://a.com/app?x"), Some("https://a.com".into()));
        assert_eq!(fix("https://App.com"), Some("https://app.com".into()));
        assert_eq!(fix("https://a.com:443"), Some("https://a.com".into()));
        assert_eq!(fix("a.com"), Some("https://a.com".into()));
        assert_eq!(
            fix("https://a.com:08080"),
            Some("https://a.com:8080".into())
        );
        assert_eq!(
            fix("http://[0:0:0:0:0:0:0:1]:8080"),
            Some("http://[::1]:8080".into())
        );
        assert_eq!(fix("http://[::0:1]"), Some("http://[::1]".into()));
        assert_eq!(
            fix("http://[::FFFF:1.2.3.4]"),
            Some("http://[::ffff:102:304]".into())
        );
        assert_eq!(
            fix("blob:https://app.example.com/0b2d1c3e"),
            Some("https://app.example.com".into())
        );
        assert_eq!(
            fix("moz-extension://0B2D1C3E-4F5A-4B6C-8D7E-9F0A1B2C3D4E"),
            Some("moz-extension://0b2d1c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e".into())
        );
        assert_eq!(fix("ws://a.com:80"), None);
        assert_eq!(fix("data:text/plain,hi"), None);
        assert_eq!(fix("null"), None);
        assert_eq!(fixed_origin("https://a.com", E::Path), None);
    }
}
