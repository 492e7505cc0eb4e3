//! One-line assertions about a router's CORS answers, for your own tests.
//!
//! Each helper sends one request to a clone of the router (in-process, no sockets), checks the
//! answer as a browser would, and panics with the request and every CORS header of the
//! response when it disagrees:
//!
//! ```
//! use axum::Router;
//! use cors_runtime::{cors, cors_route, testing};
//!
//! #[cors(origin = "https://app.example.com", methods = [GET, POST], headers = ["content-type"], credentials)]
//! async fn items() -> &'static str { "[]" }
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let app: Router = Router::new().route("/items", cors_route!(get(items), post(items)));
//!
//! testing::assert_preflight_allowed(&app, "/items", "https://app.example.com", "POST", &["content-type"]).await;
//! testing::assert_preflight_refused(&app, "/items", "https://app.example.com", "POST", &["x-secret"]).await;
//! testing::assert_preflight_refused(&app, "/items", "https://evil.example", "POST", &[]).await;
//! testing::assert_allowed(&app, "GET", "/items", "https://app.example.com").await;
//! testing::assert_refused(&app, "GET", "/items", "https://evil.example").await;
//! # });
//! ```
//!
//! "Allowed" means what a browser requires: for a preflight, a 2xx answer whose
//! `Access-Control-Allow-Origin` is the origin (or `*` without credentials), whose
//! `Access-Control-Allow-Methods` names the method (unless it is GET, HEAD or POST) and whose
//! `Access-Control-Allow-Headers` names every requested header; for an actual request, exactly
//! one `Access-Control-Allow-Origin` matching the origin. The checks read the response, not
//! the policy, so they also catch a layer that rewrites headers.

use std::convert::Infallible;
use std::fmt::Write as _;
use std::future::poll_fn;

use axum::body::Body;
use axum::Router;
use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD,
    ORIGIN,
};
use http::{HeaderMap, Request, Response};
use tower_service::Service;

/// Asserts that a browser at `origin` may send `method` with `headers` to `path`: the
/// preflight is answered, and its answer covers the request.
pub async fn assert_preflight_allowed(
    app: &Router,
    path: &str,
    origin: &str,
    method: &str,
    headers: &[&str],
) {
    let (request, response) = preflight(app, path, origin, method, headers).await;
    if let Err(why) = preflight_verdict(&response, origin, method, headers) {
        panic!(
            "preflight refused: {why}\n{}",
            describe(&request, &response)
        );
    }
}

/// Asserts that a browser at `origin` may not send `method` with `headers` to `path`: the
/// preflight's answer does not cover the request.
pub async fn assert_preflight_refused(
    app: &Router,
    path: &str,
    origin: &str,
    method: &str,
    headers: &[&str],
) {
    let (request, response) = preflight(app, path, origin, method, headers).await;
    if preflight_verdict(&response, origin, method, headers).is_ok() {
        panic!("preflight allowed\n{}", describe(&request, &response));
    }
}

/// Asserts that a script at `origin` may read the response to `method` on `path`.
pub async fn assert_allowed(app: &Router, method: &str, path: &str, origin: &str) {
    let (request, response) = actual(app, method, path, origin).await;
    if let Err(why) = actual_verdict(&response, origin) {
        panic!(
            "response not readable: {why}\n{}",
            describe(&request, &response)
        );
    }
}

/// Asserts that a script at `origin` may not read the response to `method` on `path`.
pub async fn assert_refused(app: &Router, method: &str, path: &str, origin: &str) {
    let (request, response) = actual(app, method, path, origin).await;
    if actual_verdict(&response, origin).is_ok() {
        panic!("response readable\n{}", describe(&request, &response));
    }
}

async fn preflight(
    app: &Router,
    path: &str,
    origin: &str,
    method: &str,
    headers: &[&str],
) -> (Request<()>, Response<Body>) {
    let mut request = Request::builder()
        .method("OPTIONS")
        .uri(path)
        .header(ORIGIN, origin)
        .header(ACCESS_CONTROL_REQUEST_METHOD, method);
    if !headers.is_empty() {
        // As browsers send it: lowercase, sorted, joined without spaces.
        let mut names: Vec<String> = headers.iter().map(|h| h.to_ascii_lowercase()).collect();
        names.sort();
        names.dedup();
        request = request.header(ACCESS_CONTROL_REQUEST_HEADERS, names.join(","));
    }
    send(app, request.body(()).expect("a valid preflight request")).await
}

