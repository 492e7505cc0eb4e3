//! The [`Policy`] type: one route's CORS rules, built in `const` and checked there.

use std::fmt;

use cors_rules as rules;

use crate::config::{ConfiguredOrigins, OriginSource};

// The origin entry type belongs to the rule book, which checks lists of them in `const`.
pub use rules::AllowedOrigin;

/// From how many entries a list of origins is searched by fingerprint.
const FINGERPRINT_FROM: usize = 8;

/// What allowed a request's origin.
#[derive(Clone, Copy, Debug)]
pub(crate) enum OriginMatch {
    /// An any-origin policy, and a well-formed origin.
    Any,
    /// This entry of the policy's list.
    Entry(&'static AllowedOrigin),
    /// The policy's predicate accepted the origin.
    Predicate,
}

/// Which origins a policy allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origins {
    /// Any origin (`origin = "*"`): answered with `Access-Control-Allow-Origin: *`.
    Any,
    /// The listed exact origins and patterns; the request's origin is echoed.
    List(&'static [AllowedOrigin]),
    /// Origins read at start-up (`origin = env("APP_ORIGINS")`, `origin = config`), matched
    /// like a list once loaded; before, every origin is refused.
    Configured(ConfiguredOrigins),
    /// A function of the application decides (`origin = path::to::predicate`); the request's
    /// origin is echoed.
    Predicate(OriginPredicate),
}

/// An application function that decides, per request, whether an origin is allowed: tenant
/// origins kept in a database, say (`#[cors(origin = tenants::is_allowed)]`).
///
/// It is called with the request's `Origin` only when that is one serialized origin as
/// browsers send it ([`cors_rules::is_request_origin`]: lowercase scheme, a valid host, no
/// path, at most [`cors_rules::MAX_ORIGIN_LEN`] bytes), never with `null`, garbage or an
/// oversized value, and its answer is never cached: every response of the policy carries
/// `Vary: Origin`.
///
/// It runs on every CORS request and preflight, inside the request path: keep it fast and
/// non-blocking (look the origin up in memory, e.g. a set refreshed in the background, not in
/// the database), and exact: compare whole origins, never prefixes or substrings (`starts_with`
/// lets `https://tenant.example.com.evil.net` in).
#[derive(Clone, Copy)]
pub struct OriginPredicate {
    decide: fn(&str) -> bool,
    name: &'static str,
    credentials_acknowledged: bool,
}

impl OriginPredicate {
    /// Used by generated code: the predicate `decide`, written `name` in the attribute.
    #[doc(hidden)]
    pub const fn new(decide: fn(&str) -> bool, name: &'static str) -> OriginPredicate {
        OriginPredicate {
            decide,
            name,
            credentials_acknowledged: false,
        }
    }

    /// Used by generated code: `credentials_with_predicate_origins` was written.
    #[doc(hidden)]
    pub const fn with_credentials_acknowledged(self) -> OriginPredicate {
        OriginPredicate {
            credentials_acknowledged: true,
            ..self
        }
    }

    /// The predicate as written in the attribute, e.g. `tenants::is_allowed`.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Whether the policy opted in to credentials with this predicate
    /// (`credentials_with_predicate_origins`).
    pub const fn credentials_acknowledged(&self) -> bool {
        self.credentials_acknowledged
    }

    /// Asks the predicate about a request's origin, checked as described above.
    #[inline]
    pub fn allows(&self, origin: &[u8]) -> bool {
        if !crate::origin::is_tuple_origin(origin) {
            return false;
        }
        // A request origin is ASCII.
        match std::str::from_utf8(origin) {
            Ok(text) => (self.decide)(text),
            Err(_) => false,
        }
    }
}

/// Two predicates are the same when they are the same function with the same opt-in.
impl PartialEq for OriginPredicate {
    fn eq(&self, other: &Self) -> bool {
        self.decide as usize == other.decide as usize
            && self.credentials_acknowledged == other.credentials_acknowledged
    }
}

impl Eq for OriginPredicate {}

impl fmt::Debug for OriginPredicate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// Which methods a policy allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Methods {
    /// Any method (`methods = "*"`).
    Any,
    /// The listed methods, compared case-sensitively.
    List(&'static [&'static str]),
    /// No list was written: the methods the handler is mounted on, which the route wiring
    /// knows.
    Mounted,
}

