//! The rule book of a whole policy: every rule that involves more than one value (credentials
//! with `*`, duplicates, empty lists) or a value no smaller rule owns (`max_age`), on top of the
//! rules for single origins, methods and header names.
//!
//! A policy is described by a [`PolicyDesc`], the same for every caller: the `#[cors]`
//! attribute (which maps each problem's [`Position`] to the offending token),
//! `cors-runtime`'s `const` constructor (which turns the first problem into a compile error),
//! and configuration read at run time (which collects every problem as a typed error).

use crate::bytes::{bytes_eq, eq_ignore_case};
use crate::header::{
    check_expose_header, check_request_header, ExposeHeaderError, RequestHeaderError,
};
use crate::method::{check_method, MethodError};
use crate::origin::{
    host_of, is_plain_http_risk, parse_origin, AllowedOrigin, OriginError, OriginShape,
};
use crate::suffix::{public_suffix, SuffixKind};

/// Largest `max_age` the crate accepts, in seconds (Firefox's cap; Chromium caps at 7200).
pub const MAX_AGE_LIMIT: u64 = 86_400;

/// The origins of a policy description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OriginsDesc<'a> {
    /// Any origin (`origin = "*"`).
    Any,
    /// Origins as written, each still to be checked with [`parse_origin`].
    List(&'a [&'a str]),
    /// Origins already parsed (a policy built in `const` from [`AllowedOrigin`] values).
    Parsed(&'a [AllowedOrigin]),
    /// Origins supplied at start-up (read from the environment or a configuration file),
    /// not known yet. The rest of the policy is checked now; the origins are checked when they
    /// arrive, by the same rules, with the same description and a [`OriginsDesc::List`] in
    /// place of this.
    Configured,
    /// A function of the application decides, per request, whether an origin is allowed
    /// (tenant origins kept in a database). Nothing about the origins can be checked ahead;
    /// with `credentials` the policy must say `credentials_acknowledged`, or it is refused
    /// ([`ProblemKind::CredentialsWithPredicateOrigin`]).
    Predicate {
        /// Whether the policy opted in to credentials with predicate origins, by its loudly
        /// named key (`credentials_with_predicate_origins` in the attribute).
        credentials_acknowledged: bool,
    },
}

/// The methods of a policy description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodsDesc<'a> {
    /// Any method (`methods = "*"`).
    Any,
    /// The listed methods, compared case-sensitively.
    List(&'a [&'a str]),
    /// No list: the methods the handler is mounted on.
    Mounted,
}

/// The request headers (`headers`) or exposed headers (`expose`) of a policy description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamesDesc<'a> {
    /// `"*"`.
    Any,
    /// The listed names, compared case-insensitively; empty for none.
    List(&'a [&'a str]),
}

/// A whole policy, as the attribute's keys describe it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicyDesc<'a> {
    /// `origin`.
    pub origin: OriginsDesc<'a>,
    /// `methods`.
    pub methods: MethodsDesc<'a>,
    /// `headers`.
    pub headers: NamesDesc<'a>,
    /// `expose`.
    pub expose: NamesDesc<'a>,
    /// `credentials`.
    pub credentials: bool,
    /// `max_age`, as decimal digits (`"600"`); `None` when unset.
    pub max_age: Option<&'a str>,
    /// `private_network`.
    pub private_network: bool,
}

impl<'a> PolicyDesc<'a> {
    /// A policy with these origins and every other key left out: the mounted methods, no
    /// request or exposed headers beyond the safelisted ones, no credentials, no `max_age`.
    pub const fn new(origin: OriginsDesc<'a>) -> PolicyDesc<'a> {
        PolicyDesc {
            origin,
            methods: MethodsDesc::Mounted,
            headers: NamesDesc::List(&[]),
            expose: NamesDesc::List(&[]),
            credentials: false,
            max_age: None,
            private_network: false,
        }
    }
}

/// A key of the policy (and of the `#[cors]` attribute).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// `origin`.
    Origin,
    /// `methods`.
    Methods,
    /// `headers`.
    Headers,
    /// `expose`.
    Expose,
    /// `credentials`.
    Credentials,
    /// `max_age`.
    MaxAge,
    /// `private_network`.
    PrivateNetwork,
}

