//! The [`Policy`] type: one route's CORS rules, built in `const` and checked there.

use cors_rules as rules;

/// One entry of a policy's origin list.
///
/// Build it with [`AllowedOrigin::parse`] in a `const`: an invalid entry fails the build.
///
/// ```
/// use cors_runtime::AllowedOrigin;
///
/// const PREVIEWS: AllowedOrigin = AllowedOrigin::parse("https://*.preview.example.com");
/// assert!(PREVIEWS.matches(b"https://pr-7.preview.example.com"));
/// assert!(!PREVIEWS.matches(b"https://preview.example.com"));
/// assert!(!PREVIEWS.matches(b"https://evilpreview.example.com"));
/// ```
///
/// ```compile_fail
/// use cors_runtime::AllowedOrigin;
/// // A trailing slash never matches what browsers send: a compile error in a `const`.
/// const BAD: AllowedOrigin = AllowedOrigin::parse("https://app.example.com/");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AllowedOrigin {
    text: &'static str,
    /// Byte offset of `*` in a subdomain pattern; `usize::MAX` for an exact origin.
    star: usize,
}

impl AllowedOrigin {
    /// Parses `scheme://host[:port]` or the subdomain pattern `scheme://*.host[:port]`.
    ///
    /// # Panics
    /// When `text` is not a valid origin (see [`cors_rules::parse_origin`]); in a `const` this
    /// is a compile error carrying the reason.
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
    /// use cors_runtime::AllowedOrigin;
    /// use cors_runtime::OriginError;
    ///
    /// assert!(AllowedOrigin::try_parse("https://app.example.com").is_ok());
    /// assert_eq!(AllowedOrigin::try_parse("https://app.example.com:443"), Err(OriginError::DefaultPort));
    /// ```
    pub const fn try_parse(text: &'static str) -> Result<AllowedOrigin, rules::OriginError> {
        match rules::parse_origin(text) {
            Ok(rules::OriginShape::Exact) => Ok(AllowedOrigin {
                text,
                star: usize::MAX,
            }),
            Ok(rules::OriginShape::Subdomains { star }) => Ok(AllowedOrigin { text, star }),
            Err(e) => Err(e),
        }
    }

    /// The entry as written, e.g. `https://*.example.com`.
    pub const fn as_str(&self) -> &'static str {
        self.text
    }

    /// Whether this entry is a `*.` subdomain pattern.
    pub const fn is_pattern(&self) -> bool {
        self.star != usize::MAX
    }

    /// Whether a request's `Origin` value (raw bytes) is allowed by this entry.
    ///
    /// Exact entries compare byte for byte. A pattern `https://*.example.com` matches
    /// `https://` + one or more DNS labels + `.example.com`, and nothing else: not the apex, not
    /// `https://evilexample.com`, not `https://example.com.evil.net`. The labels follow the
    /// policy syntax ([`cors_rules::check_labels`]: lowercase letters, digits, `-` and `_`, at
    /// most 63 bytes each), and the whole host is at most 253 bytes; a longer value is refused
    /// before it is scanned.
    #[inline]
    pub fn matches(&self, origin: &[u8]) -> bool {
        let text = self.text.as_bytes();
        if !self.is_pattern() {
            return origin == text;
        }
        if origin.len() > rules::MAX_ORIGIN_LEN {
            return false;
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
        let host_len = labels.len() + 1 + rules::host_of(self.text).len();
        host_len <= rules::MAX_HOST_LEN && rules::check_labels(labels).is_ok()
    }
}