/// Which request headers a policy allows a script to send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestHeaders {
    /// Any header except `Authorization` (`headers = "*"`), as browsers read a `*`.
    Any,
    /// The listed names, lowercase, compared case-insensitively.
    List(&'static [&'static str]),
}

/// A route's CORS policy, with every response header value precomputed.
///
/// Generated by the `#[cors]` attribute as a `const`; nothing in it is parsed, formatted or
/// allocated per request. The constructor validates every part in `const` but one (a `*.`
/// pattern on a public suffix with credentials, which needs the Public Suffix List and is
/// refused by the attribute), so a `Policy` value is one the attribute would accept.
///
/// The policy of a handler is `handler::POLICY`, handy in tests:
///
/// ```
/// use cors_runtime::{cors, Origins};
///
/// #[cors(origin = ["https://app.example.com", "https://*.example.org"], methods = [GET, PATCH], credentials)]
/// async fn items() -> &'static str { "[]" }
///
/// let policy = items::POLICY;
/// assert!(policy.allows_origin(b"https://app.example.com"));
/// assert!(policy.allows_origin(b"https://eu.example.org"));
/// assert!(!policy.allows_origin(b"https://example.org"));
/// assert!(policy.allows_method(b"PATCH"));
/// assert!(!policy.allows_method(b"patch"));
/// assert!(policy.credentials());
/// assert!(policy.varies_by_origin());
/// assert!(matches!(policy.origins(), Origins::List(list) if list.len() == 2));
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub(crate) origins: Origins,
    pub(crate) methods: Methods,
    /// `Access-Control-Allow-Methods`; empty for [`Methods::Mounted`].
    pub(crate) allow_methods: &'static str,
    pub(crate) headers: RequestHeaders,
    /// `Access-Control-Allow-Headers`; empty when no header is allowed.
    pub(crate) allow_headers: &'static str,
    /// `Access-Control-Expose-Headers`; empty when nothing is exposed.
    pub(crate) expose_headers: &'static str,
    pub(crate) credentials: bool,
    /// `Access-Control-Max-Age` digits; empty when unset.
    pub(crate) max_age: &'static str,
    pub(crate) private_network: bool,
}

/// The parts of a [`Policy`], as the `#[cors]` attribute writes them.
///
/// Joined header values are passed next to their lists (the attribute computes them at compile
/// time); [`Policy::from_parts`] checks that the two agree.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct PolicyParts {
    pub origins: Origins,
    pub methods: Methods,
    pub allow_methods: &'static str,
    pub headers: RequestHeaders,
    pub allow_headers: &'static str,
    pub expose: &'static [&'static str],
    pub expose_any: bool,
    pub expose_headers: &'static str,
    pub credentials: bool,
    pub max_age: &'static str,
    pub private_network: bool,
}

impl Policy {
    /// Builds a policy from its parts, checking them with the rule book of `cors_rules`
    /// ([`cors_rules::first_problem`]), the same rules the attribute reports with spans.
    ///
    /// Every rule is checked in `const` except one: a `*.` pattern on a public suffix with
    /// credentials, which needs the Public Suffix List (not readable in `const`); the attribute
    /// refuses it, and hand-built parts must check it with [`cors_rules::problems`].
    ///
    /// # Panics
    /// On any invalid or insecure part, with the rule book's message; in a `const` that is a
    /// compile error. Also when the precomputed header values disagree with their lists.
    #[doc(hidden)]
    pub const fn from_parts(p: PolicyParts) -> Policy {
        let desc = rules::PolicyDesc {
            origin: origins_desc(p.origins),
            methods: methods_desc(p.methods),
            headers: match p.headers {
                RequestHeaders::Any => rules::NamesDesc::Any,
                RequestHeaders::List(list) => rules::NamesDesc::List(list),
            },
            expose: if p.expose_any {
                rules::NamesDesc::Any
            } else {
                rules::NamesDesc::List(p.expose)
            },
            credentials: p.credentials,
            max_age: if p.max_age.is_empty() {
                None
            } else {
                Some(p.max_age)
            },
            private_network: p.private_network,
        };
        if let Some(problem) = rules::first_problem(&desc) {
            panic!("{}", problem.message());
        }
        // What is left are the invariants of the encoding: each precomputed header value is
        // its list joined by ", ", and request headers are stored lowercase.
        match p.methods {
            Methods::Any => check_joined_value(p.allow_methods, &["*"]),
            Methods::List(list) => check_joined_value(p.allow_methods, list),
            Methods::Mounted => {
                if !p.allow_methods.is_empty() {
                    panic!("mounted methods have no precomputed value");
                }
            }
        }
        match p.headers {
            RequestHeaders::Any => check_joined_value(p.allow_headers, &["*"]),
            RequestHeaders::List(list) => {
                let mut i = 0;
                while i < list.len() {
                    if !rules::is_lowercase(list[i].as_bytes()) {
                        panic!("request headers are stored lowercase");
                    }
                    i += 1;
                }
                check_joined_value(p.allow_headers, list);
            }
        }
        if p.expose_any {
            check_joined_value(p.expose_headers, &["*"]);
        } else {
            check_joined_value(p.expose_headers, p.expose);
        }
        Policy::from_checked_parts(p)
    }