impl Key {
    /// Every key, in the order the attribute's documentation lists them.
    pub const ALL: [Key; 7] = [
        Key::Origin,
        Key::Methods,
        Key::Headers,
        Key::Expose,
        Key::Credentials,
        Key::MaxAge,
        Key::PrivateNetwork,
    ];

    /// The key as written in the attribute: `origin`, `max_age`, ...
    pub const fn name(self) -> &'static str {
        match self {
            Key::Origin => "origin",
            Key::Methods => "methods",
            Key::Headers => "headers",
            Key::Expose => "expose",
            Key::Credentials => "credentials",
            Key::MaxAge => "max_age",
            Key::PrivateNetwork => "private_network",
        }
    }
}

/// Where a problem is: a key's value as a whole, or one element of its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// The key.
    pub key: Key,
    /// The element of the key's list, counted from 0; `None` for the value as a whole (the
    /// `"*"` of `origin = "*"`, an empty list, the number of `max_age`).
    pub index: Option<usize>,
}

/// What is wrong with a policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// `origin = []`.
    EmptyOrigins,
    /// An origin that is not valid, and why.
    Origin(OriginError),
    /// An origin listed twice (at its second occurrence).
    DuplicateOrigin,
    /// `credentials` with `origin = "*"`.
    CredentialsWithAnyOrigin,
    /// `credentials` with a plain `http://` origin that is not loopback.
    CredentialsOverPlainHttp,
    /// `credentials` with origins decided by a predicate, without the explicit opt-in (found at
    /// [`Key::Credentials`]).
    CredentialsWithPredicateOrigin,
    /// `credentials` with a `*.` pattern on a public suffix, and the section of the Public
    /// Suffix List it comes from. Found by [`next_suffix_problem`] only (not in `const`).
    CredentialsOnPublicSuffix(SuffixKind),
    /// `methods = []`.
    EmptyMethods,
    /// `"*"` as one element of `methods`.
    WildcardInMethods,
    /// A method that cannot be listed, and why.
    Method(MethodError),
    /// A method listed twice.
    DuplicateMethod,
    /// `credentials` with `methods = "*"`.
    CredentialsWithAnyMethod,
    /// `"*"` as one element of `headers`.
    WildcardInHeaders,
    /// A request header that cannot be allowed, and why.
    Header(RequestHeaderError),
    /// A request header listed twice (case-insensitively).
    DuplicateHeader,
    /// `credentials` with `headers = "*"`.
    CredentialsWithAnyHeader,
    /// `"*"` as one element of `expose`.
    WildcardInExpose,
    /// A header that cannot be exposed, and why.
    Expose(ExposeHeaderError),
    /// An exposed header listed twice (case-insensitively).
    DuplicateExpose,
    /// `credentials` with `expose = "*"`.
    CredentialsWithAnyExpose,
    /// `max_age` is not decimal digits.
    MaxAgeNotDigits,
    /// `max_age` has a leading zero.
    MaxAgeLeadingZero,
    /// `max_age` is above [`MAX_AGE_LIMIT`].
    MaxAgeTooLarge,
}

