//! The decisions: which policy answers a request, the preflight answer, and the headers added
//! to actual responses.

use axum::body::Body;
use bytes::Bytes;
use http::header::{
    Entry, HeaderMap, HeaderName, HeaderValue, ACCESS_CONTROL_ALLOW_CREDENTIALS,
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, VARY,
};
use http::{Response, StatusCode};

use crate::origin::RequestOrigin;
use crate::policy::{Methods, OriginMatch, Policy};
use crate::request::{check_request_headers, requested_method};

/// [`Access-Control-Allow-Private-Network`](https://wicg.github.io/private-network-access/):
/// lets a public page reach a private-network server, in Chromium.
pub const ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-allow-private-network");
/// The preflight's request for [`ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK`].
pub const ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-request-private-network");

/// The `Vary` value of every preflight answer, allowed or refused.
pub const PREFLIGHT_VARY: &str =
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

/// A header value from a string that a [`Policy`] constructor has already checked.
#[inline]
fn precomputed(s: &'static str) -> HeaderValue {
    debug_assert!(cors_rules::is_visible_header_value(s.as_bytes()));
    // SAFETY: every `&'static str` passed here comes from a `Policy` (or a `Mount`), whose
    // `const` constructors reject any byte that is not visible ASCII or tab, which is exactly
    // what a `HeaderValue` may hold. This skips re-validating the same bytes per request.
    unsafe { HeaderValue::from_maybe_shared_unchecked(Bytes::from_static(s.as_bytes())) }
}

/// One method mounted on a path, with the policy of the handler behind it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mount {
    method: &'static str,
    policy: &'static Policy,
    allow_methods: &'static str,
}

impl Mount {
    /// Mounts `policy` on `method`. `mounted_methods` is the `Access-Control-Allow-Methods`
    /// value to use when the policy lists no methods of its own: the methods its handler is
    /// mounted on in this path, joined by `", "`.
    ///
    /// # Panics
    /// When the policy does not allow `method`; in a `const` this is a compile error.
    pub const fn new(
        method: &'static str,
        policy: &'static Policy,
        mounted_methods: &'static str,
    ) -> Mount {
        let allow_methods = match policy.methods {
            Methods::Mounted => {
                if !cors_rules::is_visible_header_value(mounted_methods.as_bytes())
                    || mounted_methods.is_empty()
                {
                    panic!("the mounted methods are not a header value");
                }
                mounted_methods
            }
            Methods::Any => policy.allow_methods,
            Methods::List(_) => {
                if !policy.permits_mount(method) {
                    panic!("a handler is mounted on a method its #[cors] policy does not allow");
                }
                policy.allow_methods
            }
        };
        Mount {
            method,
            policy,
            allow_methods,
        }
    }

    /// The method this mount answers.
    pub const fn method(&self) -> &'static str {
        self.method
    }

    /// The policy of the handler mounted on it.
    pub const fn policy(&self) -> &'static Policy {
        self.policy
    }
}

/// The policies of one route: one for all its methods, or one per mounted method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policies {
    /// One policy for every method; preflights are checked against its method list.
    One(&'static Policy),
    /// One policy per mounted method; preflights are answered by the policy of the method they
    /// ask for, and a method that is not mounted is refused.
    Mounted(&'static [Mount]),
}

impl Policies {
    /// The policy and `Access-Control-Allow-Methods` value for `method`, if any.
    ///
    /// `HEAD` falls back to `GET`, as axum routes it.
    #[inline]
    pub fn select(&self, method: &[u8]) -> Option<(&'static Policy, &'static str)> {
        match *self {
            // axum serves HEAD with the GET handler, so a policy allowing GET allows HEAD.
            Policies::One(policy) => (policy.allows_method(method)
                || (method == b"HEAD" && policy.allows_method(b"GET")))
            .then_some((policy, policy.allow_methods)),
            Policies::Mounted(mounts) => {
                let find = |m: &[u8]| mounts.iter().find(|mount| mount.method.as_bytes() == m);
                find(method)
                    .or_else(|| {
                        if method == b"HEAD" {
                            find(b"GET")
                        } else {
                            None
                        }
                    })
                    .map(|mount| (mount.policy, mount.allow_methods))
            }
        }
    }

    /// The policy that decorates an actual request with `method`.
    #[inline]
    pub(crate) fn for_actual(&self, method: &[u8]) -> Option<&'static Policy> {
        match *self {
            // One policy covers the whole route, whatever the method.
            Policies::One(policy) => Some(policy),
            Policies::Mounted(_) => self.select(method).map(|(policy, _)| policy),
        }
    }
}

