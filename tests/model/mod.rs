//! A browser's side of CORS, written from the Fetch standard (https://fetch.spec.whatwg.org),
//! not from the crate: what a page's `fetch()` sends, whether a CORS-preflight request goes
//! first, what the CORS-preflight cache and the HTTP cache remember, and whether the script
//! may read the response.
//!
//! The server is an axum `Router` called in-process. Time is a logical clock in seconds that
//! the test advances. Every page is cross-origin to the server.
//!
//! Sections of the standard followed: "CORS-safelisted request-header" and "CORS-unsafe
//! request-header names" (2.2.2), "CORS check" (4.9), "CORS-preflight fetch" (4.8),
//! "CORS-preflight cache" (4.8, with Chromium's 7200 s cap on max-age), "main fetch" (clearing
//! the cache entries of a failed CORS fetch with preflight) and, for the HTTP cache, RFC 9111
//! `max-age` freshness and `Vary` matching.
#![allow(dead_code)] // each test binary uses its own part of the model

use std::future::Future;
use std::task::{Context, Poll, Waker};

use axum::body::Body;
use axum::Router;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::{Method, Request, StatusCode};
use tower::ServiceExt;

/// Chromium's upper bound on `Access-Control-Max-Age`, in seconds.
pub const MAX_AGE_CAP: u64 = 7200;
/// The max-age of a successful preflight without `Access-Control-Max-Age`.
pub const DEFAULT_MAX_AGE: u64 = 5;

/// What a response looked like: status and every header line.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub status: StatusCode,
    pub headers: HeaderMap,
}

impl Snapshot {
    /// The header's value as Fetch "gets" it: all lines joined by `", "`, or `None`.
    pub fn get(&self, name: &str) -> Option<String> {
        combined(&self.headers, name)
    }
}

fn combined(headers: &HeaderMap, name: &str) -> Option<String> {
    let mut lines = headers.get_all(name).iter().peekable();
    lines.peek()?;
    let parts: Vec<String> = lines
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    Some(parts.join(", "))
}

/// Polls a future that completes without I/O (an in-process router call).
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..64 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
    panic!("an in-process request did not complete");
}

/// Sends a request to the server and records the response.
pub fn send(server: &Router, request: Request<Body>) -> Snapshot {
    let response = block_on(server.clone().oneshot(request)).expect("routers are infallible");
    Snapshot {
        status: response.status(),
        headers: response.headers().clone(),
    }
}

/// How the script's `fetch()` was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `mode: "cors"`, the default of `fetch()`.
    Cors,
    /// `mode: "no-cors"` (or an `<img>`): no `Origin` on GET and HEAD, an opaque response.
    NoCors,
}

/// One `fetch()` call of a page.
#[derive(Clone, Debug)]
pub struct ScriptRequest {
    /// The page's serialized origin.
    pub origin: String,
    /// The path on the server.
    pub url: String,
    /// The method as the script wrote it.
    pub method: String,
    /// The headers as the script set them.
    pub headers: Vec<(String, String)>,
    /// `credentials: "include"`.
    pub credentials: bool,
    pub mode: Mode,
}

/// What happened to one `fetch()`.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// `fetch()` threw before anything was sent (forbidden or malformed method, bad header).
    pub type_error: bool,
    /// A CORS-preflight request was sent; `Some(passed)`.
    pub preflight: Option<bool>,
    /// The request itself reached the server.
    pub sent: bool,
    /// The response came from the HTTP cache.
    pub from_cache: bool,
    /// The script may read the response.
    pub readable: bool,
    /// The response the browser got for the request itself, if any.
    pub response: Option<Snapshot>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    Method(String),
    Header(String),
}

#[derive(Clone, Debug)]
struct PreflightEntry {
    origin: String,
    url: String,
    credentials: bool,
    expires: u64,
    what: Entry,
}

#[derive(Clone, Debug)]
struct Stored {
    url: String,
    request: HeaderMap,
    response: Snapshot,
    expires: u64,
}

/// The browser: a clock, a CORS-preflight cache and an HTTP cache.
#[derive(Debug)]
pub struct Browser {
    now: u64,
    preflight_cache: Vec<PreflightEntry>,
    http_cache: Vec<Stored>,
    /// Whether a CORS fetch with a failed preflight clears the entries of its origin and URL
    /// (Fetch does; a browser that does not is strictly more permissive).
    pub clear_on_failure: bool,
}

impl Default for Browser {
    fn default() -> Self {
        Browser {
            now: 0,
            preflight_cache: Vec::new(),
            http_cache: Vec::new(),
            clear_on_failure: true,
        }
    }
}

/// A CORS-safelisted method.
pub fn is_safelisted_method(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "POST")
}