impl ProblemKind {
    /// What is wrong and how to fix it, in one lowercase sentence that does not repeat the
    /// offending value (callers that can show it, show it next to the message).
    pub const fn message(self) -> &'static str {
        match self {
            ProblemKind::EmptyOrigins => "the origin list is empty: list at least one origin, e.g. `origin = [\"https://app.example.com\"]`, or write `origin = \"*\"` for any origin",
            ProblemKind::Origin(e) => e.message(),
            ProblemKind::DuplicateOrigin => "this origin is listed twice: remove this one",
            ProblemKind::CredentialsWithAnyOrigin => "`credentials` cannot be allowed for any origin: browsers refuse `access-control-allow-origin: *` on requests with cookies, and reflecting every origin instead would let any site act as the user; list the exact origins, or remove `credentials`",
            ProblemKind::CredentialsOverPlainHttp => "with `credentials`, a plain `http://` origin cannot be trusted: a network attacker can inject script into the http page and act as the user; use the `https://` origin (plain http is only allowed for loopback hosts such as `http://localhost:3000`), or remove `credentials`",
            ProblemKind::CredentialsWithPredicateOrigin => "with `credentials`, an origin predicate decides which sites may act as the signed-in user, and one wrong answer (a tenant origin an attacker registered, a lookup that matches too loosely) hands them the user's session; if every origin the predicate accepts is trusted with the user's cookies, write `credentials_with_predicate_origins` instead of `credentials`, otherwise remove `credentials`",
            ProblemKind::CredentialsOnPublicSuffix(SuffixKind::Icann) => "with `credentials`, a `*.` pattern on a public suffix trusts every site that anyone registers under it (an ICANN entry of the Public Suffix List: a registry where anyone can register a name); remove `credentials`, list the exact origins instead, or a pattern one label deeper under a domain you own",
            ProblemKind::CredentialsOnPublicSuffix(SuffixKind::Private) => "with `credentials`, a `*.` pattern on a public suffix trusts every site that anyone registers under it (a private entry of the Public Suffix List: its owner hands out names under it to unrelated customers); remove `credentials`, list the exact origins instead, or a pattern one label deeper under a domain you own",
            ProblemKind::EmptyMethods => "the method list is empty: list at least one method, e.g. `methods = [GET]`, or remove `methods` to allow the methods the handler is mounted on",
            ProblemKind::WildcardInMethods => "`\"*\"` inside the list is a method literally named `*`: write `methods = \"*\"` without brackets for the wildcard",
            ProblemKind::Method(e) => e.message(),
            ProblemKind::DuplicateMethod => "this method is listed twice: remove this one",
            ProblemKind::CredentialsWithAnyMethod => "with `credentials`, browsers read `access-control-allow-methods: *` as a method literally named `*`, not as a wildcard: list the methods, e.g. `methods = [GET, POST]`, or remove `credentials`",
            ProblemKind::WildcardInHeaders => "`\"*\"` inside the list is a header literally named `*`: write `headers = \"*\"` without brackets for the wildcard",
            ProblemKind::Header(e) => e.message(),
            ProblemKind::DuplicateHeader => "this header is listed twice (header names compare case-insensitively): remove this one",
            ProblemKind::CredentialsWithAnyHeader => "with `credentials`, browsers read `access-control-allow-headers: *` as a header literally named `*`, not as a wildcard: list the names, e.g. `headers = [\"content-type\"]`, or remove `credentials`",
            ProblemKind::WildcardInExpose => "`\"*\"` inside the list is a header literally named `*`: write `expose = \"*\"` without brackets for the wildcard",
            ProblemKind::Expose(e) => e.message(),
            ProblemKind::DuplicateExpose => "this header is listed twice (header names compare case-insensitively): remove this one",
            ProblemKind::CredentialsWithAnyExpose => "with `credentials`, browsers read `access-control-expose-headers: *` as a header literally named `*`, not as a wildcard: list the names, e.g. `expose = [\"x-request-id\"]`, or remove `credentials`",
            ProblemKind::MaxAgeNotDigits => "`max_age` is a whole number of seconds, 0 to 86400, in decimal digits: write e.g. `max_age = 600`",
            ProblemKind::MaxAgeLeadingZero => "`max_age` is written without leading zeros, as browsers read it: e.g. `max_age = 600`",
            ProblemKind::MaxAgeTooLarge => "`max_age` is at most 86400 seconds (24 hours): browsers cache a preflight for at most 86400 s (Firefox) or 7200 s (Chromium), so a larger value only misleads; write e.g. `max_age = 7200`",
        }
    }
}

/// One problem of a policy: what, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// Where.
    pub at: Position,
}

impl Problem {
    /// What is wrong and how to fix it; see [`ProblemKind::message`].
    pub const fn message(&self) -> &'static str {
        self.kind.message()
    }
}

impl core::fmt::Display for Problem {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.at.index {
            Some(i) => write!(f, "`{}`, element {}: ", self.at.key.name(), i)?,
            None => write!(f, "`{}`: ", self.at.key.name())?,
        }
        f.write_str(self.message())
    }
}

