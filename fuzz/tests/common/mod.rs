//! What the fuzz targets share: a router with a few fixed policies, a poll-until-ready
//! executor (every future here is ready at once), input decoding, and the checks every
//! response must pass whatever the request was.
//!
//! The targets themselves are in `tests/targets.rs`; `run.sh` runs them under libFuzzer.

use std::future::Future;
use std::task::{Context, Poll, Waker};

use axum::body::Body;
use axum::Router;
use cors_runtime::{cors, cors_route};
use http::header::{
    HeaderMap, HeaderName, HeaderValue, ACCESS_CONTROL_ALLOW_CREDENTIALS,
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_HEADERS,
    ACCESS_CONTROL_REQUEST_METHOD, ORIGIN,
};
use http::{Method, Request, Response};
use tower::ServiceExt;

#[cors(origin = "*", methods = [GET], expose = ["x-request-id"])]
async fn public() -> &'static str {
    "public"
}

#[cors(
    origin = ["https://app.example.com", "https://*.example.org"],
    headers = ["content-type", "x-api-key"]
)]
async fn create() -> &'static str {
    "created"
}

#[cors(
    origin = ["https://app.example.com", "http://localhost:5173", "https://*.example.org"],
    methods = [DELETE, PATCH],
    headers = ["content-type", "authorization", "x-api-key"],
    expose = ["x-request-id"],
    credentials,
    max_age = 600
)]
async fn admin() -> &'static str {
    "admin"
}

#[cors(
    origin = "*",
    methods = "*",
    headers = "*",
    expose = "*",
    max_age = 7200,
    private_network
)]
async fn open() -> &'static str {
    "open"
}

#[cors(origin = "https://*.example.org", methods = [GET, PUT])]
async fn partners() -> &'static str {
    "partners"
}

/// The paths a fuzzed request can go to (the last one is not routed).
pub const PATHS: [&str; 4] = ["/items", "/open", "/partners", "/missing"];

/// Three paths: per-method policies that disagree, an everything-public path, a pattern.
pub fn router() -> Router {
    Router::new()
        .route(
            "/items",
            cors_route!(get(public), post(create), delete(admin), patch(admin)),
        )
        .route("/open", cors_route!(put(open), get(open)))
        .route("/partners", cors_route!(get(partners), put(partners)))
}

/// Polls a future that is expected to be ready at once (no I/O happens in-process).
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

/// Sends `request` to `router`.
pub fn send(router: &Router, request: Request<Body>) -> Response<Body> {
    block_on(router.clone().oneshot(request)).expect("axum routers are infallible")
}

/// Decodes fuzz bytes into a request: the first byte picks the path and the method; the rest
/// is lines separated by `\n`, each a tag byte and a value: `o` Origin, `m`
/// Access-Control-Request-Method, `h` Access-Control-Request-Headers, `p`
/// Access-Control-Request-Private-Network, `x` the request method itself. Lines whose value
/// cannot be a header value are dropped.
pub fn decode(data: &[u8]) -> Option<Request<Body>> {
    let (&first, rest) = data.split_first()?;
    let path = PATHS[usize::from(first & 3)];
    const METHODS: [&str; 8] = [
        "OPTIONS", "OPTIONS", "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD",
    ];
    let mut method = Method::from_bytes(METHODS[usize::from(first >> 2) & 7].as_bytes()).ok()?;
    let mut headers = HeaderMap::new();
    for line in rest.split(|&c| c == b'\n') {
        let Some((&tag, value)) = line.split_first() else {
            continue;
        };
        let name = match tag {
            b'o' => ORIGIN,
            b'm' => ACCESS_CONTROL_REQUEST_METHOD,
            b'h' => ACCESS_CONTROL_REQUEST_HEADERS,
            b'p' => HeaderName::from_static("access-control-request-private-network"),
            b'x' => {
                if let Ok(m) = Method::from_bytes(value) {
                    method = m;
                }
                continue;
            }
            _ => continue,
        };
        if let Ok(value) = HeaderValue::from_bytes(value) {
            headers.append(name, value);
        }
    }
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .body(Body::empty())
        .ok()?;
    *request.headers_mut() = headers;
    Some(request)
}