/// What allowed a request's origin.
#[derive(Clone, Copy, Debug)]
pub(crate) enum OriginMatch {
    /// An any-origin policy, and a well-formed origin.
    Any,
    /// This entry of the policy's list.
    Entry(&'static AllowedOrigin),
}

/// Which origins a policy allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origins {
    /// Any origin (`origin = "*"`): answered with `Access-Control-Allow-Origin: *`.
    Any,
    /// The listed exact origins and subdomain patterns; the request's origin is echoed.
    List(&'static [AllowedOrigin]),
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    /// Builds a policy from its parts, checking the rules of the attribute again.
    ///
    /// Every rule is re-checked in `const` except one: a `*.` pattern on a public suffix with
    /// credentials, which needs the Public Suffix List (not readable in `const`); the attribute
    /// refuses it, and hand-built parts must check it with [`cors_rules::credentials_risk`].
    ///
    /// # Panics
    /// On any invalid or insecure part; in a `const` that is a compile error.
    #[doc(hidden)]
    pub const fn from_parts(p: PolicyParts) -> Policy {
        // Origins.
        if let Origins::List(list) = p.origins {
            if list.is_empty() {
                panic!("a policy needs at least one origin");
            }
            let mut i = 0;
            while i < list.len() {
                let o = list[i];
                // Re-parse: a hand-built `AllowedOrigin` cannot be anything but valid, but the
                // fields are private only to this crate.
                let _ = AllowedOrigin::parse(o.text);
                let mut j = 0;
                while j < i {
                    if rules::bytes_eq(list[j].text.as_bytes(), o.text.as_bytes()) {
                        panic!("an origin is listed twice");
                    }
                    j += 1;
                }
                // The public-suffix rule (`rules::credentials_risk`) needs the Public Suffix
                // List, which cannot be read in `const`: the attribute checks it.
                if p.credentials && rules::is_plain_http_risk(o.text) {
                    panic!("credentials over plain http are only allowed from loopback origins");
                }
                i += 1;
            }
        } else if p.credentials {
            panic!("credentials cannot be allowed for any origin (`*`)");
        }
        // Methods.
        match p.methods {
            Methods::Any => {
                if p.credentials {
                    panic!("`methods = \"*\"` is not a wildcard when credentials are allowed");
                }
                check_joined_value(p.allow_methods, &["*"]);
            }
            Methods::List(list) => {
                if list.is_empty() {
                    panic!("a method list needs at least one method");
                }
                let mut i = 0;
                while i < list.len() {
                    if rules::check_method(list[i].as_bytes()).is_err() {
                        panic!(
                            "a method is not one of GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS \
                             (uppercase): the only methods axum routes to a handler"
                        );
                    }
                    i += 1;
                }
                check_joined_value(p.allow_methods, list);
            }
            Methods::Mounted => {
                if !p.allow_methods.is_empty() {
                    panic!("mounted methods have no precomputed value");
                }
            }
        }
        // Request headers.
        match p.headers {
            RequestHeaders::Any => {
                if p.credentials {
                    panic!("`headers = \"*\"` is not a wildcard when credentials are allowed");
                }
                check_joined_value(p.allow_headers, &["*"]);
            }
            RequestHeaders::List(list) => {
                let mut i = 0;
                while i < list.len() {
                    let h = list[i].as_bytes();
                    if rules::check_request_header(h).is_err() || !is_lowercase(h) {
                        panic!("a request header is invalid, forbidden or not lowercase");
                    }
                    i += 1;
                }
                check_joined_value(p.allow_headers, list);
            }
        }
        // Exposed headers.
        if p.expose_any {
            if p.credentials {
                panic!("`expose = \"*\"` is not a wildcard when credentials are allowed");
            }
            check_joined_value(p.expose_headers, &["*"]);
        } else {
            let mut i = 0;
            while i < p.expose.len() {
                if rules::check_expose_header(p.expose[i].as_bytes()).is_err() {
                    panic!("an exposed header is invalid or set-cookie");
                }
                i += 1;
            }
            check_joined_value(p.expose_headers, p.expose);
        }
        // Max age.
        let age = p.max_age.as_bytes();
        if !age.is_empty() {
            if age.len() > 5 || (age.len() > 1 && age[0] == b'0') {
                panic!("max_age must be 0..=86400 without leading zeros");
            }
            let mut value: u64 = 0;
            let mut i = 0;
            while i < age.len() {
                if !age[i].is_ascii_digit() {
                    panic!("max_age must be digits");
                }
                value = value * 10 + (age[i] - b'0') as u64;
                i += 1;
            }
            if value > rules::MAX_AGE_LIMIT {
                panic!("max_age must be at most 86400");
            }
        }
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
    pub fn max_age(&self) -> Option<u32> {
        self.max_age.parse().ok()
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
        matches!(self.origins, Origins::List(_))
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
            Origins::List(list) => list
                .iter()
                .find(|entry| entry.matches(origin))
                .map(OriginMatch::Entry),
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
    /// written (the mounted methods then become the list). Used by the compile-time mount
    /// checks of [`cors_route!`](crate::cors_route).
    pub const fn permits_mount(&self, method: &str) -> bool {
        match self.methods {
            Methods::Any | Methods::Mounted => true,
            Methods::List(list) => {
                let mut i = 0;
                while i < list.len() {
                    if rules::bytes_eq(list[i].as_bytes(), method.as_bytes()) {
                        return true;
                    }
                    i += 1;
                }
                false
            }
        }
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

fn non_empty(s: &'static str) -> Option<&'static str> {
    (!s.is_empty()).then_some(s)
}

const fn is_lowercase(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        if s[i].is_ascii_uppercase() {
            return false;
        }
        i += 1;
    }
    true
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
    #[should_panic(expected = "the only methods axum routes")]
    fn refuses_a_custom_method() {
        Policy::from_parts(PolicyParts {
            methods: Methods::List(&["GET", "PURGE"]),
            allow_methods: "GET, PURGE",
            ..PARTS
        });
    }

    #[test]
    #[should_panic(expected = "the only methods axum routes")]
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
    #[should_panic(expected = "credentials cannot be allowed for any origin")]
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
}
