//! End-to-end tests of the cors-runtime engine through real axum routers.
//!
//! Every test sends one request and checks the whole answer: status, body, how many times the
//! handler ran, the exact lines of every `Access-Control-*` response header (a header that is
//! not expected must be absent), the elements of `Vary`, and any other header named by the
//! case. The rules are those of the Fetch standard as summarised for this project.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use cors_runtime::{cors, cors_route, CorsLayer, Policy};

/// The most header names a preflight may ask for (documented on the crate).
const MAX_REQUEST_HEADER_NAMES: usize = 64;
use http_body_util::BodyExt;
use tower::ServiceExt;

// ---------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------

// Each policy is written on a handler, as users write it. `list`, `pattern` and `any` only
// carry their policy, which `CorsLayer::new` applies to a whole router of `echo` handlers;
// the per-method policies are real handlers mounted with `cors_route!`.

/// A list of exact origins, with credentials, exposed headers and a max age.
#[cors(
    origin = ["https://app.example.com", "https://admin.example.com:8443"],
    methods = [GET, POST, PUT, DELETE, PATCH],
    headers = ["content-type", "authorization", "x-api-key"],
    expose = ["x-request-id", "x-total-count"],
    credentials,
    max_age = 600
)]
#[allow(dead_code)] // only its policy is used
async fn list() {}

/// A subdomain pattern, without credentials, max age or exposed headers; opts in to Private
/// Network Access.
#[cors(origin = "https://*.example.com", methods = [GET, POST], headers = ["content-type"], private_network)]
#[allow(dead_code)] // only its policy is used
async fn pattern() {}

/// Everything public: `*` origins, methods, headers and exposed headers.
#[cors(
    origin = "*",
    methods = "*",
    headers = "*",
    expose = "*",
    max_age = 7200
)]
#[allow(dead_code)] // only its policy is used
async fn any() {}

/// Per-method policies of one path: `GET` is public.
#[cors(origin = "*", methods = [GET])]
async fn public(calls: State<Calls>, method: Method) -> String {
    echo(calls, method).await
}

/// `DELETE` is for the admin origin, with credentials.
#[cors(
    origin = "https://admin.example.com",
    methods = [DELETE],
    headers = ["authorization"],
    expose = ["x-deleted"],
    credentials,
    max_age = 60
)]
async fn admin(calls: State<Calls>, method: Method) -> String {
    echo(calls, method).await
}

/// `PATCH` is for the editor origin; its methods are the ones it is mounted on.
#[cors(origin = "https://editor.example.com", headers = ["content-type", "if-match"], expose = ["etag"])]
async fn editor(calls: State<Calls>, method: Method) -> String {
    echo(calls, method).await
}

// ---------------------------------------------------------------------------------------------
// Applications
// ---------------------------------------------------------------------------------------------

type Calls = Arc<AtomicUsize>;

/// Answers `200` with `"<METHOD> handled"`.
async fn echo(State(calls): State<Calls>, method: Method) -> String {
    calls.fetch_add(1, Ordering::SeqCst);
    format!("{method} handled")
}

/// Answers with the status in the path; a `302` carries `Location`, a `204` has no body.
async fn status(State(calls): State<Calls>, Path(code): Path<u16>) -> Response {
    calls.fetch_add(1, Ordering::SeqCst);
    let status = StatusCode::from_u16(code).expect("status code");
    let body = if code == 204 {
        String::new()
    } else {
        format!("status {code}")
    };
    let mut response = (status, body).into_response();
    if code == 302 {
        response
            .headers_mut()
            .insert(header::LOCATION, HeaderValue::from_static("/elsewhere"));
    }
    response
}