/// Whether `value` is a comma-separated list of tokens, as browsers parse
/// `Access-Control-Allow-Methods`, `-Allow-Headers` and `-Expose-Headers`: optional whitespace
/// around elements, empty elements ignored, at least one element.
pub fn is_token_list<'a>(lines: impl IntoIterator<Item = &'a HeaderValue>) -> bool {
    let mut any = false;
    for line in lines {
        for element in line.as_bytes().split(|&c| c == b',') {
            let element = element.trim_ows();
            if element.is_empty() {
                continue;
            }
            if !element.iter().all(|&c| cors_rules::is_tchar(c)) {
                return false;
            }
            any = true;
        }
    }
    any
}

trait TrimOws {
    fn trim_ows(&self) -> &Self;
}

impl TrimOws for [u8] {
    fn trim_ows(&self) -> &[u8] {
        let mut s = self;
        while let [b' ' | b'\t', rest @ ..] = s {
            s = rest;
        }
        while let [rest @ .., b' ' | b'\t'] = s {
            s = rest;
        }
        s
    }
}

/// The checks every response of a CORS route must pass, whatever the request.
pub fn check_response(request: &HeaderMap, method: &Method, response: &Response<Body>) {
    let h = response.headers();
    let count = |name: &HeaderName| h.get_all(name).iter().count();
    assert!(
        count(&ACCESS_CONTROL_ALLOW_ORIGIN) <= 1,
        "two ACAO lines: {h:?}"
    );
    assert!(
        count(&ACCESS_CONTROL_ALLOW_CREDENTIALS) <= 1,
        "two ACAC lines: {h:?}"
    );
    if let Some(acac) = h.get(ACCESS_CONTROL_ALLOW_CREDENTIALS) {
        assert_eq!(acac, "true", "ACAC other than `true`");
    }
    if let Some(acao) = h.get(ACCESS_CONTROL_ALLOW_ORIGIN) {
        if acao == "*" {
            assert!(
                !h.contains_key(ACCESS_CONTROL_ALLOW_CREDENTIALS),
                "ACAO * with ACAC: {h:?}"
            );
        } else {
            // Never anything but the request's one Origin line, echoed.
            let origins: Vec<_> = request.get_all(ORIGIN).iter().collect();
            assert_eq!(origins, [acao], "ACAO is not the request's origin: {h:?}");
        }
    }
    for name in [
        ACCESS_CONTROL_ALLOW_METHODS,
        ACCESS_CONTROL_ALLOW_HEADERS,
        ACCESS_CONTROL_EXPOSE_HEADERS,
    ] {
        if h.contains_key(&name) {
            assert!(
                is_token_list(h.get_all(&name)),
                "{name} is not a token list: {h:?}"
            );
        }
    }
    if let Some(age) = h.get(ACCESS_CONTROL_MAX_AGE) {
        assert!(
            !age.is_empty() && age.as_bytes().iter().all(u8::is_ascii_digit),
            "bad max-age {age:?}"
        );
    }
    let preflight = method == Method::OPTIONS
        && request.contains_key(ORIGIN)
        && request.contains_key(ACCESS_CONTROL_REQUEST_METHOD);
    if preflight {
        if response.status().is_success() {
            // An allowed preflight names exactly the requested method.
            let acam: Vec<_> = h.get_all(ACCESS_CONTROL_ALLOW_METHODS).iter().collect();
            let acrm: Vec<_> = request
                .get_all(ACCESS_CONTROL_REQUEST_METHOD)
                .iter()
                .collect();
            assert_eq!(acam, acrm, "ACAM is not the requested method");
        } else {
            assert!(
                h.keys().all(|n| !n.as_str().starts_with("access-control-")),
                "a refused preflight carries CORS headers: {h:?}"
            );
        }
    }
}