/// Where [`next_problem`] and [`next_suffix_problem`] resume.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// Index into [`STEPS`].
    step: usize,
    /// 0: the key's value as a whole; `i + 1`: element `i` of its list.
    at: usize,
}

impl Cursor {
    /// The beginning of a policy.
    pub const START: Cursor = Cursor { step: 0, at: 0 };
}

/// The keys [`next_problem`] walks, in order.
const STEPS: [Key; 6] = [
    Key::Origin,
    Key::Methods,
    Key::Headers,
    Key::Expose,
    Key::Credentials,
    Key::MaxAge,
];

/// The next problem of `desc` from `cursor` on, and the cursor to resume from; `None` when
/// there is none left. Start with [`Cursor::START`].
///
/// Every rule that can run in `const`: the syntax of each origin, method and header name,
/// duplicates, empty lists, `*` inside a list, credentials with `*` or with a plain-http
/// origin, and `max_age`. Problems come in key order, and in list order within a key. The one
/// rule left out, a `*.` pattern on a public suffix with credentials, needs the Public Suffix
/// List: see [`next_suffix_problem`], or [`problems`] for both.
pub const fn next_problem(desc: &PolicyDesc, cursor: Cursor) -> Option<(Problem, Cursor)> {
    let mut step = cursor.step;
    let mut at = cursor.at;
    while step < STEPS.len() {
        let key = STEPS[step];
        let len = list_len(desc, key);
        while at <= len {
            let index = if at == 0 { None } else { Some(at - 1) };
            let found = match index {
                None => whole_value_problem(desc, key),
                Some(i) => element_problem(desc, key, i),
            };
            at += 1;
            if let Some(kind) = found {
                return Some((
                    Problem {
                        kind,
                        at: Position { key, index },
                    },
                    Cursor { step, at },
                ));
            }
        }
        step += 1;
        at = 0;
    }
    None
}

/// The first problem of `desc` that `const` code can find ([`next_problem`]).
pub const fn first_problem(desc: &PolicyDesc) -> Option<Problem> {
    match next_problem(desc, Cursor::START) {
        Some((problem, _)) => Some(problem),
        None => None,
    }
}

/// The next `*.` pattern on a public suffix in a credentialed policy, from `cursor` on (start
/// with [`Cursor::START`]): the one rule of the book that cannot run in `const`, because the
/// Public Suffix List is a large generated `match` ([`public_suffix`]). The attribute and
/// configuration read at run time run it; a `Policy` built in `const` by other means cannot.
///
/// Entries that [`next_problem`] refuses (invalid, or listed twice) are skipped here.
pub fn next_suffix_problem(desc: &PolicyDesc, cursor: Cursor) -> Option<(Problem, Cursor)> {
    if !desc.credentials || cursor.step > 0 {
        return None;
    }
    let len = list_len(desc, Key::Origin);
    let mut i = cursor.at;
    while i < len {
        let text = origin_text(desc, i);
        i += 1;
        let Ok(OriginShape::Subdomains { .. }) = parse_origin(text) else {
            continue;
        };
        if is_duplicate_origin(desc, i - 1) {
            continue;
        }
        if let Some(kind) = public_suffix(host_of(text)) {
            let problem = Problem {
                kind: ProblemKind::CredentialsOnPublicSuffix(kind),
                at: Position {
                    key: Key::Origin,
                    index: Some(i - 1),
                },
            };
            return Some((problem, Cursor { step: 0, at: i }));
        }
    }
    None
}

/// Every problem of `desc`: those of [`next_problem`] in key and list order, then those of
/// [`next_suffix_problem`]. Empty for a valid policy.
///
/// ```
/// use cors_rules::{problems, OriginsDesc, PolicyDesc};
///
/// let desc = PolicyDesc { credentials: true, ..PolicyDesc::new(OriginsDesc::Any) };
/// let messages: Vec<&str> = problems(&desc).map(|p| p.message()).collect();
/// assert_eq!(messages.len(), 1);
/// assert!(messages[0].starts_with("`credentials` cannot be allowed for any origin"));
/// ```
pub fn problems<'d>(desc: &'d PolicyDesc<'d>) -> Problems<'d> {
    Problems {
        desc,
        cursor: Some(Cursor::START),
        suffix: Some(Cursor::START),
    }
}

