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

use crate::diagnostics::{self, Refusal};
use crate::origin::RequestOrigin;
use crate::policy::{Methods, OriginMatch, Origins, Policy};
use crate::request::{HeaderListError, RequestedHeaders};

/// [`Access-Control-Allow-Private-Network`](https://wicg.github.io/private-network-access/):
/// lets a public page reach a private-network server, in Chromium.
pub(crate) const ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-allow-private-network");
/// The preflight's request for [`ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK`].
pub(crate) const ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-request-private-network");

/// The `Vary` value of every preflight answer, allowed or refused.
pub(crate) const PREFLIGHT_VARY: &str =
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

/// A header value from a string that a [`Policy`] constructor has already checked.
#[inline]
// The crate's one `unsafe`, reviewed below. `HeaderValue::from_static` would check every byte
// again on each request: +394 instructions on an allowed GET, +332 on a preflight (gungraun).
#[allow(unsafe_code)]
fn precomputed(s: &'static str) -> HeaderValue {
    debug_assert!(cors_rules::is_visible_header_value(s.as_bytes()));
    // SAFETY: every `&'static str` passed here comes from a `Policy` (or a `Mount`), whose
    // `const` constructors reject any byte that is not visible ASCII or tab, which is exactly
    // what a `HeaderValue` may hold, or from origins configured at start-up, which passed the
    // same origin rules (`parse_origin` accepts visible ASCII only). This skips re-validating
    // the same bytes per request.
    unsafe { HeaderValue::from_maybe_shared_unchecked(Bytes::from_static(s.as_bytes())) }
}

/// One method mounted on a path, with the policy of the handler behind it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mount {
    method: &'static str,
    policy: &'static Policy,
}