/// Sets CORS or `Vary` headers of its own.
async fn own_headers(State(calls): State<Calls>, Path(kind): Path<String>) -> Response {
    calls.fetch_add(1, Ordering::SeqCst);
    let mut response = "own headers".into_response();
    let h = response.headers_mut();
    let mut add = |name: header::HeaderName, value: &'static str| {
        h.append(name, HeaderValue::from_static(value));
    };
    match kind.as_str() {
        "cors" => {
            add(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                "https://handler.example",
            );
            add(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            add(header::ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            add(header::ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            add(header::ACCESS_CONTROL_EXPOSE_HEADERS, "x-handler");
            add(header::ACCESS_CONTROL_ALLOW_METHODS, "PUT, DELETE");
            add(header::ACCESS_CONTROL_ALLOW_HEADERS, "x-handler");
            add(header::ACCESS_CONTROL_MAX_AGE, "86400");
            add(
                header::HeaderName::from_static("access-control-allow-private-network"),
                "true",
            );
        }
        "vary-ae" => add(header::VARY, "Accept-Encoding"),
        "vary-origin" => add(header::VARY, "origin"),
        "vary-star" => add(header::VARY, "*"),
        other => panic!("unknown kind {other}"),
    }
    response
}

/// One policy for the whole route, through `CorsLayer::new`.
fn single(policy: &'static Policy) -> Router<Calls> {
    let layer = CorsLayer::new(policy);
    Router::new()
        .route(
            "/",
            get(echo)
                .post(echo)
                .put(echo)
                .delete(echo)
                .patch(echo)
                .options(echo)
                .layer(layer),
        )
        .route("/status/{code}", get(status).layer(layer))
        .route("/own/{kind}", get(own_headers).layer(layer))
}

/// Per-method policies on one path.
fn per_method() -> Router<Calls> {
    Router::new().route(
        "/items",
        cors_route!(get(public), delete(admin), patch(editor)),
    )
}

#[derive(Clone, Copy, Debug)]
enum App {
    List,
    Pattern,
    Any,
    PerMethod,
}

impl App {
    fn router(self, calls: Calls) -> Router {
        let router = match self {
            App::List => single(&list::POLICY),
            App::Pattern => single(&pattern::POLICY),
            App::Any => single(&any::POLICY),
            App::PerMethod => per_method(),
        };
        router.with_state(calls)
    }
}

// ---------------------------------------------------------------------------------------------
// Requests and expectations
// ---------------------------------------------------------------------------------------------

const ACAO: &str = "access-control-allow-origin";
const ACAC: &str = "access-control-allow-credentials";
const ACAM: &str = "access-control-allow-methods";
const ACAH: &str = "access-control-allow-headers";
const ACEH: &str = "access-control-expose-headers";
const ACMA: &str = "access-control-max-age";
const ACAPN: &str = "access-control-allow-private-network";
/// Every CORS response header: each is checked on every response.
const CORS_HEADERS: [&str; 7] = [ACAO, ACAC, ACAM, ACAH, ACEH, ACMA, ACAPN];

const ACRM: &str = "access-control-request-method";
const ACRH: &str = "access-control-request-headers";
const ACRPN: &str = "access-control-request-private-network";

/// The `Vary` elements of every preflight answer.
const PREFLIGHT_VARY: &[&str] = &[
    "Origin",
    "Access-Control-Request-Method",
    "Access-Control-Request-Headers",
];

const APP: &str = "https://app.example.com";
const APP_PORT: &str = "https://admin.example.com:8443";
const SUB: &str = "https://a.example.com";
const EVIL: &str = "https://evil.example.net";

struct Req {
    method: Method,
    path: &'static str,
    headers: Vec<(&'static str, String)>,
}

impl Req {
    fn new(method: Method, path: &'static str) -> Self {
        Req {
            method,
            path,
            headers: Vec::new(),
        }
    }

    fn get(path: &'static str) -> Self {
        Req::new(Method::GET, path)
    }

    fn options(path: &'static str) -> Self {
        Req::new(Method::OPTIONS, path)
    }

    /// A preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`.
    fn preflight(path: &'static str, origin: &str, method: &str) -> Self {
        Req::options(path).origin(origin).header(ACRM, method)
    }

    /// Appends a header line (repeated calls add repeated lines).
    fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    fn origin(self, value: &str) -> Self {
        self.header("origin", value)
    }

    fn acrh(self, value: impl Into<String>) -> Self {
        self.header(ACRH, value)
    }

    fn build(self) -> Request<Body> {
        let mut request = Request::builder()
            .method(self.method)
            .uri(self.path)
            .body(Body::empty())
            .expect("request");
        for (name, value) in self.headers {
            request.headers_mut().append(
                name,
                HeaderValue::from_str(&value).expect("test header value"),
            );
        }
        request
    }
}

struct Expect {
    status: u16,
    calls: usize,
    body: String,
    /// The exact lines of the CORS response headers; every other one must be absent.
    cors: Vec<(&'static str, &'static str)>,
    /// The elements of all `Vary` lines, in order; empty means no `Vary` at all.
    vary: Vec<&'static str>,
    /// Other headers that must be present exactly once with this value.
    other: Vec<(&'static str, &'static str)>,
}

impl Expect {
    /// A preflight answered `204` with these CORS headers.
    fn preflight(cors: &[(&'static str, &'static str)]) -> Self {
        Expect {
            status: 204,
            calls: 0,
            body: String::new(),
            cors: cors.to_vec(),
            vary: PREFLIGHT_VARY.to_vec(),
            other: Vec::new(),
        }
    }

    /// A refused preflight: `403`, empty, no CORS headers, handler not run.
    fn refused_preflight() -> Self {
        Expect::preflight(&[]).status(403)
    }

    /// An actual request: the handler ran once and its status and body came through.
    fn actual(
        status: u16,
        body: &str,
        cors: &[(&'static str, &'static str)],
        vary: &[&'static str],
    ) -> Self {
        Expect {
            status,
            calls: 1,
            body: body.to_owned(),
            cors: cors.to_vec(),
            vary: vary.to_vec(),
            other: Vec::new(),
        }
    }

    fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    fn calls(mut self, calls: usize) -> Self {
        self.calls = calls;
        self
    }

    fn with(mut self, name: &'static str, value: &'static str) -> Self {
        self.other.push((name, value));
        self
    }
}

fn lines(headers: &http::HeaderMap, name: &str) -> Vec<String> {
    headers
        .get_all(name)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect()
}

fn vary_elements(headers: &http::HeaderMap) -> Vec<String> {
    lines(headers, "vary")
        .iter()
        .flat_map(|line| line.split(',').map(|e| e.trim().to_ascii_lowercase()))
        .filter(|e| !e.is_empty())
        .collect()
}

/// Sends `req` to a fresh `app` and checks the whole response against `expect`.
async fn check(app: App, req: Req, expect: Expect) {
    for (name, _) in &expect.cors {
        assert!(CORS_HEADERS.contains(name), "not a CORS header: {name}");
    }
    let calls = Calls::default();
    let described = format!("{} {} {:?}", req.method, req.path, req.headers);
    let described: String = described.chars().take(300).collect();
    let response = app
        .router(calls.clone())
        .oneshot(req.build())
        .await
        .expect("infallible");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("body").to_bytes();

    let ctx = format!("{app:?}: {described}");
    assert_eq!(parts.status.as_u16(), expect.status, "status, {ctx}");
    assert_eq!(
        calls.load(Ordering::SeqCst),
        expect.calls,
        "handler calls, {ctx}"
    );
    assert_eq!(String::from_utf8_lossy(&body), expect.body, "body, {ctx}");
    for name in CORS_HEADERS {
        let want: Vec<&str> = expect
            .cors
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .collect();
        assert_eq!(lines(&parts.headers, name), want, "{name}, {ctx}");
    }
    let want_vary: Vec<String> = expect.vary.iter().map(|e| e.to_ascii_lowercase()).collect();
    assert_eq!(vary_elements(&parts.headers), want_vary, "vary, {ctx}");
    for (name, value) in &expect.other {
        assert_eq!(lines(&parts.headers, name), [*value], "{name}, {ctx}");
    }
}

/// The CORS headers of an allowed actual request under `LIST` from `APP`.
const LIST_ACTUAL: &[(&str, &str)] = &[
    (ACAO, APP),
    (ACAC, "true"),
    (ACEH, "x-request-id, x-total-count"),
];

/// The CORS headers of an allowed preflight: `Access-Control-Allow-Methods` names the
/// requested method only, and `Access-Control-Allow-Headers` repeats the requested header
/// lines, never the policy's whole lists, so the browser's preflight cache remembers nothing
/// the request did not ask for.
fn answer(
    acao: &'static str,
    credentials: bool,
    method: &'static str,
    acrh: &[&'static str],
    max_age: Option<&'static str>,
) -> Vec<(&'static str, &'static str)> {
    let mut cors = vec![(ACAO, acao)];
    if credentials {
        cors.push((ACAC, "true"));
    }
    cors.push((ACAM, method));
    cors.extend(acrh.iter().map(|line| (ACAH, *line)));
    cors.extend(max_age.map(|age| (ACMA, age)));
    cors
}

/// An allowed preflight under `LIST` from `APP`.
fn list_preflight(
    method: &'static str,
    acrh: &[&'static str],
) -> Vec<(&'static str, &'static str)> {
    answer(APP, true, method, acrh, Some("600"))
}

/// An allowed preflight under `PATTERN` from `SUB`.
fn pattern_preflight(
    method: &'static str,
    acrh: &[&'static str],
) -> Vec<(&'static str, &'static str)> {
    answer(SUB, false, method, acrh, None)
}

/// An allowed preflight under `ANY`.
fn any_preflight(method: &'static str, acrh: &[&'static str]) -> Vec<(&'static str, &'static str)> {
    answer("*", false, method, acrh, Some("7200"))
}

/// The CORS headers of an allowed actual request under `ANY`.
const ANY_ACTUAL: &[(&str, &str)] = &[(ACAO, "*"), (ACEH, "*")];

// ---------------------------------------------------------------------------------------------
// 1. Classification
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn no_origin_under_a_list_passes_through_with_vary_origin() {
    let req = Req::get("/");
    check(
        App::List,
        req,
        Expect::actual(200, "GET handled", &[], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn no_origin_under_a_pattern_passes_through_with_vary_origin() {
    let req = Req::new(Method::POST, "/");
    check(
        App::Pattern,
        req,
        Expect::actual(200, "POST handled", &[], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn no_origin_under_any_still_answers_star_without_vary() {
    // A response fetched without `Origin` (an `<img>`, a no-cors fetch) is replayed by the
    // HTTP cache to a later CORS fetch of the same URL: it must carry the `*` answer.
    let req = Req::get("/");
    check(
        App::Any,
        req,
        Expect::actual(200, "GET handled", ANY_ACTUAL, &[]),
    )
    .await;
}

#[tokio::test]
async fn no_origin_error_status_passes_through_with_vary_origin() {
    let req = Req::get("/status/500");
    check(
        App::List,
        req,
        Expect::actual(500, "status 500", &[], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn options_with_origin_without_acrm_is_an_actual_request() {
    let req = Req::options("/").origin(APP);
    let expect = Expect::actual(200, "OPTIONS handled", LIST_ACTUAL, &["Origin"]);
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn options_with_origin_without_acrm_is_actual_under_any() {
    let req = Req::options("/").origin(SUB).acrh("x-anything");
    check(
        App::Any,
        req,
        Expect::actual(200, "OPTIONS handled", ANY_ACTUAL, &[]),
    )
    .await;
}

#[tokio::test]
async fn options_with_acrm_without_origin_is_not_cors() {
    let req = Req::options("/").header(ACRM, "PUT").acrh("content-type");
    let expect = Expect::actual(200, "OPTIONS handled", &[], &["Origin"]);
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn options_with_acrm_without_origin_is_not_a_preflight_under_any() {
    // Not a preflight: the handler runs. A `*` answer is on every response, Origin or not.
    let req = Req::options("/").header(ACRM, "PUT");
    check(
        App::Any,
        req,
        Expect::actual(200, "OPTIONS handled", ANY_ACTUAL, &[]),
    )
    .await;
}

#[tokio::test]
async fn preflight_never_runs_the_options_handler() {
    // `/` has an OPTIONS handler; a preflight must still be answered without it.
    let req = Req::preflight("/", APP, "PUT");
    check(
        App::List,
        req,
        Expect::preflight(&list_preflight("PUT", &[])),
    )
    .await;
}

// ---------------------------------------------------------------------------------------------
// 2. Allowed preflights
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn preflight_list_with_credentials_and_authorization() {
    let req = Req::preflight("/", APP, "PUT").acrh("authorization,content-type");
    let expect = Expect::preflight(&list_preflight("PUT", &["authorization,content-type"]));
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn preflight_echoes_an_origin_with_port_byte_for_byte() {
    let req = Req::preflight("/", APP_PORT, "DELETE").acrh("x-api-key");
    let expect = Expect::preflight(&[
        (ACAO, APP_PORT),
        (ACAC, "true"),
        (ACAM, "DELETE"),
        (ACAH, "x-api-key"),
        (ACMA, "600"),
    ]);
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn preflight_pattern_echoes_subdomain_without_credentials_or_max_age() {
    let req = Req::preflight("/", SUB, "POST").acrh("content-type");
    let expect = Expect::preflight(&pattern_preflight("POST", &["content-type"]));
    check(App::Pattern, req, expect).await;
}

#[tokio::test]
async fn preflight_pattern_echoes_a_deep_punycode_subdomain() {
    let origin = "https://xn--bcher-kva.eu.example.com";
    let req = Req::preflight("/", origin, "GET");
    let expect = Expect::preflight(&[(ACAO, origin), (ACAM, "GET")]);
    check(App::Pattern, req, expect).await;
}

#[tokio::test]
async fn preflight_any_answers_star_without_credentials() {
    let req = Req::preflight("/", "https://anyone.test", "DELETE").acrh("x-custom,content-type");
    let expect = Expect::preflight(&any_preflight("DELETE", &["x-custom,content-type"]));
    check(App::Any, req, expect).await;
}

#[tokio::test]
async fn preflight_any_allows_the_null_origin_with_star() {
    let req = Req::preflight("/", "null", "PUT");
    check(App::Any, req, Expect::preflight(&any_preflight("PUT", &[]))).await;
}

#[tokio::test]
async fn preflight_private_network_when_opted_in() {
    let req = Req::preflight("/", SUB, "POST")
        .acrh("content-type")
        .header(ACRPN, "true");
    let mut cors = pattern_preflight("POST", &["content-type"]);
    cors.push((ACAPN, "true"));
    check(App::Pattern, req, Expect::preflight(&cors)).await;
}

#[tokio::test]
async fn preflight_private_network_not_asked_gets_no_acapn() {
    let req = Req::preflight("/", SUB, "POST").header(ACRPN, "false");
    check(
        App::Pattern,
        req,
        Expect::preflight(&pattern_preflight("POST", &[])),
    )
    .await;
}

#[tokio::test]
async fn preflight_private_network_asked_but_not_opted_in_is_refused() {
    let req = Req::preflight("/", APP, "PUT").header(ACRPN, "true");
    check(App::List, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_private_network_opted_in_still_checks_the_origin() {
    let req = Req::preflight("/", EVIL, "POST").header(ACRPN, "true");
    check(App::Pattern, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_uppercase_patch_is_allowed() {
    let req = Req::preflight("/", APP, "PATCH").acrh("content-type");
    let expect = Expect::preflight(&list_preflight("PATCH", &["content-type"]));
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn preflight_without_acrh_lists_no_headers() {
    let req = Req::preflight("/", SUB, "GET");
    check(
        App::Pattern,
        req,
        Expect::preflight(&pattern_preflight("GET", &[])),
    )
    .await;
}

#[tokio::test]
async fn preflight_on_another_route_of_the_same_policy() {
    let req = Req::preflight("/status/201", APP, "GET").acrh("x-api-key");
    let expect = Expect::preflight(&list_preflight("GET", &["x-api-key"]));
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn preflight_for_head_is_answered_by_a_policy_allowing_get() {
    let req = Req::preflight("/", APP, "HEAD").acrh("x-api-key");
    let expect = Expect::preflight(&list_preflight("HEAD", &["x-api-key"]));
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn preflight_for_head_under_any_methods() {
    let req = Req::preflight("/", "https://anyone.test", "HEAD");
    check(
        App::Any,
        req,
        Expect::preflight(&any_preflight("HEAD", &[])),
    )
    .await;
}

// ---------------------------------------------------------------------------------------------
// 3. Refused preflights
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn preflight_refused_for_an_origin_not_listed() {
    let req = Req::preflight("/", EVIL, "PUT").acrh("content-type");
    check(App::List, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_a_method_not_listed() {
    let req = Req::preflight("/", SUB, "PUT");
    check(App::Pattern, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_lowercase_patch() {
    let req = Req::preflight("/", APP, "patch");
    check(App::List, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_a_header_not_listed() {
    let req = Req::preflight("/", APP, "POST").acrh("content-type,x-other");
    check(App::List, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_authorization_under_star_headers() {
    let req = Req::preflight("/", "https://anyone.test", "GET").acrh("authorization");
    check(App::Any, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_mixed_case_authorization_among_others_under_star() {
    let req = Req::preflight("/", "https://anyone.test", "GET").acrh("x-a, AUTHORIZATION ,x-b");
    check(App::Any, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_a_malformed_acrm() {
    let req = Req::preflight("/", APP, "GET POST");
    check(App::List, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_an_empty_acrm() {
    let req = Req::preflight("/", APP, "");
    check(App::List, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_a_comma_joined_acrm() {
    let req = Req::preflight("/", "https://anyone.test", "GET, PUT");
    check(App::Any, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_two_acrm_lines() {
    let req = Req::preflight("/", APP, "PUT").header(ACRM, "PUT");
    check(App::List, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_an_invalid_token_in_acrh_which_is_not_reflected() {
    let req = Req::preflight("/", "https://anyone.test", "GET").acrh("content-type, x(evil)");
    check(App::Any, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_a_name_with_a_semicolon() {
    let req = Req::preflight("/", "https://anyone.test", "GET").acrh("x-a;x-b");
    check(App::Any, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_a_name_with_inner_space() {
    let req = Req::preflight("/", APP, "GET").acrh("content type");
    check(App::List, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_an_empty_origin_under_a_list() {
    let req = Req::preflight("/", "", "GET");
    check(App::List, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_any_still_refuses_what_no_browser_sends() {
    // A preflight is never cached, so under `*` it can refuse malformed origins (an actual
    // response cannot: a cached copy must serve every request, so it carries `*` whatever
    // the origin says).
    for origin in ["", "https://anyone.test/", "*", "garbage"] {
        let req = Req::preflight("/", origin, "GET");
        check(App::Any, req, Expect::refused_preflight()).await;
    }
    let req = Req::preflight("/", "https://a.test", "GET").origin("https://b.test");
    check(App::Any, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_two_origin_lines() {
    let req = Req::preflight("/", APP, "GET").origin(APP);
    check(App::List, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_null_under_a_list() {
    let req = Req::preflight("/", "null", "GET");
    check(App::List, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_a_suffix_attack_on_the_pattern() {
    let req = Req::preflight("/", "https://evilexample.com", "GET");
    check(App::Pattern, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_a_prefix_attack_on_the_pattern() {
    let req = Req::preflight("/", "https://a.example.com.evil.net", "GET");
    check(App::Pattern, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn preflight_refused_for_a_malformed_origin_under_a_pattern() {
    let req = Req::preflight("/", "https://a.example.com/", "GET");
    check(App::Pattern, req, Expect::refused_preflight()).await;
}

// ---------------------------------------------------------------------------------------------
// 4. Access-Control-Request-Headers parsing
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn acrh_names_compare_case_insensitively() {
    let req = Req::preflight("/", APP, "POST").acrh("Content-Type,AUTHORIZATION,X-Api-Key");
    let expect = Expect::preflight(&list_preflight(
        "POST",
        &["Content-Type,AUTHORIZATION,X-Api-Key"],
    ));
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn acrh_spaces_and_tabs_around_elements() {
    let req = Req::preflight("/", APP, "POST").acrh(" content-type ,\tx-api-key\t, authorization");
    let expect = Expect::preflight(&list_preflight(
        "POST",
        &[" content-type ,\tx-api-key\t, authorization"],
    ));
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn acrh_empty_elements_are_skipped() {
    let req = Req::preflight("/", APP, "POST").acrh(",,content-type,,x-api-key,,");
    let expect = Expect::preflight(&list_preflight("POST", &[",,content-type,,x-api-key,,"]));
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn acrh_only_commas_and_spaces() {
    let req = Req::preflight("/", SUB, "POST").acrh(" , ,, ");
    let expect = Expect::preflight(&pattern_preflight("POST", &[]));
    check(App::Pattern, req, expect).await;
}

#[tokio::test]
async fn acrh_empty_value() {
    let req = Req::preflight("/", SUB, "POST").acrh("");
    let expect = Expect::preflight(&pattern_preflight("POST", &[]));
    check(App::Pattern, req, expect).await;
}

#[tokio::test]
async fn acrh_several_lines_are_all_read() {
    let req = Req::preflight("/", APP, "PUT")
        .acrh("content-type")
        .acrh("authorization, x-api-key");
    let expect = Expect::preflight(&list_preflight(
        "PUT",
        &["content-type", "authorization, x-api-key"],
    ));
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn acrh_a_refused_name_on_a_later_line_refuses_the_preflight() {
    let req = Req::preflight("/", APP, "PUT")
        .acrh("content-type")
        .acrh("x-api-key, x-other");
    check(App::List, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn acrh_as_a_browser_sends_it() {
    let req = Req::preflight("/", APP, "DELETE").acrh("authorization,content-type,x-api-key");
    let expect = Expect::preflight(&list_preflight(
        "DELETE",
        &["authorization,content-type,x-api-key"],
    ));
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn acrh_repeated_names_are_accepted() {
    let req = Req::preflight("/", SUB, "POST").acrh("content-type,Content-Type, CONTENT-TYPE");
    let expect = Expect::preflight(&pattern_preflight(
        "POST",
        &["content-type,Content-Type, CONTENT-TYPE"],
    ));
    check(App::Pattern, req, expect).await;
}

// ---------------------------------------------------------------------------------------------
// 5. Hostile preflights: refused, and answered (no timing assertions)
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn hostile_a_megabyte_of_commas_is_refused() {
    let req = Req::preflight("/", "https://anyone.test", "GET").acrh(",".repeat(1 << 20));
    check(App::Any, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn hostile_ten_thousand_allowed_names_are_refused() {
    let names = vec!["x-a"; 10_000].join(",");
    let req = Req::preflight("/", "https://anyone.test", "GET").acrh(names);
    check(App::Any, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn hostile_ten_thousand_acrh_lines_are_refused() {
    let mut req = Req::preflight("/", "https://anyone.test", "GET");
    for _ in 0..10_000 {
        req = req.acrh("x-a");
    }
    check(App::Any, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn hostile_one_name_too_many_within_the_byte_bound_is_refused() {
    let names: Vec<String> = (0..=MAX_REQUEST_HEADER_NAMES)
        .map(|i| format!("x{i}"))
        .collect();
    let req = Req::preflight("/", "https://anyone.test", "GET").acrh(names.join(","));
    check(App::Any, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn hostile_the_largest_accepted_name_count_is_answered() {
    let names: Vec<String> = (0..MAX_REQUEST_HEADER_NAMES)
        .map(|i| format!("x{i}"))
        .collect();
    let names: &'static str = names.join(",").leak();
    let req = Req::preflight("/", "https://anyone.test", "GET").acrh(names);
    check(
        App::Any,
        req,
        Expect::preflight(&any_preflight("GET", &[names])),
    )
    .await;
}

#[tokio::test]
async fn hostile_a_huge_origin_under_any_is_refused_unread() {
    let origin = format!("https://{}.test", "a".repeat(100_000));
    let req = Req::preflight("/", &origin, "GET");
    check(App::Any, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn hostile_a_huge_subdomain_never_matches_a_pattern() {
    let origin = format!("https://{}.example.com", "a".repeat(100_000));
    let req = Req::preflight("/", &origin, "GET");
    check(App::Pattern, req, Expect::refused_preflight()).await;
    let origin = format!("https://{}.example.com", ["a"; 200].join("."));
    let req = Req::preflight("/", &origin, "GET");
    check(App::Pattern, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn hostile_a_huge_method_is_refused() {
    let req = Req::preflight("/", "https://anyone.test", &"A".repeat(100_000));
    check(App::Any, req, Expect::refused_preflight()).await;
}

// ---------------------------------------------------------------------------------------------
// 6. Actual requests
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn actual_get_allowed_with_credentials_and_exposed_headers() {
    let req = Req::get("/").origin(APP);
    check(
        App::List,
        req,
        Expect::actual(200, "GET handled", LIST_ACTUAL, &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn actual_post_allowed_from_the_origin_with_port() {
    let req = Req::new(Method::POST, "/").origin(APP_PORT);
    let cors = [
        (ACAO, APP_PORT),
        (ACAC, "true"),
        (ACEH, "x-request-id, x-total-count"),
    ];
    check(
        App::List,
        req,
        Expect::actual(200, "POST handled", &cors, &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn actual_pattern_allowed_without_credentials_or_expose() {
    let req = Req::new(Method::POST, "/").origin(SUB);
    check(
        App::Pattern,
        req,
        Expect::actual(200, "POST handled", &[(ACAO, SUB)], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn actual_status_200_passes_through() {
    let req = Req::get("/status/200").origin(APP);
    check(
        App::List,
        req,
        Expect::actual(200, "status 200", LIST_ACTUAL, &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn actual_status_201_passes_through() {
    let req = Req::get("/status/201").origin(APP);
    check(
        App::List,
        req,
        Expect::actual(201, "status 201", LIST_ACTUAL, &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn actual_status_204_passes_through() {
    let req = Req::get("/status/204").origin(APP);
    check(
        App::List,
        req,
        Expect::actual(204, "", LIST_ACTUAL, &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn actual_status_302_keeps_location() {
    let req = Req::get("/status/302").origin(APP);
    let expect =
        Expect::actual(302, "status 302", LIST_ACTUAL, &["Origin"]).with("location", "/elsewhere");
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn actual_status_401_passes_through() {
    let req = Req::get("/status/401").origin(APP);
    check(
        App::List,
        req,
        Expect::actual(401, "status 401", LIST_ACTUAL, &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn actual_status_404_passes_through() {
    let req = Req::get("/status/404").origin(APP);
    check(
        App::List,
        req,
        Expect::actual(404, "status 404", LIST_ACTUAL, &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn actual_status_500_passes_through() {
    let req = Req::get("/status/500").origin(APP);
    check(
        App::List,
        req,
        Expect::actual(500, "status 500", LIST_ACTUAL, &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn actual_status_302_under_any() {
    let req = Req::get("/status/302").origin("https://anyone.test");
    let expect = Expect::actual(302, "status 302", ANY_ACTUAL, &[]).with("location", "/elsewhere");
    check(App::Any, req, expect).await;
}

#[tokio::test]
async fn actual_status_500_under_pattern() {
    let req = Req::get("/status/500").origin(SUB);
    check(
        App::Pattern,
        req,
        Expect::actual(500, "status 500", &[(ACAO, SUB)], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn actual_refused_origin_gets_no_cors_headers_but_vary() {
    let req = Req::get("/").origin(EVIL);
    check(
        App::List,
        req,
        Expect::actual(200, "GET handled", &[], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn actual_refused_origin_on_an_error_status() {
    let req = Req::get("/status/401").origin(EVIL);
    check(
        App::List,
        req,
        Expect::actual(401, "status 401", &[], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn actual_refused_origin_on_a_redirect() {
    let req = Req::get("/status/302").origin(EVIL);
    let expect = Expect::actual(302, "status 302", &[], &["Origin"]).with("location", "/elsewhere");
    check(App::List, req, expect).await;
}

#[tokio::test]
async fn handler_cors_headers_are_replaced_under_a_list_with_credentials() {
    let req = Req::get("/own/cors").origin(APP);
    check(
        App::List,
        req,
        Expect::actual(200, "own headers", LIST_ACTUAL, &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn handler_cors_headers_are_replaced_under_a_pattern_without_credentials() {
    let req = Req::get("/own/cors").origin(SUB);
    check(
        App::Pattern,
        req,
        Expect::actual(200, "own headers", &[(ACAO, SUB)], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn handler_cors_headers_are_replaced_under_any() {
    let req = Req::get("/own/cors").origin("https://anyone.test");
    check(
        App::Any,
        req,
        Expect::actual(200, "own headers", ANY_ACTUAL, &[]),
    )
    .await;
}

#[tokio::test]
async fn handler_cors_headers_are_removed_without_origin_under_a_list() {
    // The policy is the only source of `Access-Control-*` headers, Origin or not: a cached
    // copy of this response must not carry the handler's `*` and credentials to a later
    // request.
    let req = Req::get("/own/cors");
    check(
        App::List,
        req,
        Expect::actual(200, "own headers", &[], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn handler_cors_headers_are_replaced_without_origin_under_any() {
    let req = Req::get("/own/cors");
    check(
        App::Any,
        req,
        Expect::actual(200, "own headers", ANY_ACTUAL, &[]),
    )
    .await;
}

#[tokio::test]
async fn handler_cors_headers_are_removed_for_a_refused_origin() {
    let req = Req::get("/own/cors").origin(EVIL);
    check(
        App::List,
        req,
        Expect::actual(200, "own headers", &[], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn handler_vary_is_merged_with_origin() {
    let req = Req::get("/own/vary-ae").origin(APP);
    let vary = ["Accept-Encoding", "Origin"];
    check(
        App::List,
        req,
        Expect::actual(200, "own headers", LIST_ACTUAL, &vary),
    )
    .await;
}

#[tokio::test]
async fn handler_vary_is_merged_without_origin_header() {
    let req = Req::get("/own/vary-ae");
    let vary = ["Accept-Encoding", "Origin"];
    check(
        App::Pattern,
        req,
        Expect::actual(200, "own headers", &[], &vary),
    )
    .await;
}

#[tokio::test]
async fn handler_vary_is_merged_for_a_refused_origin() {
    let req = Req::get("/own/vary-ae").origin(EVIL);
    let vary = ["Accept-Encoding", "Origin"];
    check(
        App::List,
        req,
        Expect::actual(200, "own headers", &[], &vary),
    )
    .await;
}

#[tokio::test]
async fn handler_vary_is_kept_alone_under_any() {
    let req = Req::get("/own/vary-ae").origin("https://anyone.test");
    let expect = Expect::actual(200, "own headers", ANY_ACTUAL, &["Accept-Encoding"]);
    check(App::Any, req, expect).await;
}

#[tokio::test]
async fn handler_vary_origin_is_not_duplicated() {
    let req = Req::get("/own/vary-origin").origin(APP);
    let expect = Expect::actual(200, "own headers", LIST_ACTUAL, &["origin"]);
    check(App::List, req, expect).await;
    let req = Req::get("/own/vary-origin").origin(APP);
    let response = App::List
        .router(Calls::default())
        .oneshot(req.build())
        .await
        .expect("infallible");
    // Left exactly as the handler wrote it.
    assert_eq!(lines(response.headers(), "vary"), ["origin"]);
}

#[tokio::test]
async fn handler_vary_origin_is_not_duplicated_for_a_refused_origin() {
    let req = Req::get("/own/vary-origin").origin(EVIL);
    check(
        App::List,
        req,
        Expect::actual(200, "own headers", &[], &["origin"]),
    )
    .await;
}

#[tokio::test]
async fn handler_vary_star_is_left_alone() {
    let req = Req::get("/own/vary-star").origin(APP);
    check(
        App::List,
        req,
        Expect::actual(200, "own headers", LIST_ACTUAL, &["*"]),
    )
    .await;
}

#[tokio::test]
async fn handler_vary_star_is_left_alone_for_a_refused_origin() {
    let req = Req::get("/own/vary-star").origin(EVIL);
    check(
        App::Pattern,
        req,
        Expect::actual(200, "own headers", &[], &["*"]),
    )
    .await;
}

#[tokio::test]
async fn handler_vary_star_is_left_alone_without_origin() {
    let req = Req::get("/own/vary-star");
    check(
        App::List,
        req,
        Expect::actual(200, "own headers", &[], &["*"]),
    )
    .await;
}

#[tokio::test]
async fn head_under_one_policy_is_decorated_and_has_no_body() {
    let req = Req::new(Method::HEAD, "/").origin(APP);
    check(
        App::List,
        req,
        Expect::actual(200, "", LIST_ACTUAL, &["Origin"]),
    )
    .await;
}

// ---------------------------------------------------------------------------------------------
// 7. Origin attack shapes: each refused (no ACAO, ACAC, ACEH), handler still runs
// ---------------------------------------------------------------------------------------------

async fn refused_actual(app: App, origins: &[&str]) {
    let mut req = Req::get("/");
    for origin in origins {
        req = req.origin(origin);
    }
    check(
        app,
        req,
        Expect::actual(200, "GET handled", &[], &["Origin"]),
    )
    .await;
}

async fn allowed_actual_pattern(origin: &'static str) {
    let req = Req::get("/").origin(origin);
    check(
        App::Pattern,
        req,
        Expect::actual(200, "GET handled", &[(ACAO, origin)], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn attack_pattern_suffix_without_label_boundary() {
    refused_actual(App::Pattern, &["https://evilexample.com"]).await;
}

#[tokio::test]
async fn attack_pattern_prefix_match() {
    refused_actual(App::Pattern, &["https://example.com.evil.net"]).await;
}

#[tokio::test]
async fn attack_pattern_subdomain_then_attacker_domain() {
    refused_actual(App::Pattern, &["https://a.example.com.evil.net"]).await;
}

#[tokio::test]
async fn attack_pattern_apex_is_not_a_subdomain() {
    refused_actual(App::Pattern, &["https://example.com"]).await;
}

#[tokio::test]
async fn attack_pattern_trailing_slash() {
    refused_actual(App::Pattern, &["https://a.example.com/"]).await;
}

#[tokio::test]
async fn attack_pattern_path_ending_in_the_suffix() {
    refused_actual(App::Pattern, &["https://evil.net/.example.com"]).await;
}

#[tokio::test]
async fn attack_pattern_userinfo_ending_in_the_suffix() {
    refused_actual(App::Pattern, &["https://evil.net@x.example.com"]).await;
}

#[tokio::test]
async fn attack_pattern_uppercase_host() {
    refused_actual(App::Pattern, &["https://A.example.com"]).await;
}

#[tokio::test]
async fn attack_pattern_explicit_default_port() {
    refused_actual(App::Pattern, &["https://a.example.com:443"]).await;
}

#[tokio::test]
async fn attack_pattern_other_port() {
    refused_actual(App::Pattern, &["https://a.example.com:8443"]).await;
}

#[tokio::test]
async fn attack_pattern_null() {
    refused_actual(App::Pattern, &["null"]).await;
}

#[tokio::test]
async fn attack_pattern_empty_origin() {
    refused_actual(App::Pattern, &[""]).await;
}

#[tokio::test]
async fn attack_pattern_two_origin_lines() {
    refused_actual(App::Pattern, &[SUB, SUB]).await;
}

#[tokio::test]
async fn attack_pattern_comma_joined_origins() {
    refused_actual(
        App::Pattern,
        &["https://a.example.com, https://a.example.com"],
    )
    .await;
}

#[tokio::test]
async fn attack_pattern_plain_http() {
    refused_actual(App::Pattern, &["http://a.example.com"]).await;
}

#[tokio::test]
async fn attack_pattern_empty_label() {
    refused_actual(App::Pattern, &["https://.example.com"]).await;
}

#[tokio::test]
async fn pattern_allows_one_label() {
    allowed_actual_pattern("https://a.example.com").await;
}

#[tokio::test]
async fn pattern_allows_several_labels() {
    allowed_actual_pattern("https://a.b-c.example.com").await;
}

#[tokio::test]
async fn attack_list_suffix_without_label_boundary() {
    refused_actual(App::List, &["https://evilapp.example.com"]).await;
}

#[tokio::test]
async fn attack_list_prefix_match() {
    refused_actual(App::List, &["https://app.example.com.evil.net"]).await;
}

#[tokio::test]
async fn attack_list_subdomain_of_an_exact_origin() {
    refused_actual(App::List, &["https://x.app.example.com"]).await;
}

#[tokio::test]
async fn attack_list_trailing_slash() {
    refused_actual(App::List, &["https://app.example.com/"]).await;
}

#[tokio::test]
async fn attack_list_uppercase_host() {
    refused_actual(App::List, &["https://APP.example.com"]).await;
}

#[tokio::test]
async fn attack_list_uppercase_scheme() {
    refused_actual(App::List, &["HTTPS://app.example.com"]).await;
}

#[tokio::test]
async fn attack_list_explicit_default_port() {
    refused_actual(App::List, &["https://app.example.com:443"]).await;
}

#[tokio::test]
async fn attack_list_port_dropped() {
    refused_actual(App::List, &["https://admin.example.com"]).await;
}

#[tokio::test]
async fn attack_list_null() {
    refused_actual(App::List, &["null"]).await;
}

#[tokio::test]
async fn attack_list_empty_origin() {
    refused_actual(App::List, &[""]).await;
}

#[tokio::test]
async fn attack_list_two_origin_lines() {
    refused_actual(App::List, &[APP, APP]).await;
}

#[tokio::test]
async fn attack_list_two_origin_lines_one_evil() {
    refused_actual(App::List, &[EVIL, APP]).await;
}

#[tokio::test]
async fn attack_list_comma_joined_origins() {
    refused_actual(
        App::List,
        &["https://app.example.com, https://app.example.com"],
    )
    .await;
}

#[tokio::test]
async fn attack_list_plain_http() {
    refused_actual(App::List, &["http://app.example.com"]).await;
}

#[tokio::test]
async fn attack_list_trailing_whitespace_inside_the_value() {
    refused_actual(App::List, &["https://app.example.com\t"]).await;
}

// ---------------------------------------------------------------------------------------------
// 8. Wildcard policy
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn any_allowed_origin_gets_star_and_no_vary() {
    let req = Req::get("/").origin("https://anyone.test");
    check(
        App::Any,
        req,
        Expect::actual(200, "GET handled", ANY_ACTUAL, &[]),
    )
    .await;
}

#[tokio::test]
async fn any_allows_an_origin_with_port_and_ip() {
    let req = Req::new(Method::DELETE, "/").origin("http://127.0.0.1:3000");
    check(
        App::Any,
        req,
        Expect::actual(200, "DELETE handled", ANY_ACTUAL, &[]),
    )
    .await;
}

#[tokio::test]
async fn any_allows_null_with_star() {
    let req = Req::get("/").origin("null");
    check(
        App::Any,
        req,
        Expect::actual(200, "GET handled", ANY_ACTUAL, &[]),
    )
    .await;
}

#[tokio::test]
async fn any_allows_a_host_with_an_underscore() {
    let req = Req::get("/").origin("https://my_site.example.com");
    check(
        App::Any,
        req,
        Expect::actual(200, "GET handled", ANY_ACTUAL, &[]),
    )
    .await;
}

#[tokio::test]
async fn any_allows_a_host_with_a_trailing_dot() {
    let req = Req::get("/").origin("https://example.com.");
    check(
        App::Any,
        req,
        Expect::actual(200, "GET handled", ANY_ACTUAL, &[]),
    )
    .await;
}

#[tokio::test]
async fn any_allows_an_ipv6_origin() {
    let req = Req::get("/").origin("http://[::1]:8080");
    check(
        App::Any,
        req,
        Expect::actual(200, "GET handled", ANY_ACTUAL, &[]),
    )
    .await;
}

#[tokio::test]
async fn any_allows_an_extension_origin() {
    let req = Req::get("/").origin("chrome-extension://abcdefghijklmnop");
    check(
        App::Any,
        req,
        Expect::actual(200, "GET handled", ANY_ACTUAL, &[]),
    )
    .await;
}

/// An any-origin policy's answer does not depend on the request: `*` whatever `Origin`
/// says, and no `Vary`.
async fn any_answers_star(origins: &[&str]) {
    let mut req = Req::get("/");
    for origin in origins {
        req = req.origin(origin);
    }
    check(
        App::Any,
        req,
        Expect::actual(200, "GET handled", ANY_ACTUAL, &[]),
    )
    .await;
}

#[tokio::test]
async fn any_answers_star_to_a_trailing_slash() {
    any_answers_star(&["https://anyone.test/"]).await;
}

#[tokio::test]
async fn any_answers_star_to_a_value_that_is_not_an_origin() {
    any_answers_star(&["not an origin"]).await;
}

#[tokio::test]
async fn any_answers_star_to_an_empty_origin() {
    any_answers_star(&[""]).await;
}

#[tokio::test]
async fn any_answers_star_to_two_origin_lines() {
    any_answers_star(&["https://a.test", "https://a.test"]).await;
}

#[tokio::test]
async fn any_answers_star_to_comma_joined_origins() {
    any_answers_star(&["https://a.test, https://b.test"]).await;
}

#[tokio::test]
async fn any_answers_star_to_a_star_origin() {
    any_answers_star(&["*"]).await;
}

#[tokio::test]
async fn any_answers_star_to_a_pattern_origin() {
    any_answers_star(&["https://*.a.test"]).await;
}

#[tokio::test]
async fn any_answers_star_to_an_explicit_default_port() {
    any_answers_star(&["https://a.test:443"]).await;
}

#[tokio::test]
async fn any_malformed_origin_still_replaces_handler_cors_headers() {
    let req = Req::get("/own/cors").origin("https://a.test/");
    check(
        App::Any,
        req,
        Expect::actual(200, "own headers", ANY_ACTUAL, &[]),
    )
    .await;
}

// ---------------------------------------------------------------------------------------------
// 9. Per-method policies on one path
// ---------------------------------------------------------------------------------------------

const ADMIN_ORIGIN: &str = "https://admin.example.com";
const EDITOR_ORIGIN: &str = "https://editor.example.com";

#[tokio::test]
async fn per_method_get_is_public() {
    let req = Req::get("/items").origin("https://anyone.test");
    check(
        App::PerMethod,
        req,
        Expect::actual(200, "GET handled", &[(ACAO, "*")], &[]),
    )
    .await;
}

#[tokio::test]
async fn per_method_get_from_the_admin_origin_is_still_public() {
    let req = Req::get("/items").origin(ADMIN_ORIGIN);
    check(
        App::PerMethod,
        req,
        Expect::actual(200, "GET handled", &[(ACAO, "*")], &[]),
    )
    .await;
}

#[tokio::test]
async fn per_method_head_uses_the_get_policy() {
    let req = Req::new(Method::HEAD, "/items").origin("https://anyone.test");
    check(
        App::PerMethod,
        req,
        Expect::actual(200, "", &[(ACAO, "*")], &[]),
    )
    .await;
}

#[tokio::test]
async fn per_method_delete_carries_the_admin_policy() {
    let req = Req::new(Method::DELETE, "/items").origin(ADMIN_ORIGIN);
    let cors = [(ACAO, ADMIN_ORIGIN), (ACAC, "true"), (ACEH, "x-deleted")];
    check(
        App::PerMethod,
        req,
        Expect::actual(200, "DELETE handled", &cors, &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn per_method_delete_from_another_origin_is_refused() {
    let req = Req::new(Method::DELETE, "/items").origin(EDITOR_ORIGIN);
    check(
        App::PerMethod,
        req,
        Expect::actual(200, "DELETE handled", &[], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn per_method_delete_without_origin_varies() {
    let req = Req::new(Method::DELETE, "/items");
    check(
        App::PerMethod,
        req,
        Expect::actual(200, "DELETE handled", &[], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn per_method_public_get_without_origin_answers_star_without_vary() {
    let req = Req::get("/items");
    check(
        App::PerMethod,
        req,
        Expect::actual(200, "GET handled", &[(ACAO, "*")], &[]),
    )
    .await;
}

#[tokio::test]
async fn per_method_patch_carries_the_editor_policy() {
    let req = Req::new(Method::PATCH, "/items").origin(EDITOR_ORIGIN);
    let cors = [(ACAO, EDITOR_ORIGIN), (ACEH, "etag")];
    check(
        App::PerMethod,
        req,
        Expect::actual(200, "PATCH handled", &cors, &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn per_method_patch_from_the_admin_origin_is_refused() {
    let req = Req::new(Method::PATCH, "/items").origin(ADMIN_ORIGIN);
    check(
        App::PerMethod,
        req,
        Expect::actual(200, "PATCH handled", &[], &["Origin"]),
    )
    .await;
}

#[tokio::test]
async fn per_method_preflight_for_get_uses_the_public_policy() {
    let req = Req::preflight("/items", "https://anyone.test", "GET");
    let expect = Expect::preflight(&[(ACAO, "*"), (ACAM, "GET")]);
    check(App::PerMethod, req, expect).await;
}

#[tokio::test]
async fn per_method_preflight_for_get_refuses_headers_the_public_policy_lacks() {
    let req = Req::preflight("/items", "https://anyone.test", "GET").acrh("authorization");
    check(App::PerMethod, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn per_method_preflight_for_head_uses_the_get_policy() {
    let req = Req::preflight("/items", "https://anyone.test", "HEAD");
    let expect = Expect::preflight(&[(ACAO, "*"), (ACAM, "HEAD")]);
    check(App::PerMethod, req, expect).await;
}

#[tokio::test]
async fn per_method_preflight_for_delete_uses_the_admin_policy() {
    let req = Req::preflight("/items", ADMIN_ORIGIN, "DELETE").acrh("authorization");
    let expect = Expect::preflight(&[
        (ACAO, ADMIN_ORIGIN),
        (ACAC, "true"),
        (ACAM, "DELETE"),
        (ACAH, "authorization"),
        // The public GET handler refuses `authorization`: a remembered header entry would let
        // a GET carrying it through without a preflight, so nothing may be remembered.
        (ACMA, "0"),
    ]);
    check(App::PerMethod, req, expect).await;
}

#[tokio::test]
async fn per_method_preflight_without_headers_keeps_the_max_age() {
    // Only a DELETE method entry is remembered, and only DELETE's handler is behind it.
    let req = Req::preflight("/items", ADMIN_ORIGIN, "DELETE");
    let expect = Expect::preflight(&[
        (ACAO, ADMIN_ORIGIN),
        (ACAC, "true"),
        (ACAM, "DELETE"),
        (ACMA, "60"),
    ]);
    check(App::PerMethod, req, expect).await;
}

#[tokio::test]
async fn per_method_preflight_for_delete_from_another_origin_is_refused() {
    let req = Req::preflight("/items", "https://anyone.test", "DELETE");
    check(App::PerMethod, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn per_method_preflight_for_patch_uses_the_mounted_methods() {
    let req = Req::preflight("/items", EDITOR_ORIGIN, "PATCH").acrh("content-type,if-match");
    let expect = Expect::preflight(&[
        (ACAO, EDITOR_ORIGIN),
        (ACAM, "PATCH"),
        (ACAH, "content-type,if-match"),
        // Not cacheable: the public GET handler allows neither header.
        (ACMA, "0"),
    ]);
    check(App::PerMethod, req, expect).await;
}

#[tokio::test]
async fn per_method_preflight_for_lowercase_patch_is_refused() {
    let req = Req::preflight("/items", EDITOR_ORIGIN, "patch");
    check(App::PerMethod, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn per_method_preflight_for_an_unmounted_method_is_refused() {
    let req = Req::preflight("/items", "https://anyone.test", "PUT");
    check(App::PerMethod, req, Expect::refused_preflight()).await;
}

/// `/shared`: GET and PUT allow the same origin with different header lists; POST (in
/// `with_post`) refuses the app origin entirely.
#[cors(origin = "https://app.example.com", methods = [GET], headers = ["content-type", "x-api-key"], max_age = 600)]
async fn shared_get(calls: State<Calls>, method: Method) -> String {
    echo(calls, method).await
}
#[cors(origin = "https://app.example.com", methods = [PUT], headers = ["content-type"], max_age = 600)]
async fn shared_put(calls: State<Calls>, method: Method) -> String {
    echo(calls, method).await
}
#[cors(origin = "https://partner.example.com", methods = [POST], headers = ["content-type", "x-api-key"], max_age = 600)]
async fn shared_post(calls: State<Calls>, method: Method) -> String {
    echo(calls, method).await
}

/// Sends a preflight to `/shared` and returns its max-age line, if any.
async fn preflight_max_age(with_post: bool, method: &str, acrh: &str) -> Option<String> {
    let route = if with_post {
        cors_route!(get(shared_get), put(shared_put), post(shared_post))
    } else {
        cors_route!(get(shared_get), put(shared_put))
    };
    let app: Router = Router::new()
        .route("/shared", route)
        .with_state(Calls::default());
    let req = Req::preflight("/shared", APP, method).acrh(acrh).build();
    let response = app.oneshot(req).await.expect("infallible");
    assert_eq!(response.status(), StatusCode::NO_CONTENT, "{method} {acrh}");
    assert_eq!(lines(response.headers(), ACAM), [method]);
    assert_eq!(lines(response.headers(), ACAH), [acrh]);
    lines(response.headers(), ACMA).pop()
}

#[tokio::test]
async fn per_method_max_age_is_kept_when_every_reachable_handler_allows_the_headers() {
    // PUT asks for content-type, which GET (reachable: safelisted) and PUT both allow.
    assert_eq!(
        preflight_max_age(false, "PUT", "content-type").await,
        Some("600".into())
    );
}

#[tokio::test]
async fn per_method_max_age_is_zero_when_another_handler_refuses_a_header() {
    // GET asks for x-api-key; PUT's handler allows the origin but not x-api-key, and the
    // browser would use a remembered x-api-key entry for a PUT it has a method entry for.
    assert_eq!(
        preflight_max_age(false, "GET", "x-api-key").await,
        Some("0".into())
    );
}

#[tokio::test]
async fn per_method_max_age_is_zero_when_a_safelisted_handler_refuses_the_origin() {
    // POST never needs a method entry: a remembered content-type entry would let a POST with
    // `content-type: application/json` from the app origin reach a handler refusing it.
    assert_eq!(
        preflight_max_age(true, "PUT", "content-type").await,
        Some("0".into())
    );
}

#[tokio::test]
async fn per_method_preflight_for_unmounted_post_is_refused() {
    let req = Req::preflight("/items", ADMIN_ORIGIN, "POST");
    check(App::PerMethod, req, Expect::refused_preflight()).await;
}

#[tokio::test]
async fn per_method_options_without_acrm_reaches_the_405_untouched() {
    let req = Req::options("/items").origin("https://anyone.test");
    let expect = Expect::actual(405, "", &[], &[])
        .calls(0)
        .with("allow", "GET,HEAD,DELETE,PATCH");
    check(App::PerMethod, req, expect).await;
}

#[tokio::test]
async fn per_method_unmounted_actual_method_reaches_the_405_untouched() {
    let req = Req::new(Method::PUT, "/items").origin(ADMIN_ORIGIN);
    let expect = Expect::actual(405, "", &[], &[])
        .calls(0)
        .with("allow", "GET,HEAD,DELETE,PATCH");
    check(App::PerMethod, req, expect).await;
}

// ---------------------------------------------------------------------------------------------
// 10. Max age and exposed headers
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn max_age_is_sent_when_set() {
    let req = Req::preflight("/", "https://anyone.test", "PATCH");
    check(
        App::Any,
        req,
        Expect::preflight(&any_preflight("PATCH", &[])),
    )
    .await;
}

#[tokio::test]
async fn max_age_is_absent_when_unset() {
    let req = Req::preflight("/", "https://b.example.com", "GET").acrh("CONTENT-TYPE");
    let expect = Expect::preflight(&[
        (ACAO, "https://b.example.com"),
        (ACAM, "GET"),
        (ACAH, "CONTENT-TYPE"),
    ]);
    check(App::Pattern, req, expect).await;
}

#[tokio::test]
async fn expose_star_is_sent_on_error_responses() {
    let req = Req::get("/status/404").origin("https://anyone.test");
    check(
        App::Any,
        req,
        Expect::actual(404, "status 404", ANY_ACTUAL, &[]),
    )
    .await;
}

#[tokio::test]
async fn expose_headers_are_not_sent_on_preflights() {
    // LIST exposes headers; the preflight answer must not carry ACEH (checked by absence).
    let req = Req::preflight("/", APP, "GET");
    check(
        App::List,
        req,
        Expect::preflight(&list_preflight("GET", &[])),
    )
    .await;
}

/// Found by `tests/properties.rs`: a credentialed PUT preflight's header entry served a
/// credentialed GET to a public handler whose policy refuses credentials.
#[cors(origin = "*", methods = [GET], headers = ["x-api-key"], max_age = 600)]
async fn public_with_key(calls: State<Calls>, method: Method) -> String {
    echo(calls, method).await
}

#[cors(origin = "https://app.example.com", methods = [PUT], headers = ["x-api-key"], credentials, max_age = 600)]
async fn private_with_key(calls: State<Calls>, method: Method) -> String {
    echo(calls, method).await
}

#[tokio::test]
async fn a_credentialed_answer_is_not_remembered_where_a_handler_refuses_credentials() {
    let app: Router = Router::new()
        .route(
            "/k",
            cors_route!(get(public_with_key), put(private_with_key)),
        )
        .with_state(Calls::default());
    let req = Req::preflight("/k", APP, "PUT").acrh("x-api-key").build();
    let response = app.clone().oneshot(req).await.expect("infallible");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(lines(response.headers(), ACAC), ["true"]);
    assert_eq!(lines(response.headers(), ACMA), ["0"]);
    // The public GET's own preflight, without credentials, is remembered: every handler it
    // can reach allows x-api-key without credentials.
    let req = Req::preflight("/k", APP, "GET").acrh("x-api-key").build();
    let response = app.oneshot(req).await.expect("infallible");
    assert_eq!(lines(response.headers(), ACMA), ["600"]);
}