/// The iterator of [`problems`].
#[derive(Clone, Debug)]
pub struct Problems<'d> {
    desc: &'d PolicyDesc<'d>,
    cursor: Option<Cursor>,
    suffix: Option<Cursor>,
}

impl Iterator for Problems<'_> {
    type Item = Problem;

    fn next(&mut self) -> Option<Problem> {
        if let Some(cursor) = self.cursor {
            match next_problem(self.desc, cursor) {
                Some((problem, next)) => {
                    self.cursor = Some(next);
                    return Some(problem);
                }
                None => self.cursor = None,
            }
        }
        let (problem, next) = next_suffix_problem(self.desc, self.suffix?)?;
        self.suffix = Some(next);
        Some(problem)
    }
}

/// `max_age` in seconds, when `digits` is a valid `max_age` (decimal, no leading zero, at most
/// [`MAX_AGE_LIMIT`]).
///
/// ```
/// assert_eq!(cors_rules::max_age_seconds("600"), Some(600));
/// assert_eq!(cors_rules::max_age_seconds("86401"), None);
/// assert_eq!(cors_rules::max_age_seconds("0600"), None);
/// ```
pub const fn max_age_seconds(digits: &str) -> Option<u32> {
    match check_max_age(digits) {
        Ok(seconds) => Some(seconds),
        Err(_) => None,
    }
}

const fn check_max_age(digits: &str) -> Result<u32, ProblemKind> {
    let d = digits.as_bytes();
    if d.is_empty() {
        return Err(ProblemKind::MaxAgeNotDigits);
    }
    let mut i = 0;
    while i < d.len() {
        if !d[i].is_ascii_digit() {
            return Err(ProblemKind::MaxAgeNotDigits);
        }
        i += 1;
    }
    if d.len() > 1 && d[0] == b'0' {
        return Err(ProblemKind::MaxAgeLeadingZero);
    }
    // 86400 has 5 digits: anything longer is too large, and 5 digits fit a u32.
    if d.len() > 5 {
        return Err(ProblemKind::MaxAgeTooLarge);
    }
    let mut value: u32 = 0;
    i = 0;
    while i < d.len() {
        value = value * 10 + (d[i] - b'0') as u32;
        i += 1;
    }
    if value as u64 > MAX_AGE_LIMIT {
        return Err(ProblemKind::MaxAgeTooLarge);
    }
    Ok(value)
}

/// Whether a policy with these methods can be mounted on `method`: listed, `*`, or no list
/// (the mounted methods then become the list). The rule of `cors_route!`'s mount checks.
pub const fn permits_mount(methods: MethodsDesc, method: &str) -> bool {
    match methods {
        MethodsDesc::Any | MethodsDesc::Mounted => true,
        MethodsDesc::List(list) => {
            let mut i = 0;
            while i < list.len() {
                if bytes_eq(list[i].as_bytes(), method.as_bytes()) {
                    return true;
                }
                i += 1;
            }
            false
        }
    }
}

/// How many elements the list of `key` has (0 when it is `*` or absent).
const fn list_len(desc: &PolicyDesc, key: Key) -> usize {
    match key {
        Key::Origin => match desc.origin {
            OriginsDesc::Any => 0,
            OriginsDesc::List(l) => l.len(),
            OriginsDesc::Parsed(l) => l.len(),
            OriginsDesc::Configured | OriginsDesc::Predicate { .. } => 0,
        },
        Key::Methods => match desc.methods {
            MethodsDesc::List(l) => l.len(),
            _ => 0,
        },
        Key::Headers => match desc.headers {
            NamesDesc::List(l) => l.len(),
            NamesDesc::Any => 0,
        },
        Key::Expose => match desc.expose {
            NamesDesc::List(l) => l.len(),
            NamesDesc::Any => 0,
        },
        _ => 0,
    }
}