/// Why a preflight was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The origin is missing, repeated, malformed or not allowed.
    Origin,
    /// `Access-Control-Request-Method` is repeated, malformed, not mounted or not allowed.
    Method,
    /// A requested header is malformed or not allowed, or the list is too large.
    Headers,
    /// Private Network Access was asked for and the policy does not opt in.
    PrivateNetwork,
}

/// What the origin check decided for an actual request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OriginDecision {
    /// No `Origin`: nothing but `Vary` is added.
    Absent,
    /// Allowed: the `Access-Control-Allow-Origin` value to send.
    Allowed(HeaderValue),
    /// Refused: handler-set CORS headers are removed and none are added.
    Refused,
}

/// Decides on the request's origin for `policy`.
#[inline]
pub fn decide_origin(policy: &Policy, headers: &HeaderMap) -> OriginDecision {
    decide_request_origin(policy, RequestOrigin::of(headers))
}

/// Decides on an already-read request origin for `policy`.
#[inline]
pub fn decide_request_origin(policy: &Policy, origin: RequestOrigin<'_>) -> OriginDecision {
    match origin {
        RequestOrigin::Absent => OriginDecision::Absent,
        RequestOrigin::Several => OriginDecision::Refused,
        RequestOrigin::One(value) => match policy.match_origin(value.as_bytes()) {
            None => OriginDecision::Refused,
            Some(OriginMatch::Any) => OriginDecision::Allowed(precomputed("*")),
            // An exact entry is byte for byte the request's value: send the policy's static
            // copy.
            Some(OriginMatch::Entry(entry)) if !entry.is_pattern() => {
                OriginDecision::Allowed(precomputed(entry.as_str()))
            }
            // A pattern: echo the request's value; cloning shares its bytes, no copy.
            Some(OriginMatch::Entry(_)) => OriginDecision::Allowed(value.clone()),
        },
    }
}

/// Answers a preflight request: 204 with the policy's headers, or 403 with none.
pub fn preflight(policies: &Policies, headers: &HeaderMap) -> Response<Body> {
    match check_preflight(policies, headers) {
        Ok((policy, allow_methods, acao, private_network)) => {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NO_CONTENT;
            // Room for every header below plus what the server adds (`allow`, `date`,
            // `content-length`), so the map is allocated once and never grows.
            *response.headers_mut() = HeaderMap::with_capacity(12);
            let h = response.headers_mut();
            h.insert(ACCESS_CONTROL_ALLOW_ORIGIN, acao);
            if policy.credentials {
                h.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, precomputed("true"));
            }
            h.insert(ACCESS_CONTROL_ALLOW_METHODS, precomputed(allow_methods));
            if !policy.allow_headers.is_empty() {
                h.insert(
                    ACCESS_CONTROL_ALLOW_HEADERS,
                    precomputed(policy.allow_headers),
                );
            }
            if !policy.max_age.is_empty() {
                h.insert(ACCESS_CONTROL_MAX_AGE, precomputed(policy.max_age));
            }
            if private_network {
                h.insert(ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK, precomputed("true"));
            }
            h.insert(VARY, precomputed(PREFLIGHT_VARY));
            response
        }
        Err(_) => refused_preflight(),
    }
}

/// The answer to a refused preflight: 403, empty, no CORS headers.
pub fn refused_preflight() -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::FORBIDDEN;
    response
        .headers_mut()
        .insert(VARY, precomputed(PREFLIGHT_VARY));
    response
}

type PreflightAnswer = (&'static Policy, &'static str, HeaderValue, bool);