async fn actual(
    app: &Router,
    method: &str,
    path: &str,
    origin: &str,
) -> (Request<()>, Response<Body>) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header(ORIGIN, origin)
        .body(())
        .expect("a valid request");
    send(app, request).await
}

async fn send(app: &Router, request: Request<()>) -> (Request<()>, Response<Body>) {
    let mut app = app.clone();
    let mut copy = Request::builder()
        .method(request.method().clone())
        .uri(request.uri().clone())
        .body(Body::empty())
        .expect("a copy of a valid request");
    *copy.headers_mut() = request.headers().clone();
    poll_fn(|cx| Service::<Request<Body>>::poll_ready(&mut app, cx))
        .await
        .unwrap_or_else(|e: Infallible| match e {});
    let response = match app.call(copy).await {
        Ok(response) => response,
        Err(e) => match e {},
    };
    (request, response)
}

/// The values of one header, joined as a browser joins repeated lines.
fn joined(headers: &HeaderMap, name: http::HeaderName) -> Option<String> {
    let lines: Vec<String> = headers
        .get_all(name)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    (!lines.is_empty()).then(|| lines.join(", "))
}

fn list_contains(list: &Option<String>, item: &str, case_insensitive: bool) -> bool {
    list.as_deref().is_some_and(|list| {
        list.split(',').map(str::trim).any(|entry| {
            if case_insensitive {
                entry.eq_ignore_ascii_case(item)
            } else {
                entry == item
            }
        })
    })
}

/// The browser's check of the origin, for a request that may carry credentials: the
/// allowed origin is `*` or the origin itself, given once.
fn origin_verdict(response: &Response<Body>, origin: &str) -> Result<(), String> {
    let acao = joined(response.headers(), ACCESS_CONTROL_ALLOW_ORIGIN);
    match acao.as_deref() {
        Some(value) if value == origin || value == "*" => Ok(()),
        Some(value) => Err(format!(
            "access-control-allow-origin is {value:?}, not {origin:?}"
        )),
        None => Err("no access-control-allow-origin".to_owned()),
    }
}

fn preflight_verdict(
    response: &Response<Body>,
    origin: &str,
    method: &str,
    headers: &[&str],
) -> Result<(), String> {
    if !response.status().is_success() {
        return Err(format!("status {}", response.status()));
    }
    origin_verdict(response, origin)?;
    let wildcard = joined(response.headers(), ACCESS_CONTROL_ALLOW_CREDENTIALS).is_none();
    let methods = joined(response.headers(), ACCESS_CONTROL_ALLOW_METHODS);
    let safelisted = matches!(method, "GET" | "HEAD" | "POST");
    let named =
        list_contains(&methods, method, false) || (wildcard && list_contains(&methods, "*", false));
    if !(safelisted || named) {
        return Err(format!(
            "access-control-allow-methods {methods:?} does not name {method}"
        ));
    }
    let allowed = joined(response.headers(), ACCESS_CONTROL_ALLOW_HEADERS);
    for header in headers {
        let star = wildcard
            && !header.eq_ignore_ascii_case("authorization")
            && list_contains(&allowed, "*", false);
        if !star && !list_contains(&allowed, header, true) {
            return Err(format!(
                "access-control-allow-headers {allowed:?} does not name {header}"
            ));
        }
    }
    Ok(())
}

fn actual_verdict(response: &Response<Body>, origin: &str) -> Result<(), String> {
    origin_verdict(response, origin)
}

/// The request and every CORS header of the response, for a failure message.
fn describe(request: &Request<()>, response: &Response<Body>) -> String {
    let mut text = format!("  request: {} {}\n", request.method(), request.uri());
    for (name, value) in request.headers() {
        let _ = writeln!(
            text,
            "    {name}: {}",
            String::from_utf8_lossy(value.as_bytes())
        );
    }
    let _ = writeln!(text, "  response: {}", response.status());
    let mut any = false;
    for (name, value) in response.headers() {
        if name.as_str().starts_with("access-control-") || name == http::header::VARY {
            any = true;
            let _ = writeln!(
                text,
                "    {name}: {}",
                String::from_utf8_lossy(value.as_bytes())
            );
        }
    }
    if !any {
        text.push_str("    (no CORS headers)\n");
    }
    text
}