const fn origin_text<'a>(desc: &PolicyDesc<'a>, i: usize) -> &'a str {
    match desc.origin {
        OriginsDesc::List(l) => l[i],
        OriginsDesc::Parsed(l) => l[i].as_str(),
        OriginsDesc::Any | OriginsDesc::Configured | OriginsDesc::Predicate { .. } => "",
    }
}

const fn names<'a>(desc: &PolicyDesc<'a>, key: Key) -> &'a [&'a str] {
    let list = match key {
        Key::Methods => match desc.methods {
            MethodsDesc::List(l) => return l,
            _ => return &[],
        },
        Key::Headers => desc.headers,
        _ => desc.expose,
    };
    match list {
        NamesDesc::List(l) => l,
        NamesDesc::Any => &[],
    }
}

/// Problems of a key's value as a whole: `*` with credentials, empty lists, `max_age`.
const fn whole_value_problem(desc: &PolicyDesc, key: Key) -> Option<ProblemKind> {
    let any = match key {
        Key::Origin => matches!(desc.origin, OriginsDesc::Any),
        Key::Methods => matches!(desc.methods, MethodsDesc::Any),
        Key::Headers => matches!(desc.headers, NamesDesc::Any),
        Key::Expose => matches!(desc.expose, NamesDesc::Any),
        _ => false,
    };
    if any && desc.credentials {
        return Some(match key {
            Key::Origin => ProblemKind::CredentialsWithAnyOrigin,
            Key::Methods => ProblemKind::CredentialsWithAnyMethod,
            Key::Headers => ProblemKind::CredentialsWithAnyHeader,
            _ => ProblemKind::CredentialsWithAnyExpose,
        });
    }
    let listed = matches!(desc.origin, OriginsDesc::List(_) | OriginsDesc::Parsed(_));
    match key {
        Key::Origin if listed && list_len(desc, key) == 0 => Some(ProblemKind::EmptyOrigins),
        Key::Credentials => match desc.origin {
            OriginsDesc::Predicate {
                credentials_acknowledged: false,
            } if desc.credentials => Some(ProblemKind::CredentialsWithPredicateOrigin),
            _ => None,
        },
        Key::Methods if matches!(desc.methods, MethodsDesc::List(&[])) => {
            Some(ProblemKind::EmptyMethods)
        }
        Key::MaxAge => match desc.max_age {
            Some(digits) => match check_max_age(digits) {
                Ok(_) => None,
                Err(kind) => Some(kind),
            },
            None => None,
        },
        _ => None,
    }
}

/// Problems of element `i` of a key's list.
const fn element_problem(desc: &PolicyDesc, key: Key, i: usize) -> Option<ProblemKind> {
    if let Key::Origin = key {
        let text = origin_text(desc, i);
        if let Err(e) = parse_origin(text) {
            return Some(ProblemKind::Origin(e));
        }
        if is_duplicate_origin(desc, i) {
            return Some(ProblemKind::DuplicateOrigin);
        }
        if desc.credentials && is_plain_http_risk(text) {
            return Some(ProblemKind::CredentialsOverPlainHttp);
        }
        return None;
    }
    let list = names(desc, key);
    let name = list[i].as_bytes();
    let star = bytes_eq(name, b"*");
    let problem = match key {
        Key::Methods if star => Some(ProblemKind::WildcardInMethods),
        Key::Methods => match check_method(name) {
            Err(e) => Some(ProblemKind::Method(e)),
            Ok(()) => None,
        },
        Key::Headers if star => Some(ProblemKind::WildcardInHeaders),
        Key::Headers => match check_request_header(name) {
            Err(e) => Some(ProblemKind::Header(e)),
            Ok(()) => None,
        },
        _ if star => Some(ProblemKind::WildcardInExpose),
        _ => match check_expose_header(name) {
            Err(e) => Some(ProblemKind::Expose(e)),
            Ok(()) => None,
        },
    };
    if problem.is_some() {
        return problem;
    }
    // A valid name equal to an earlier one (which is then valid too).
    let mut j = 0;
    while j < i {
        let other = list[j].as_bytes();
        let same = match key {
            Key::Methods => bytes_eq(other, name),
            _ => eq_ignore_case(other, name),
        };
        if same {
            return Some(match key {
                Key::Methods => ProblemKind::DuplicateMethod,
                Key::Headers => ProblemKind::DuplicateHeader,
                _ => ProblemKind::DuplicateExpose,
            });
        }
        j += 1;
    }
    None
}