/// RFC 9110 `tchar`.
pub fn is_tchar(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c)
}

/// RFC 9110 `token`.
pub fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_tchar)
}

/// Fetch "normalize a method": the six methods are uppercased, others kept as written.
pub fn normalize_method(method: &str) -> String {
    for m in ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"] {
        if method.eq_ignore_ascii_case(m) {
            return m.to_owned();
        }
    }
    method.to_owned()
}

/// Fetch "forbidden method".
pub fn is_forbidden_method(method: &str) -> bool {
    ["CONNECT", "TRACE", "TRACK"]
        .iter()
        .any(|m| method.eq_ignore_ascii_case(m))
}

/// Fetch "forbidden request-header": `Headers` ignores them in a script's request.
pub fn is_forbidden_request_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    const LIST: &[&str] = &[
        "accept-charset",
        "accept-encoding",
        "access-control-request-headers",
        "access-control-request-method",
        "connection",
        "content-length",
        "cookie",
        "cookie2",
        "date",
        "dnt",
        "expect",
        "host",
        "keep-alive",
        "origin",
        "referer",
        "set-cookie",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "via",
    ];
    LIST.contains(&n.as_str()) || n.starts_with("proxy-") || n.starts_with("sec-")
}

/// Fetch "CORS-unsafe request-header byte".
fn is_cors_unsafe_byte(c: u8) -> bool {
    (c < 0x20 && c != 0x09) || b"\"():<>?@[\\]{}\x7f".contains(&c)
}

/// Fetch "CORS-safelisted request-header".
pub fn is_safelisted_request_header(name: &str, value: &str) -> bool {
    if value.len() > 128 {
        return false;
    }
    match name.to_ascii_lowercase().as_str() {
        "accept" => !value.bytes().any(is_cors_unsafe_byte),
        "accept-language" | "content-language" => value
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b" *,-.;=".contains(&c)),
        "content-type" => {
            if value.bytes().any(is_cors_unsafe_byte) {
                return false;
            }
            // The MIME type's essence: `type/subtype` before any parameter.
            let essence = value
                .split(';')
                .next()
                .unwrap_or("")
                .trim_matches([' ', '\t', '\n', '\r'])
                .to_ascii_lowercase();
            let mut parts = essence.splitn(2, '/');
            let (Some(t), Some(s)) = (parts.next(), parts.next()) else {
                return false;
            };
            is_token(t)
                && is_token(s)
                && matches!(
                    essence.as_str(),
                    "application/x-www-form-urlencoded" | "multipart/form-data" | "text/plain"
                )
        }
        "range" => is_simple_range(value),
        _ => false,
    }
}

/// Fetch "parse a single range header value" without whitespace, with a start.
fn is_simple_range(value: &str) -> bool {
    let Some(rest) = value
        .get(..5)
        .filter(|p| p.eq_ignore_ascii_case("bytes"))
        .map(|_| &value[5..])
    else {
        return false;
    };
    let Some(rest) = rest.strip_prefix('=') else {
        return false;
    };
    let Some((start, end)) = rest.split_once('-') else {
        return false;
    };
    let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    if start.is_empty() || !digits(start) || !digits(end) {
        return false;
    }
    if end.is_empty() {
        return true;
    }
    match (start.parse::<u128>(), end.parse::<u128>()) {
        (Ok(a), Ok(b)) => a <= b,
        _ => false,
    }
}