impl Mount {
    /// Mounts `policy` on `method`.
    ///
    /// # Panics
    /// When `method` is not one of the methods axum's method router routes; in a `const` this
    /// is a compile error.
    pub const fn new(method: &'static str, policy: &'static Policy) -> Mount {
        if !cors_rules::is_standard_method(method.as_bytes()) {
            panic!("only GET, HEAD, POST, PUT, DELETE, PATCH and OPTIONS can be mounted");
        }
        // Whether the policy allows `method` is checked by `cors_route!` as a trait bound
        // (`__private_v1::AllowsGet`, ...), which words the error at the mount.
        Mount { method, policy }
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

/// The CORS-safelisted methods: a browser never preflights a request for its method alone.
fn is_safelisted_method(m: &[u8]) -> bool {
    matches!(m, b"GET" | b"HEAD" | b"POST")
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
    /// The policy that answers a preflight for `method`, if any, with the method's name as a
    /// static string when the policy spells it out (`None` for a `methods = "*"` policy that
    /// mounts no list: the request's own value is then echoed).
    ///
    /// `HEAD` falls back to `GET`, as axum routes it.
    #[inline]
    pub(crate) fn select(&self, method: &[u8]) -> Option<(&'static Policy, Option<&'static str>)> {
        match *self {
            Policies::One(policy) => {
                let allowed = policy.allows_method(method)
                    // axum serves HEAD with the GET handler, so a policy allowing GET allows
                    // HEAD.
                    || (method == b"HEAD" && policy.allows_method(b"GET"));
                if !allowed {
                    return None;
                }
                let name = match policy.methods {
                    Methods::List(list) => list.iter().copied().find(|m| m.as_bytes() == method),
                    Methods::Any | Methods::Mounted => None,
                };
                Some((policy, name.or((method == b"HEAD").then_some("HEAD"))))
            }
            Policies::Mounted(mounts) => {
                let find = |m: &[u8]| mounts.iter().find(|mount| mount.method.as_bytes() == m);
                match find(method) {
                    Some(mount) => Some((mount.policy, Some(mount.method))),
                    None if method == b"HEAD" => {
                        find(b"GET").map(|mount| (mount.policy, Some("HEAD")))
                    }
                    None => None,
                }
            }
        }
    }

    /// Whether the browser may keep a preflight answer that lists the requested headers
    /// `names` for `origin` in its CORS-preflight cache.
    ///
    /// The browser keeps one entry per listed header name, per origin and URL, and uses it for
    /// every method of that URL: a later request of another method from `origin` that sends
    /// only safelisted or remembered headers goes out without a preflight. That is harmless
    /// only when every handler such a request can reach would allow it itself: the handlers
    /// of the safelisted methods (GET, HEAD, POST: never preflighted for their method), and
    /// those of the other methods whose policy allows `origin` (the browser can remember
    /// their method). An answer with credentials is remembered for credentialed requests, so
    /// each of those handlers must allow credentials too. When one of them would refuse, the
    /// answer is sent with `Access-Control-Max-Age: 0`, so nothing is remembered and every
    /// such request is preflighted again, and refused by its own policy.
    fn cacheable(
        &self,
        answering: &'static Policy,
        origin: &[u8],
        names: &RequestedHeaders<'_>,
    ) -> bool {
        let Policies::Mounted(mounts) = *self else {
            // One policy answers for every method of the route.
            return true;
        };
        if names.is_empty() {
            return true;
        }
        mounts.iter().all(|mount| {
            let policy = mount.policy;
            if core::ptr::eq(policy, answering) {
                return true;
            }
            if !policy.allows_origin(origin) {
                // The browser never learns this method for `origin`, so only a safelisted
                // method (sent without its own preflight) could reach the handler.
                return !is_safelisted_method(mount.method.as_bytes());
            }
            // An answer with credentials is remembered for credentialed requests too: then a
            // credentialed request could reach a handler whose policy refuses credentials.
            (!answering.credentials() || policy.credentials())
                && names.names().all(|name| policy.allows_request_header(name))
        })
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

/// What the origin check decided for an actual request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OriginDecision {
    /// No `Origin`: nothing but `Vary` is added.
    Absent,
    /// Allowed: the `Access-Control-Allow-Origin` value to send.
    Allowed(HeaderValue),
    /// Refused: handler-set CORS headers are removed and none are added.
    Refused,
}

/// Decides on an already-read request origin for `policy`.
///
/// An any-origin policy answers `*` whatever the request says, `Origin` or not: its answer
/// does not depend on the request, so every response carries it and a response cached from a
/// request without `Origin` still serves a later CORS request. (Preflights, which no cache
/// keeps, still refuse a malformed `Origin` before asking this.)
#[inline]
pub(crate) fn decide_request_origin(policy: &Policy, origin: RequestOrigin<'_>) -> OriginDecision {
    if let Origins::Any = policy.origins() {
        return OriginDecision::Allowed(precomputed("*"));
    }
    match origin {
        RequestOrigin::Absent => OriginDecision::Absent,
        RequestOrigin::Invalid => OriginDecision::Refused,
        RequestOrigin::One(value) => match policy.match_origin(value.as_bytes()) {
            None => OriginDecision::Refused,
            Some(OriginMatch::Any) => OriginDecision::Allowed(precomputed("*")),
            // An exact entry is byte for byte the request's value: send the policy's static
            // copy.
            Some(OriginMatch::Entry(entry)) if !entry.is_pattern() => {
                OriginDecision::Allowed(precomputed(entry.as_str()))
            }
            // A pattern (or an any-port entry): echo the request's value; cloning shares its
            // bytes, no copy. Configured entries were checked by the same origin rules at
            // start-up, so their static copies are valid header values too.
            Some(OriginMatch::Entry(_)) => OriginDecision::Allowed(value.clone()),
            // The predicate saw a well-formed origin: echo it.
            Some(OriginMatch::Predicate) => OriginDecision::Allowed(value.clone()),
        },
    }
}

/// Answers a preflight request: 204 with the policy's headers, or 403 with none.
///
/// An allowed answer names only what was asked for: `Access-Control-Allow-Methods` is the
/// requested method and `Access-Control-Allow-Headers` the requested headers, never the
/// policy's whole lists or `*`. The browser remembers every name an answer lists, per origin
/// and URL, for the max-age; listing only what the answering handler's policy allowed for
/// this request keeps that memory from covering another handler of the same path.
pub(crate) fn preflight(
    policies: &Policies,
    headers: &HeaderMap,
    origin: RequestOrigin<'_>,
    method: Option<&HeaderValue>,
    path: &str,
) -> Response<Body> {
    match check_preflight(policies, headers, origin, method) {
        Ok(answer) => {
            let policy = answer.policy;
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NO_CONTENT;
            // Room for the six to eight headers below and what the router and server add
            // (`content-length`, `date`), so the map is allocated once and never grows.
            *response.headers_mut() = HeaderMap::with_capacity(8);
            let h = response.headers_mut();
            h.insert(ACCESS_CONTROL_ALLOW_ORIGIN, answer.acao);
            if policy.credentials() {
                h.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, precomputed("true"));
            }
            h.insert(ACCESS_CONTROL_ALLOW_METHODS, answer.method);
            let mut lines = answer.requested_headers.lines();
            if let Some(first) = lines.next() {
                h.insert(ACCESS_CONTROL_ALLOW_HEADERS, first.clone());
                for line in lines {
                    h.append(ACCESS_CONTROL_ALLOW_HEADERS, line.clone());
                }
            }
            if !answer.cacheable {
                h.insert(ACCESS_CONTROL_MAX_AGE, precomputed("0"));
            } else if !policy.max_age.is_empty() {
                h.insert(ACCESS_CONTROL_MAX_AGE, precomputed(policy.max_age));
            }
            if answer.private_network {
                h.insert(ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK, precomputed("true"));
            }
            h.insert(VARY, precomputed(PREFLIGHT_VARY));
            response
        }
        Err(refusal) => {
            diagnostics::preflight_refused(&refusal, path, origin, method);
            refused_preflight()
        }
    }
}

/// The answer to a refused preflight: 403, empty, no CORS headers.
pub(crate) fn refused_preflight() -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::FORBIDDEN;
    response
        .headers_mut()
        .insert(VARY, precomputed(PREFLIGHT_VARY));
    response
}

/// What an allowed preflight is answered with.
struct PreflightAnswer<'a> {
    policy: &'static Policy,
    acao: HeaderValue,
    /// `Access-Control-Allow-Methods`: the requested method.
    method: HeaderValue,
    requested_headers: RequestedHeaders<'a>,
    /// Whether the browser may remember the answer for the policy's max-age.
    cacheable: bool,
    private_network: bool,
}