    /// Builds a policy from parts the `#[cors]` attribute has already judged with the same
    /// rule book (natively, at expansion) and encoded itself, without judging them again in
    /// `const`: the compiler's `const` evaluation of the rule book was most of what the
    /// attribute cost at compile time. Hand-built parts go through [`Policy::from_parts`].
    #[doc(hidden)]
    pub const fn from_checked_parts(p: PolicyParts) -> Policy {
        Policy {
            origins: p.origins,
            methods: p.methods,
            allow_methods: p.allow_methods,
            headers: p.headers,
            allow_headers: p.allow_headers,
            expose_headers: p.expose_headers,
            credentials: p.credentials,
            max_age: p.max_age,
            private_network: p.private_network,
        }
    }

    /// The policy as the rule book describes it. The exposed header names were checked when
    /// the policy was built and take part in no rule with another key, so only `*` or none
    /// is described for them.
    pub(crate) fn describe(&self) -> rules::PolicyDesc<'static> {
        rules::PolicyDesc {
            origin: origins_desc(self.origins),
            methods: methods_desc(self.methods),
            headers: match self.headers {
                RequestHeaders::Any => rules::NamesDesc::Any,
                RequestHeaders::List(list) => rules::NamesDesc::List(list),
            },
            expose: if self.expose_headers == "*" {
                rules::NamesDesc::Any
            } else {
                rules::NamesDesc::List(&[])
            },
            credentials: self.credentials,
            max_age: non_empty(self.max_age),
            private_network: self.private_network,
        }
    }

    /// The allowed origins.
    pub const fn origins(&self) -> Origins {
        self.origins
    }

    /// The allowed methods.
    pub const fn methods(&self) -> Methods {
        self.methods
    }

    /// The allowed request headers.
    pub const fn request_headers(&self) -> RequestHeaders {
        self.headers
    }

    /// Whether credentialed requests (cookies, HTTP auth) are allowed.
    pub const fn credentials(&self) -> bool {
        self.credentials
    }

    /// Whether Private Network Access preflights are answered.
    pub const fn private_network(&self) -> bool {
        self.private_network
    }

    /// The `Access-Control-Max-Age` value in seconds, when set.
    pub const fn max_age(&self) -> Option<u32> {
        rules::max_age_seconds(self.max_age)
    }

    /// The precomputed `Access-Control-Expose-Headers` value, when anything is exposed.
    pub fn expose_headers(&self) -> Option<&'static str> {
        non_empty(self.expose_headers)
    }

    /// The precomputed `Access-Control-Allow-Headers` value, when any header is allowed.
    pub fn allow_headers(&self) -> Option<&'static str> {
        non_empty(self.allow_headers)
    }

    /// The precomputed `Access-Control-Allow-Methods` value; `None` for [`Methods::Mounted`].
    pub fn allow_methods(&self) -> Option<&'static str> {
        non_empty(self.allow_methods)
    }

    /// Whether the response's `Access-Control-Allow-Origin` depends on the request's `Origin`,
    /// so that every response of the route needs `Vary: Origin`.
    pub const fn varies_by_origin(&self) -> bool {
        !matches!(self.origins, Origins::Any)
    }

    /// Whether a request's `Origin` value (raw bytes) is allowed.
    ///
    /// For [`Origins::Any`] any well-formed serialized origin (or `null`) is allowed;
    /// malformed values never are.
    pub fn allows_origin(&self, origin: &[u8]) -> bool {
        self.match_origin(origin).is_some()
    }

    /// Which part of the policy allows a request's `Origin` value, if any: the one place the
    /// origin rule is written, for [`Policy::allows_origin`] and the response decision.
    #[inline]
    pub(crate) fn match_origin(&self, origin: &[u8]) -> Option<OriginMatch> {
        match self.origins {
            Origins::Any => crate::origin::is_serialized_origin(origin).then_some(OriginMatch::Any),
            Origins::List(list) => match_list(list, origin),
            Origins::Configured(configured) => match configured.get() {
                Some(list) => match_list(list, origin),
                None => {
                    crate::diagnostics::origins_not_loaded(&configured);
                    None
                }
            },
            Origins::Predicate(predicate) => {
                predicate.allows(origin).then_some(OriginMatch::Predicate)
            }
        }
    }

    /// Whether the method is allowed (case-sensitive). [`Methods::Mounted`] allows nothing on
    /// its own: the route wiring decides.
    pub fn allows_method(&self, method: &[u8]) -> bool {
        match self.methods {
            Methods::Any => rules::is_token(method),
            Methods::List(list) => list.iter().any(|m| m.as_bytes() == method),
            Methods::Mounted => false,
        }
    }

    /// Whether the policy lets its handler be mounted on `method`: listed, `*`, or no list
    /// written (the mounted methods then become the list): the rule
    /// [`cors_route!`](crate::cors_route) checks at compile time.
    pub const fn permits_mount(&self, method: &str) -> bool {
        rules::permits_mount(methods_desc(self.methods), method)
    }

    /// Whether a script may send the request header `name` (case-insensitive).
    pub fn allows_request_header(&self, name: &[u8]) -> bool {
        match self.headers {
            RequestHeaders::Any => !name.eq_ignore_ascii_case(b"authorization"),
            RequestHeaders::List(list) => {
                list.iter().any(|h| h.as_bytes().eq_ignore_ascii_case(name))
            }
        }
    }
}