/// Runs every check of a preflight, cheapest first.
pub fn check_preflight(
    policies: &Policies,
    headers: &HeaderMap,
) -> Result<PreflightAnswer, Refusal> {
    let method = requested_method(headers).ok_or(Refusal::Method)?;
    let (policy, allow_methods) = policies.select(method).ok_or(Refusal::Method)?;
    let acao = match decide_origin(policy, headers) {
        OriginDecision::Allowed(v) => v,
        OriginDecision::Absent | OriginDecision::Refused => return Err(Refusal::Origin),
    };
    check_request_headers(headers, policy).map_err(|_| Refusal::Headers)?;
    let private_network = match headers.get(ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK) {
        Some(v) if v.as_bytes() == b"true" => {
            if !policy.private_network {
                return Err(Refusal::PrivateNetwork);
            }
            true
        }
        _ => false,
    };
    Ok((policy, allow_methods, acao, private_network))
}

/// Adds (or removes) the CORS headers of an actual response, and merges `Vary`.
#[inline]
pub fn finish_actual(policy: &Policy, decision: OriginDecision, headers: &mut HeaderMap) {
    match decision {
        OriginDecision::Absent => {
            if policy.varies_by_origin() {
                append_vary_origin(headers);
            }
        }
        OriginDecision::Allowed(acao) => {
            // `insert` replaces every line the handler may have set: exactly one ACAO.
            headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, acao);
            if policy.credentials {
                headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, precomputed("true"));
            } else {
                headers.remove(ACCESS_CONTROL_ALLOW_CREDENTIALS);
            }
            if policy.expose_headers.is_empty() {
                headers.remove(ACCESS_CONTROL_EXPOSE_HEADERS);
            } else {
                headers.insert(
                    ACCESS_CONTROL_EXPOSE_HEADERS,
                    precomputed(policy.expose_headers),
                );
            }
            if policy.varies_by_origin() {
                append_vary_origin(headers);
            }
        }
        OriginDecision::Refused => {
            headers.remove(ACCESS_CONTROL_ALLOW_ORIGIN);
            headers.remove(ACCESS_CONTROL_ALLOW_CREDENTIALS);
            headers.remove(ACCESS_CONTROL_EXPOSE_HEADERS);
            // Even for `*` policies: this response (no ACAO) must not be served to a
            // well-formed origin from a cache.
            append_vary_origin(headers);
        }
    }
}

/// Appends `Vary: Origin` unless `Vary` already names `Origin` or is `*`.
///
/// Existing lines are never rewritten; a new line is appended, which HTTP reads the same as
/// a comma-joined value.
pub fn append_vary_origin(headers: &mut HeaderMap) {
    // One hash lookup whether or not the handler set `Vary`.
    match headers.entry(VARY) {
        Entry::Vacant(vacant) => {
            vacant.insert(precomputed("Origin"));
        }
        Entry::Occupied(mut lines) => {
            let covered = lines.iter().any(|line| {
                line.as_bytes().split(|&c| c == b',').any(|item| {
                    let item = item.trim_ascii();
                    item == b"*" || item.eq_ignore_ascii_case(b"origin")
                })
            });
            if !covered {
                lines.append(precomputed("Origin"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vary(lines: &[&'static str]) -> Vec<String> {
        let mut h = HeaderMap::new();
        for l in lines {
            h.append(VARY, HeaderValue::from_static(l));
        }
        append_vary_origin(&mut h);
        h.get_all(VARY)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn vary_is_merged_never_overwritten() {
        assert_eq!(vary(&[]), ["Origin"]);
        assert_eq!(vary(&["Accept-Encoding"]), ["Accept-Encoding", "Origin"]);
        assert_eq!(
            vary(&["accept-encoding, origin"]),
            ["accept-encoding, origin"]
        );
        assert_eq!(vary(&["ORIGIN"]), ["ORIGIN"]);
        assert_eq!(vary(&["*"]), ["*"]);
        assert_eq!(vary(&["Cookie", " * "]), ["Cookie", " * "]);
        assert_eq!(vary(&["Origin-Agent"]), ["Origin-Agent", "Origin"]);
    }
}
