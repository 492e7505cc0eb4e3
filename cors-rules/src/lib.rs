//! The rules of a valid CORS policy, in one place.
//!
//! Both the `#[cors]` attribute (at compile time, with spans) and `cors-runtime` (in `const`
//! constructors and, at start-up, for origins read from configuration) call these functions, so a
//! value accepted in one place is accepted in the other.
//!
//! - [`origin`](parse_origin), [`method`](check_method) and header rules
//!   ([`check_request_header`], [`check_expose_header`]) judge one value each;
//! - the policy rule book ([`next_problem`], [`problems`]) judges a whole [`PolicyDesc`] and
//!   says where each problem is;
//! - [`public_suffix`] looks a host up in the Public Suffix List.
//!
//! Almost everything here is a `const fn` over bytes: no allocation, no formatting, linear in
//! the input. The exceptions are the Public Suffix List lookup ([`public_suffix`], and the
//! rules that use it: [`next_suffix_problem`], [`problems`]), which
//! cannot run in `const`.
//!
//! # The rule book
//!
//! Describe a policy with a [`PolicyDesc`]; [`problems`] yields every [`Problem`], each with
//! its [`ProblemKind`] (and [`message`](Problem::message)) and its [`Position`]: the key and,
//! for a list, the element. In `const`, [`next_problem`] resumes from a [`Cursor`] and
//! [`first_problem`] stops at the first; neither runs the Public Suffix List check
//! ([`next_suffix_problem`]).
//!
//! ```
//! use cors_rules::{problems, Key, MethodsDesc, NamesDesc, OriginsDesc, PolicyDesc, ProblemKind};
//!
//! let desc = PolicyDesc {
//!     methods: MethodsDesc::List(&["GET", "GET"]),
//!     headers: NamesDesc::Any,
//!     credentials: true,
//!     ..PolicyDesc::new(OriginsDesc::List(&["https://app.example.com/", "https://*.github.io"]))
//! };
//! let found: Vec<_> = problems(&desc).collect();
//! let kinds: Vec<_> = found.iter().map(|p| (p.kind, p.at.key, p.at.index)).collect();
//! assert_eq!(kinds, [
//!     (ProblemKind::Origin(cors_rules::OriginError::Path), Key::Origin, Some(0)),
//!     (ProblemKind::DuplicateMethod, Key::Methods, Some(1)),
//!     (ProblemKind::CredentialsWithAnyHeader, Key::Headers, None),
//!     // The Public Suffix List check runs after the `const` rules.
//!     (ProblemKind::CredentialsOnPublicSuffix(cors_rules::SuffixKind::Private), Key::Origin, Some(1)),
//! ]);
//! assert!(found[0].message().starts_with("an origin has no path"));
//!
//! // In `const`: the first problem, or `None` for a valid policy.
//! const OK: bool = cors_rules::first_problem(&PolicyDesc::new(OriginsDesc::Any)).is_none();
//! assert!(OK);
//! ```
//!
//! The rules follow the WHATWG Fetch standard (CORS protocol, forbidden methods and request
//! headers, method normalization) and the WHATWG URL standard (origin serialization, hosts,
//! IPv6 and punycode).
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod bytes;
mod header;
mod host;
mod method;
mod origin;
mod policy;
mod suffix;

pub use bytes::{bytes_eq, ends_with, eq_ignore_case, is_lowercase, starts_with};
pub use header::{
    check_expose_header, check_request_header, is_tchar, is_token, is_visible_header_value,
    ExposeHeaderError, RequestHeaderError,
};
pub use host::{
    canonical_ipv6, check_host_name, check_label, check_labels, Ipv6Text, MAX_HOST_LEN,
    MAX_LABEL_LEN,
};
pub use method::{
    check_method, is_forbidden_method, is_standard_method, router_method, MethodError,
    NORMALIZED_METHODS, STANDARD_METHODS,
};
pub use origin::{
    fingerprint, host_of, is_loopback_host, is_plain_http_risk, is_request_origin, parse_origin,
    scheme_of, AllowedOrigin, OriginError, OriginShape, MAX_ORIGIN_LEN, ORIGIN_SCHEMES,
};
pub use policy::{
    first_problem, max_age_seconds, next_problem, next_suffix_problem, permits_mount, problems,
    Cursor, Key, MethodsDesc, NamesDesc, OriginsDesc, PolicyDesc, Position, Problem, ProblemKind,
    Problems, MAX_AGE_LIMIT,
};
pub use suffix::{public_suffix, SuffixKind};