/// The entry of `list` that allows `origin`. A short list compares each entry; a long one
/// hashes the origin once and compares bytes only with the entry whose fingerprint agrees.
#[inline]
fn match_list(list: &'static [AllowedOrigin], origin: &[u8]) -> Option<OriginMatch> {
    if list.len() <= FINGERPRINT_FROM {
        return list
            .iter()
            .find(|entry| entry.matches(origin))
            .map(OriginMatch::Entry);
    }
    let hash = rules::fingerprint(origin);
    list.iter()
        .find(|entry| entry.matches_fingerprinted(origin, hash))
        .map(OriginMatch::Entry)
}

const fn origins_desc(origins: Origins) -> rules::OriginsDesc<'static> {
    match origins {
        Origins::Any => rules::OriginsDesc::Any,
        Origins::List(list) => rules::OriginsDesc::Parsed(list),
        // A default written in the attribute is checked now; the loaded origins at start-up.
        Origins::Configured(configured) => match configured.source() {
            OriginSource::Env {
                default: Some(list),
                ..
            } => rules::OriginsDesc::Parsed(list),
            _ => rules::OriginsDesc::Configured,
        },
        Origins::Predicate(predicate) => rules::OriginsDesc::Predicate {
            credentials_acknowledged: predicate.credentials_acknowledged,
        },
    }
}

const fn methods_desc(methods: Methods) -> rules::MethodsDesc<'static> {
    match methods {
        Methods::Any => rules::MethodsDesc::Any,
        Methods::List(list) => rules::MethodsDesc::List(list),
        Methods::Mounted => rules::MethodsDesc::Mounted,
    }
}