/// Fetch "CORS-unsafe request-header names": sorted, lowercase, without duplicates.
pub fn cors_unsafe_names(headers: &[(String, String)]) -> Vec<String> {
    let mut unsafe_names = Vec::new();
    let mut potentially = Vec::new();
    let mut size = 0;
    for (name, value) in headers {
        if is_safelisted_request_header(name, value) {
            potentially.push(name.clone());
            size += value.len();
        } else {
            unsafe_names.push(name.clone());
        }
    }
    if size > 1024 {
        unsafe_names.extend(potentially);
    }
    let mut names: Vec<String> = unsafe_names
        .iter()
        .map(|n| n.to_ascii_lowercase())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Fetch "CORS check": whether `response` lets a script of `origin` read it.
pub fn cors_check(response: &Snapshot, origin: &str, credentials: bool) -> bool {
    let Some(acao) = response.get("access-control-allow-origin") else {
        return false;
    };
    if !credentials && acao == "*" {
        return true;
    }
    if acao != origin {
        return false;
    }
    if !credentials {
        return true;
    }
    response.get("access-control-allow-credentials").as_deref() == Some("true")
}

/// Fetch "extract header list values" for a `#token` header: `Ok(None)` when absent, `Err`
/// when an element is not a token. Empty elements are skipped, as HTTP list syntax allows.
pub fn token_list(response: &Snapshot, name: &str) -> Result<Option<Vec<String>>, ()> {
    let Some(value) = response.get(name) else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for element in value.split(',') {
        let element = element.trim_matches([' ', '\t']);
        if element.is_empty() {
            continue;
        }
        if !is_token(element) {
            return Err(());
        }
        out.push(element.to_owned());
    }
    Ok(Some(out))
}

/// `Access-Control-Max-Age` as a browser reads it: digits, else the default; capped.
fn max_age(response: &Snapshot) -> u64 {
    let age = match response.get("access-control-max-age") {
        Some(v) if !v.is_empty() && v.bytes().all(|c| c.is_ascii_digit()) => {
            v.parse::<u64>().unwrap_or(u64::MAX)
        }
        _ => DEFAULT_MAX_AGE,
    };
    age.min(MAX_AGE_CAP)
}

/// The names listed in `Vary`, lowercase.
fn vary_names(response: &Snapshot) -> Vec<String> {
    response
        .get("vary")
        .map(|v| {
            v.split(',')
                .map(|s| s.trim().to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `Vary` lists `Origin` (or `*`): a cache then keeps the response per origin.
pub fn varies_by_origin(response: &Snapshot) -> bool {
    vary_names(response)
        .iter()
        .any(|n| n == "origin" || n == "*")
}

impl Browser {
    /// A browser with empty caches at time 0.
    pub fn new() -> Self {
        Browser::default()
    }

    /// Advances the clock.
    pub fn advance(&mut self, seconds: u64) {
        self.now += seconds;
    }

    fn method_entry(&self, origin: &str, url: &str, credentials: bool, method: &str) -> bool {
        self.preflight_cache.iter().any(|e| {
            e.origin == origin
                && e.url == url
                && e.credentials == credentials
                && self.now < e.expires
                && match &e.what {
                    Entry::Method(m) => m == method || (m == "*" && !credentials),
                    Entry::Header(_) => false,
                }
        })
    }

    fn header_entry(&self, origin: &str, url: &str, credentials: bool, name: &str) -> bool {
        self.preflight_cache.iter().any(|e| {
            e.origin == origin
                && e.url == url
                && e.credentials == credentials
                && self.now < e.expires
                && match &e.what {
                    Entry::Header(h) => {
                        h.eq_ignore_ascii_case(name)
                            || (h == "*"
                                && !credentials
                                && !name.eq_ignore_ascii_case("authorization"))
                    }
                    Entry::Method(_) => false,
                }
        })
    }

    fn remember(&mut self, origin: &str, url: &str, credentials: bool, what: Entry, age: u64) {
        let expires = self.now + age;
        // An existing entry for the same item gets the new max-age (possibly 0: forgotten).
        for e in &mut self.preflight_cache {
            if e.origin == origin && e.url == url && e.credentials == credentials && e.what == what
            {
                e.expires = expires;
                return;
            }
        }
        self.preflight_cache.push(PreflightEntry {
            origin: origin.to_owned(),
            url: url.to_owned(),
            credentials,
            expires,
            what,
        });
    }

    fn clear(&mut self, origin: &str, url: &str) {
        self.preflight_cache
            .retain(|e| !(e.origin == origin && e.url == url));
    }

    /// The HTTP cache: a fresh stored GET response whose `Vary` headers match.
    fn cached(&self, url: &str, request: &HeaderMap) -> Option<Snapshot> {
        self.http_cache
            .iter()
            .rev()
            .find(|s| {
                s.url == url
                    && self.now < s.expires
                    && vary_names(&s.response).iter().all(|name| {
                        name != "*" && combined(&s.request, name) == combined(request, name)
                    })
            })
            .map(|s| s.response.clone())
    }

    fn store(&mut self, url: &str, request: &HeaderMap, response: &Snapshot) {
        let Some(age) = response.get("cache-control").and_then(|cc| {
            cc.split(',')
                .find_map(|d| d.trim().strip_prefix("max-age=")?.parse::<u64>().ok())
        }) else {
            return;
        };
        if age == 0 {
            return;
        }
        self.http_cache.push(Stored {
            url: url.to_owned(),
            request: request.clone(),
            response: response.clone(),
            expires: self.now + age,
        });
    }

    /// Runs a script's `fetch()` against `server`.
    pub fn fetch(&mut self, server: &Router, req: &ScriptRequest) -> Outcome {
        let mut outcome = Outcome::default();
        if !is_token(&req.method) || is_forbidden_method(&req.method) {
            outcome.type_error = true;
            return outcome;
        }
        let method = normalize_method(&req.method);
        let mut headers: Vec<(String, String)> = Vec::new();
        for (name, value) in &req.headers {
            let value = value.trim_matches([' ', '\t', '\n', '\r']);
            if !is_token(name) || value.bytes().any(|c| matches!(c, 0 | b'\n' | b'\r')) {
                outcome.type_error = true;
                return outcome;
            }
            if is_forbidden_request_header(name) {
                continue;
            }
            headers.push((name.clone(), value.to_owned()));
        }
        if req.mode == Mode::NoCors {
            if !is_safelisted_method(&method) {
                outcome.type_error = true;
                return outcome;
            }
            // The `request-no-cors` guard drops every non-safelisted header.
            headers.retain(|(n, v)| {
                matches!(
                    n.to_ascii_lowercase().as_str(),
                    "accept" | "accept-language" | "content-language" | "content-type"
                ) && is_safelisted_request_header(n, v)
            });
        }
        let unsafe_names = cors_unsafe_names(&headers);
        let cors = req.mode == Mode::Cors;
        let needs_preflight = cors
            && ((!is_safelisted_method(&method)
                && !self.method_entry(&req.origin, &req.url, req.credentials, &method))
                || unsafe_names
                    .iter()
                    .any(|n| !self.header_entry(&req.origin, &req.url, req.credentials, n)));
        if needs_preflight {
            let passed = self.preflight(server, req, &method, &unsafe_names, &headers);
            outcome.preflight = Some(passed);
            if !passed {
                if self.clear_on_failure {
                    self.clear(&req.origin, &req.url);
                }
                return outcome;
            }
        }
        // The request itself.
        let mut request = HeaderMap::new();
        if cors || !matches!(method.as_str(), "GET" | "HEAD") {
            request.append("origin", value(&req.origin));
        }
        for (name, v) in &headers {
            request.append(HeaderName::from_bytes(name.as_bytes()).unwrap(), value(v));
        }
        if req.credentials {
            request.append("cookie", HeaderValue::from_static("session=1"));
        }
        let response = match (method == "GET")
            .then(|| self.cached(&req.url, &request))
            .flatten()
        {
            Some(hit) => {
                outcome.from_cache = true;
                hit
            }
            None => {
                let mut r = Request::builder()
                    .method(Method::from_bytes(method.as_bytes()).unwrap())
                    .uri(&req.url)
                    .body(Body::empty())
                    .unwrap();
                *r.headers_mut() = request.clone();
                let snapshot = send(server, r);
                outcome.sent = true;
                if method == "GET" {
                    self.store(&req.url, &request, &snapshot);
                }
                snapshot
            }
        };
        outcome.readable = cors && cors_check(&response, &req.origin, req.credentials);
        outcome.response = Some(response);
        outcome
    }

    /// Fetch "CORS-preflight fetch": sends it, validates the answer, fills the cache.
    fn preflight(
        &mut self,
        server: &Router,
        req: &ScriptRequest,
        method: &str,
        unsafe_names: &[String],
        headers: &[(String, String)],
    ) -> bool {
        let mut builder = Request::builder()
            .method(Method::OPTIONS)
            .uri(&req.url)
            .header("accept", "*/*")
            .header("origin", value(&req.origin))
            .header("access-control-request-method", value(method));
        if !unsafe_names.is_empty() {
            builder = builder.header(
                "access-control-request-headers",
                value(&unsafe_names.join(",")),
            );
        }
        let response = send(server, builder.body(Body::empty()).unwrap());
        if !cors_check(&response, &req.origin, req.credentials) || !response.status.is_success() {
            return false;
        }
        let (Ok(methods), Ok(names)) = (
            token_list(&response, "access-control-allow-methods"),
            token_list(&response, "access-control-allow-headers"),
        ) else {
            return false;
        };
        let methods = methods.unwrap_or_default();
        let names = names.unwrap_or_default();
        if !methods.iter().any(|m| m == method)
            && !is_safelisted_method(method)
            && (req.credentials || !methods.iter().any(|m| m == "*"))
        {
            return false;
        }
        let listed = |n: &str| names.iter().any(|h| h.eq_ignore_ascii_case(n));
        if headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("authorization") && !listed(n))
        {
            return false;
        }
        if unsafe_names
            .iter()
            .any(|n| !listed(n) && (req.credentials || !names.iter().any(|h| h == "*")))
        {
            return false;
        }
        let age = max_age(&response);
        for m in methods {
            self.remember(
                &req.origin,
                &req.url,
                req.credentials,
                Entry::Method(m),
                age,
            );
        }
        for h in names {
            self.remember(
                &req.origin,
                &req.url,
                req.credentials,
                Entry::Header(h),
                age,
            );
        }
        true
    }
}

fn value(s: &str) -> HeaderValue {
    HeaderValue::from_str(s).expect("a header value the model can send")
}