/// Whether origin `i` repeats an earlier one, byte for byte.
const fn is_duplicate_origin(desc: &PolicyDesc, i: usize) -> bool {
    let text = origin_text(desc, i).as_bytes();
    let mut j = 0;
    while j < i {
        if bytes_eq(origin_text(desc, j).as_bytes(), text) {
            return true;
        }
        j += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::vec::Vec;

    fn all(desc: &PolicyDesc) -> Vec<(ProblemKind, Key, Option<usize>)> {
        problems(desc)
            .map(|p| (p.kind, p.at.key, p.at.index))
            .collect()
    }

    #[test]
    fn a_valid_policy_has_no_problem() {
        let desc = PolicyDesc {
            methods: MethodsDesc::List(&["GET", "PATCH"]),
            headers: NamesDesc::List(&["content-type", "x-api-key"]),
            expose: NamesDesc::List(&["x-request-id"]),
            credentials: true,
            max_age: Some("600"),
            private_network: true,
            ..PolicyDesc::new(OriginsDesc::List(&[
                "https://app.example.com",
                "https://*.example.org",
                "http://localhost:5173",
            ]))
        };
        assert_eq!(all(&desc), []);
        let any = PolicyDesc {
            methods: MethodsDesc::Any,
            headers: NamesDesc::Any,
            expose: NamesDesc::Any,
            ..PolicyDesc::new(OriginsDesc::Any)
        };
        assert_eq!(all(&any), []);
    }

    #[test]
    fn every_problem_with_its_position() {
        use ProblemKind as P;
        let desc = PolicyDesc {
            methods: MethodsDesc::List(&["GET", "get", "GET", "*", "PURGE"]),
            headers: NamesDesc::List(&["X-B", "x-b", "cookie", "*"]),
            expose: NamesDesc::List(&["set-cookie", "x-a", "X-A", "*"]),
            credentials: true,
            max_age: Some("86401"),
            ..PolicyDesc::new(OriginsDesc::List(&[
                "https://a.com",
                "https://a.com",
                "https://a.com/",
                "http://b.com",
                "https://*.github.io",
            ]))
        };
        assert_eq!(
            all(&desc),
            [
                (P::DuplicateOrigin, Key::Origin, Some(1)),
                (P::Origin(OriginError::Path), Key::Origin, Some(2)),
                (P::CredentialsOverPlainHttp, Key::Origin, Some(3)),
                (P::Method(MethodError::WrongCase), Key::Methods, Some(1)),
                (P::DuplicateMethod, Key::Methods, Some(2)),
                (P::WildcardInMethods, Key::Methods, Some(3)),
                (P::Method(MethodError::Custom), Key::Methods, Some(4)),
                (P::DuplicateHeader, Key::Headers, Some(1)),
                (
                    P::Header(RequestHeaderError::Forbidden),
                    Key::Headers,
                    Some(2)
                ),
                (P::WildcardInHeaders, Key::Headers, Some(3)),
                (
                    P::Expose(ExposeHeaderError::SetCookie),
                    Key::Expose,
                    Some(0)
                ),
                (P::DuplicateExpose, Key::Expose, Some(2)),
                (P::WildcardInExpose, Key::Expose, Some(3)),
                (P::MaxAgeTooLarge, Key::MaxAge, None),
                (
                    P::CredentialsOnPublicSuffix(SuffixKind::Private),
                    Key::Origin,
                    Some(4)
                ),
            ]
        );
    }

    #[test]
    fn wildcards_with_credentials_and_empty_lists() {
        use ProblemKind as P;
        let desc = PolicyDesc {
            methods: MethodsDesc::Any,
            headers: NamesDesc::Any,
            expose: NamesDesc::Any,
            credentials: true,
            ..PolicyDesc::new(OriginsDesc::Any)
        };
        assert_eq!(
            all(&desc),
            [
                (P::CredentialsWithAnyOrigin, Key::Origin, None),
                (P::CredentialsWithAnyMethod, Key::Methods, None),
                (P::CredentialsWithAnyHeader, Key::Headers, None),
                (P::CredentialsWithAnyExpose, Key::Expose, None),
            ]
        );
        let empty = PolicyDesc {
            methods: MethodsDesc::List(&[]),
            ..PolicyDesc::new(OriginsDesc::List(&[]))
        };
        assert_eq!(
            all(&empty),
            [
                (P::EmptyOrigins, Key::Origin, None),
                (P::EmptyMethods, Key::Methods, None),
            ]
        );
    }

    #[test]
    fn max_age() {
        for (digits, want) in [
            ("0", Ok(0)),
            ("86400", Ok(86_400)),
            ("86401", Err(ProblemKind::MaxAgeTooLarge)),
            ("999999999999999999999", Err(ProblemKind::MaxAgeTooLarge)),
            ("060", Err(ProblemKind::MaxAgeLeadingZero)),
            ("", Err(ProblemKind::MaxAgeNotDigits)),
            ("6e2", Err(ProblemKind::MaxAgeNotDigits)),
            ("-1", Err(ProblemKind::MaxAgeNotDigits)),
        ] {
            assert_eq!(check_max_age(digits), want, "{digits}");
        }
    }

    #[test]
    fn parsed_origins_follow_the_same_rules() {
        const LIST: &[AllowedOrigin] = &[
            AllowedOrigin::parse("https://a.com"),
            AllowedOrigin::parse("https://a.com"),
            AllowedOrigin::parse("https://*.shop"),
        ];
        let desc = PolicyDesc {
            credentials: true,
            ..PolicyDesc::new(OriginsDesc::Parsed(LIST))
        };
        assert_eq!(
            all(&desc),
            [
                (ProblemKind::DuplicateOrigin, Key::Origin, Some(1)),
                (
                    ProblemKind::CredentialsOnPublicSuffix(SuffixKind::Icann),
                    Key::Origin,
                    Some(2)
                ),
            ]
        );
    }

    #[test]
    fn configured_and_predicate_origins() {
        use ProblemKind as P;
        // Origins supplied at start-up: the rest of the policy is checked now.
        let configured = PolicyDesc {
            credentials: true,
            headers: NamesDesc::Any,
            ..PolicyDesc::new(OriginsDesc::Configured)
        };
        assert_eq!(
            all(&configured),
            [(P::CredentialsWithAnyHeader, Key::Headers, None)]
        );
        let predicate = |credentials_acknowledged, credentials| PolicyDesc {
            credentials,
            ..PolicyDesc::new(OriginsDesc::Predicate {
                credentials_acknowledged,
            })
        };
        assert_eq!(
            all(&predicate(false, true)),
            [(P::CredentialsWithPredicateOrigin, Key::Credentials, None)]
        );
        assert_eq!(all(&predicate(true, true)), []);
        assert_eq!(all(&predicate(false, false)), []);
    }

    #[test]
    fn any_port_follows_the_credentials_rules() {
        let desc = PolicyDesc {
            credentials: true,
            ..PolicyDesc::new(OriginsDesc::List(&["http://localhost:*", "http://[::1]:*"]))
        };
        assert_eq!(all(&desc), []);
        let public = PolicyDesc::new(OriginsDesc::List(&["http://dev.example.com:*"]));
        assert_eq!(
            all(&public),
            [(
                ProblemKind::Origin(OriginError::AnyPortNotLoopback),
                Key::Origin,
                Some(0)
            )]
        );
    }

    #[test]
    fn mounts() {
        assert!(permits_mount(MethodsDesc::Mounted, "DELETE"));
        assert!(permits_mount(MethodsDesc::Any, "DELETE"));
        assert!(permits_mount(
            MethodsDesc::List(&["GET", "DELETE"]),
            "DELETE"
        ));
        assert!(!permits_mount(MethodsDesc::List(&["GET"]), "DELETE"));
    }
}