/// Reads like the attribute that wrote the policy: `Policy { origin: ["https://a.com"],
/// methods: [GET, POST], credentials: true, max_age: 600 }`. Keys left at their default (no
/// `methods` list, no headers, no credentials, ...) are left out.
impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// A list of names written without quotes, as `methods = [GET, POST]` is.
        struct Bare(&'static [&'static str]);
        impl fmt::Debug for Bare {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut list = f.debug_list();
                for m in self.0 {
                    list.entry(&format_args!("{m}"));
                }
                list.finish()
            }
        }
        let mut d = f.debug_struct("Policy");
        match self.origins {
            Origins::Any => d.field("origin", &"*"),
            Origins::List(list) => d.field("origin", &list),
            Origins::Configured(configured) => d.field("origin", &configured),
            Origins::Predicate(predicate) => d.field("origin", &predicate),
        };
        match self.methods {
            Methods::Any => {
                d.field("methods", &"*");
            }
            Methods::List(list) => {
                d.field("methods", &Bare(list));
            }
            Methods::Mounted => {}
        }
        match self.headers {
            RequestHeaders::Any => {
                d.field("headers", &"*");
            }
            RequestHeaders::List(list) if !list.is_empty() => {
                d.field("headers", &list);
            }
            RequestHeaders::List(_) => {}
        }
        if self.expose_headers == "*" {
            d.field("expose", &"*");
        } else if !self.expose_headers.is_empty() {
            let names: Vec<&str> = self.expose_headers.split(", ").collect();
            d.field("expose", &names);
        }
        match self.origins {
            Origins::Predicate(p) if self.credentials && p.credentials_acknowledged => {
                d.field("credentials_with_predicate_origins", &true);
            }
            _ if self.credentials => {
                d.field("credentials", &true);
            }
            _ => {}
        }
        if let Some(seconds) = self.max_age() {
            d.field("max_age", &seconds);
        }
        if self.private_network {
            d.field("private_network", &true);
        }
        d.finish()
    }
}