/// Runs every check of a preflight, cheapest first.
fn check_preflight<'a>(
    policies: &Policies,
    headers: &'a HeaderMap,
    origin: RequestOrigin<'_>,
    method: Option<&'a HeaderValue>,
) -> Result<PreflightAnswer<'a>, Refusal<'a>> {
    let method = method.ok_or(Refusal::MalformedMethod)?;
    let (policy, method_name) = policies
        .select(method.as_bytes())
        .ok_or(Refusal::MethodNotAllowed(method.as_bytes()))?;
    // A preflight is never cached by HTTP caches, so unlike an actual response it can refuse
    // what no browser sends even under `*`: several `Origin` lines, an oversized or empty
    // value, or anything that is not a serialized origin.
    if let (Origins::Any, RequestOrigin::One(value)) = (policy.origins(), origin) {
        if !policy.allows_origin(value.as_bytes()) {
            return Err(Refusal::MalformedOrigin);
        }
    }
    let acao = match decide_request_origin(policy, origin) {
        OriginDecision::Allowed(_) if origin == RequestOrigin::Invalid => {
            return Err(Refusal::MalformedOrigin)
        }
        OriginDecision::Allowed(v) => v,
        OriginDecision::Refused if matches!(origin, RequestOrigin::One(_)) => {
            return Err(Refusal::OriginNotAllowed)
        }
        OriginDecision::Absent | OriginDecision::Refused => return Err(Refusal::MalformedOrigin),
    };
    let requested_headers =
        RequestedHeaders::read(headers, |name| policy.allows_request_header(name)).map_err(
            |e| match e {
                HeaderListError::TooLarge => Refusal::TooManyHeaders,
                HeaderListError::NotToken(name) => Refusal::MalformedHeader(name),
                HeaderListError::NotAllowed(name) => Refusal::HeaderNotAllowed(name),
            },
        )?;
    let private_network = match headers.get(ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK) {
        Some(v) if v.as_bytes() == b"true" => {
            if !policy.private_network() {
                return Err(Refusal::PrivateNetwork);
            }
            true
        }
        _ => false,
    };
    let origin_bytes = match origin {
        RequestOrigin::One(value) => value.as_bytes(),
        RequestOrigin::Absent | RequestOrigin::Invalid => &[],
    };
    let cacheable = policies.cacheable(policy, origin_bytes, &requested_headers);
    let method = match method_name {
        Some(name) => precomputed(name),
        None => method.clone(),
    };
    Ok(PreflightAnswer {
        policy,
        acao,
        method,
        requested_headers,
        cacheable,
        private_network,
    })
}

/// Adds the CORS headers of an actual response, and merges `Vary`.
///
/// The policy is the only source of `Access-Control-*` response headers on a CORS route:
/// whatever the handler set under that prefix is removed first, on every response, with or
/// without `Origin`.
#[inline]
pub(crate) fn finish_actual(policy: &Policy, decision: OriginDecision, headers: &mut HeaderMap) {
    remove_cors_headers(headers);
    match decision {
        OriginDecision::Absent => {
            if policy.varies_by_origin() {
                append_vary_origin(headers);
            }
        }
        OriginDecision::Allowed(acao) => {
            headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, acao);
            if policy.credentials() {
                headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, precomputed("true"));
            }
            if let Some(expose) = policy.expose_headers() {
                headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, precomputed(expose));
            }
            if policy.varies_by_origin() {
                append_vary_origin(headers);
            }
        }
        OriginDecision::Refused => {
            // This response (no ACAO) must not be served to an allowed origin from a cache.
            append_vary_origin(headers);
        }
    }
}

/// Removes every `Access-Control-*` header a handler set.
///
/// One pass over the names finds them; a response without any (the usual case) is left
/// untouched after that pass.
#[inline]
pub(crate) fn remove_cors_headers(headers: &mut HeaderMap) {
    fn is_cors(name: &HeaderName) -> bool {
        name.as_str()
            .as_bytes()
            .get(..CORS_PREFIX.len())
            .is_some_and(|head| head == CORS_PREFIX)
    }
    const CORS_PREFIX: &[u8] = b"access-control-";
    // Removing invalidates the iteration, so look again after each removal; a handler sets
    // a handful of headers at most.
    while let Some(name) = headers.keys().find(|name| is_cors(name)).cloned() {
        headers.remove(&name);
    }
}

/// Appends `Vary: Origin` unless `Vary` already names `Origin` or is `*`.
///
/// Existing lines are never rewritten; a new line is appended, which HTTP reads the same as
/// a comma-joined value.
pub(crate) fn append_vary_origin(headers: &mut HeaderMap) {
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