fn non_empty(s: &'static str) -> Option<&'static str> {
    (!s.is_empty()).then_some(s)
}

/// Checks that `value` is `list` joined by `", "`, and a valid header value.
const fn check_joined_value(value: &str, list: &[&str]) {
    let v = value.as_bytes();
    if !rules::is_visible_header_value(v) {
        panic!("a precomputed header value has a byte a header cannot carry");
    }
    let mut pos = 0;
    let mut i = 0;
    while i < list.len() {
        if i > 0 {
            if pos + 2 > v.len() || v[pos] != b',' || v[pos + 1] != b' ' {
                panic!("a precomputed header value does not match its list");
            }
            pos += 2;
        }
        let item = list[i].as_bytes();
        let mut k = 0;
        while k < item.len() {
            if pos >= v.len() || v[pos] != item[k] {
                panic!("a precomputed header value does not match its list");
            }
            pos += 1;
            k += 1;
        }
        i += 1;
    }
    if pos != v.len() {
        panic!("a precomputed header value does not match its list");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "axum's method router routes only")]
    fn refuses_a_custom_method() {
        Policy::from_parts(PolicyParts {
            methods: Methods::List(&["GET", "PURGE"]),
            allow_methods: "GET, PURGE",
            ..PARTS
        });
    }

    #[test]
    #[should_panic(expected = "methods compare case-sensitively")]
    fn refuses_a_lowercase_method() {
        Policy::from_parts(PolicyParts {
            methods: Methods::List(&["patch"]),
            allow_methods: "patch",
            ..PARTS
        });
    }

    #[test]
    fn accepts_app_and_extension_origins() {
        const LIST: &[AllowedOrigin] = &[
            AllowedOrigin::parse("chrome-extension://abcdefghijklmnopabcdefghijklmnop"),
            AllowedOrigin::parse("moz-extension://0b2d1c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"),
            AllowedOrigin::parse("tauri://localhost"),
            AllowedOrigin::parse("capacitor://localhost"),
        ];
        let p = Policy::from_parts(PolicyParts {
            origins: Origins::List(LIST),
            ..PARTS
        });
        assert!(p.allows_origin(b"tauri://localhost"));
        assert!(p.allows_origin(b"chrome-extension://abcdefghijklmnopabcdefghijklmnop"));
        assert!(!p.allows_origin(b"tauri://localhost.evil"));
    }

    const PARTS: PolicyParts = PolicyParts {
        origins: Origins::List(&[AllowedOrigin::parse("https://a.com")]),
        methods: Methods::List(&["GET", "PATCH"]),
        allow_methods: "GET, PATCH",
        headers: RequestHeaders::List(&["content-type", "authorization"]),
        allow_headers: "content-type, authorization",
        expose: &["x-request-id"],
        expose_any: false,
        expose_headers: "x-request-id",
        credentials: true,
        max_age: "600",
        private_network: false,
    };
    const POLICY: Policy = Policy::from_parts(PARTS);

    #[test]
    fn builds_in_const_and_answers_questions() {
        assert!(POLICY.allows_method(b"PATCH"));
        assert!(!POLICY.allows_method(b"patch"));
        assert!(POLICY.allows_request_header(b"Content-Type"));
        assert!(POLICY.allows_request_header(b"AUTHORIZATION"));
        assert!(!POLICY.allows_request_header(b"x-other"));
        assert_eq!(POLICY.max_age(), Some(600));
        assert!(POLICY.varies_by_origin());
        assert_eq!(POLICY.allow_methods(), Some("GET, PATCH"));
    }

    #[test]
    #[should_panic(expected = "does not match its list")]
    fn refuses_a_joined_value_that_disagrees() {
        Policy::from_parts(PolicyParts {
            allow_methods: "GET,PATCH",
            ..PARTS
        });
    }

    #[test]
    #[should_panic(expected = "`credentials` cannot be allowed for any origin")]
    fn refuses_credentials_with_any_origin() {
        Policy::from_parts(PolicyParts {
            origins: Origins::Any,
            ..PARTS
        });
    }

    #[test]
    #[should_panic(expected = "plain http")]
    fn refuses_credentials_over_http() {
        const LIST: &[AllowedOrigin] = &[AllowedOrigin::parse("http://a.com")];
        Policy::from_parts(PolicyParts {
            origins: Origins::List(LIST),
            ..PARTS
        });
    }

    #[test]
    fn any_headers_never_cover_authorization() {
        let p = Policy::from_parts(PolicyParts {
            origins: Origins::Any,
            credentials: false,
            headers: RequestHeaders::Any,
            allow_headers: "*",
            ..PARTS
        });
        assert!(p.allows_request_header(b"x-anything"));
        assert!(!p.allows_request_header(b"Authorization"));
    }

    #[test]
    #[should_panic(expected = "this method is listed twice")]
    fn refuses_a_duplicate_method_as_the_attribute_does() {
        Policy::from_parts(PolicyParts {
            methods: Methods::List(&["GET", "GET"]),
            allow_methods: "GET, GET",
            ..PARTS
        });
    }

    #[test]
    #[should_panic(expected = "this header is listed twice")]
    fn refuses_a_duplicate_exposed_header_in_any_case() {
        Policy::from_parts(PolicyParts {
            expose: &["X-B", "x-b"],
            expose_headers: "X-B, x-b",
            ..PARTS
        });
    }

    #[test]
    #[should_panic(expected = "`max_age` is at most 86400 seconds")]
    fn refuses_a_long_max_age_with_the_attributes_message() {
        Policy::from_parts(PolicyParts {
            max_age: "86401",
            ..PARTS
        });
    }

    #[test]
    fn debug_reads_like_the_attribute() {
        const LIST: &[AllowedOrigin] = &[
            AllowedOrigin::parse("https://a.com"),
            AllowedOrigin::parse("https://*.b.com"),
        ];
        let p = Policy::from_parts(PolicyParts {
            origins: Origins::List(LIST),
            ..PARTS
        });
        assert_eq!(
            format!("{p:?}"),
            "Policy { origin: [\"https://a.com\", \"https://*.b.com\"], methods: [GET, PATCH], \
             headers: [\"content-type\", \"authorization\"], expose: [\"x-request-id\"], \
             credentials: true, max_age: 600 }"
        );
        let any = Policy::from_parts(PolicyParts {
            origins: Origins::Any,
            methods: Methods::Mounted,
            allow_methods: "",
            headers: RequestHeaders::Any,
            allow_headers: "*",
            expose: &[],
            expose_any: true,
            expose_headers: "*",
            credentials: false,
            max_age: "",
            private_network: true,
        });
        assert_eq!(
            format!("{any:?}"),
            "Policy { origin: \"*\", headers: \"*\", expose: \"*\", private_network: true }"
        );
    }
}
