//! Invariants under random input: random valid policies (drawn from the `#[cors]` grammar),
//! mounted per method on two paths, against random requests and random sequences of
//! `fetch()` calls run through a browser model (`tests/model`).
//!
//! `CORS_PROPTEST_CASES` sets the number of cases per property (default 10 000), and
//! `CORS_PROPTEST_SEED` the random seed: a number, or `random` for a new one each run. The
//! default run uses a fixed seed, so a CI run and a developer's run see the same cases; long
//! exploring runs use `CORS_PROPTEST_SEED=random`, and what they find becomes a named test.
//!
//! Policies are built at run time through the macros' hidden constructors: all of that is in
//! [`build`] and [`build_router`], so a change to `PolicyParts` is adapted in one place.

mod model;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter};
use axum::Router;
use cors_runtime::__private_v1::{
    fallback, AllowedOrigin, CorsHandler, Methods, Mount, Origins, Policies, Policy, PolicyParts,
    RequestHeaders,
};
use http::header::HeaderName;
use http::{HeaderMap, HeaderValue, Method, Request};
use model::{Browser, Mode, ScriptRequest, Snapshot};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use proptest::test_runner::RngSeed;

// ---------------------------------------------------------------------------------------------
// Policy descriptions, and what they mean
// ---------------------------------------------------------------------------------------------

/// Exact origins a policy may list. `http://plain.example.net` is never listed with
/// credentials (plain http, not loopback).
const EXACT_ORIGINS: &[&str] = &[
    "https://app.example.com",
    "https://admin.example.com",
    "http://localhost:5173",
    "http://127.0.0.1:8080",
    "https://[::1]:8443",
    "http://plain.example.net",
    "https://my_site.example.net",
];
/// Subdomain patterns a policy may list; none is on a public suffix.
const PATTERNS: &[&str] = &[
    "https://*.example.org",
    "https://*.a.example.com",
    "http://*.localhost:3000",
];
const METHODS: &[&str] = &["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
const HEADERS: &[&str] = &[
    "content-type",
    "x-api-key",
    "authorization",
    "x-custom",
    "if-match",
    "range",
];
const EXPOSE: &[&str] = &["x-request-id", "etag"];
const PATHS: [&str; 2] = ["/a", "/b"];

#[derive(Clone, Debug)]
enum OriginsDesc {
    Any,
    List(Vec<&'static str>),
}

#[derive(Clone, Debug)]
enum MethodsDesc {
    Any,
    List(Vec<&'static str>),
    /// `methods` omitted: the mounted methods.
    Mounted,
}

#[derive(Clone, Debug)]
enum ListOrAny {
    Any,
    List(Vec<&'static str>),
}

/// One `#[cors(...)]` attribute.
#[derive(Clone, Debug)]
struct PolicyDesc {
    origins: OriginsDesc,
    methods: MethodsDesc,
    headers: ListOrAny,
    expose: ListOrAny,
    credentials: bool,
    max_age: Option<u32>,
    private_network: bool,
}

/// A DNS label as browsers serialize hosts (no `xn--` label is ever generated here).
fn plain_label(l: &str) -> bool {
    (1..=63).contains(&l.len())
        && l.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_')
        && !l.starts_with('-')
        && !l.ends_with('-')
}

/// Whether a listed entry admits `origin`: exact entries byte for byte; `scheme://*.base[:port]`
/// admits `scheme://` + one or more labels + `.base[:port]`, with a host of at most 253 bytes.
fn entry_admits(entry: &str, origin: &str) -> bool {
    let Some(star) = entry.find('*') else {
        return entry == origin;
    };
    let (prefix, suffix) = (&entry[..star], &entry[star + 1..]);
    let Some(labels) = origin
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
    else {
        return false;
    };
    let base_len = suffix[1..].split(':').next().unwrap().len();
    !labels.is_empty() && labels.len() + 1 + base_len <= 253 && labels.split('.').all(plain_label)
}

impl PolicyDesc {
    fn allows_origin(&self, origin: &str) -> bool {
        match &self.origins {
            OriginsDesc::Any => true,
            OriginsDesc::List(list) => list.iter().any(|e| entry_admits(e, origin)),
        }
    }

    /// A request header a script may send (case-insensitive); `*` never covers
    /// `Authorization`.
    fn allows_header(&self, name: &str) -> bool {
        match &self.headers {
            ListOrAny::Any => !name.eq_ignore_ascii_case("authorization"),
            ListOrAny::List(list) => list.iter().any(|h| h.eq_ignore_ascii_case(name)),
        }
    }

    fn depends_on_origin(&self) -> bool {
        matches!(self.origins, OriginsDesc::List(_))
    }
}

/// The handlers of one path: method -> index of its policy.
#[derive(Clone, Debug)]
struct RouteDesc {
    mounts: BTreeMap<&'static str, usize>,
    /// Responses to GET carry `Cache-Control: max-age=60`.
    cacheable: bool,
    /// Handlers set `Access-Control-Allow-Origin: *` and `-Credentials: true` themselves.
    bogus_cors: bool,
}

#[derive(Clone, Debug)]
struct AppDesc {
    policies: Vec<PolicyDesc>,
    routes: Vec<RouteDesc>,
}

impl AppDesc {
    /// The handler (route, method) and policy a request with `method` reaches on `url`,
    /// as axum routes it: HEAD goes to GET when HEAD is not mounted.
    fn handler_for(&self, url: &str, method: &str) -> Option<(usize, &'static str, &PolicyDesc)> {
        let route = PATHS.iter().position(|p| *p == url)?;
        let mounts = &self.routes[route].mounts;
        let (m, p) = mounts.get_key_value(method).or_else(|| {
            (method == "HEAD")
                .then(|| mounts.get_key_value("GET"))
                .flatten()
        })?;
        Some((route, *m, &self.policies[*p]))
    }
}

// ---------------------------------------------------------------------------------------------
// Building policies and routes (the only code that knows the hidden constructors)
// ---------------------------------------------------------------------------------------------

fn leak_str(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn leak_list(list: &[&'static str]) -> &'static [&'static str] {
    Box::leak(list.to_vec().into_boxed_slice())
}

/// A `Policy` as the attribute would generate it for `desc`.
fn build(desc: &PolicyDesc) -> &'static Policy {
    let origins = match &desc.origins {
        OriginsDesc::Any => Origins::Any,
        OriginsDesc::List(list) => Origins::List(Box::leak(
            list.iter()
                .map(|o| AllowedOrigin::parse(o))
                .collect::<Vec<_>>()
                .into_boxed_slice(),
        )),
    };
    let (methods, allow_methods) = match &desc.methods {
        MethodsDesc::Any => (Methods::Any, "*"),
        MethodsDesc::Mounted => (Methods::Mounted, ""),
        MethodsDesc::List(list) => (Methods::List(leak_list(list)), leak_str(&list.join(", "))),
    };
    let (headers, allow_headers) = match &desc.headers {
        ListOrAny::Any => (RequestHeaders::Any, "*"),
        ListOrAny::List(list) => (
            RequestHeaders::List(leak_list(list)),
            leak_str(&list.join(", ")),
        ),
    };
    let (expose, expose_any, expose_headers): (&'static [&'static str], bool, &'static str) =
        match &desc.expose {
            ListOrAny::Any => (&[], true, "*"),
            ListOrAny::List(list) => (leak_list(list), false, leak_str(&list.join(", "))),
        };
    let max_age = desc.max_age.map_or("", |a| leak_str(&a.to_string()));
    Box::leak(Box::new(Policy::from_parts(PolicyParts {
        origins,
        methods,
        allow_methods,
        headers,
        allow_headers,
        expose,
        expose_any,
        expose_headers,
        credentials: desc.credentials,
        max_age,
        private_network: desc.private_network,
    })))
}

/// One handler call as the handler saw it.
#[derive(Clone, Debug)]
struct Call {
    route: usize,
    method: String,
    headers: HeaderMap,
}

type Log = Arc<Mutex<Vec<Call>>>;

/// The app: each path mounts its handlers as `cors_route!` does; each handler logs its calls.
fn build_router(app: &AppDesc, log: &Log) -> Router {
    let policies: Vec<&'static Policy> = app.policies.iter().map(build).collect();
    let mut router = Router::new();
    for (route, desc) in app.routes.iter().enumerate() {
        let mounts: &'static [Mount] = Box::leak(
            desc.mounts
                .iter()
                .map(|(m, p)| Mount::new(m, policies[*p]))
                .collect::<Vec<_>>()
                .into_boxed_slice(),
        );
        let table = Policies::Mounted(mounts);
        let mut methods = MethodRouter::new();
        for method in desc.mounts.keys() {
            let log = log.clone();
            let (cacheable, bogus) = (desc.cacheable, desc.bogus_cors);
            let handler = move |request: Request<Body>| {
                let log = log.clone();
                async move {
                    log.lock().unwrap().push(Call {
                        route,
                        method: request.method().to_string(),
                        headers: request.headers().clone(),
                    });
                    handler_response(request.method() == Method::GET && cacheable, bogus)
                }
            };
            let filter = MethodFilter::try_from(Method::from_bytes(method.as_bytes()).unwrap())
                .expect("a routable method");
            methods = methods.on(filter, CorsHandler::new(handler, table));
        }
        router = router.route(PATHS[route], methods.fallback_service(fallback(table)));
    }
    router
}

fn handler_response(cacheable: bool, bogus: bool) -> Response {
    let mut response = "handled".into_response();
    let h = response.headers_mut();
    h.insert("x-request-id", HeaderValue::from_static("42"));
    if cacheable {
        h.insert("cache-control", HeaderValue::from_static("max-age=60"));
    }
    if bogus {
        h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
        h.insert(
            "access-control-allow-credentials",
            HeaderValue::from_static("true"),
        );
    }
    response
}

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

fn cases() -> u32 {
    std::env::var("CORS_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn seed() -> RngSeed {
    match std::env::var("CORS_PROPTEST_SEED").as_deref() {
        Ok("random") => RngSeed::Random,
        Ok(n) => RngSeed::Fixed(
            n.parse()
                .expect("CORS_PROPTEST_SEED is a number or `random`"),
        ),
        Err(_) => RngSeed::Fixed(0xC025),
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        // Failures are turned into named regression tests below instead.
        failure_persistence: None,
        rng_seed: seed(),
        ..ProptestConfig::with_cases(cases())
    }
}

fn list_or_any(pool: &'static [&'static str]) -> impl Strategy<Value = ListOrAny> {
    prop_oneof![
        1 => Just(ListOrAny::Any),
        4 => subsequence(pool, 0..=pool.len().min(3)).prop_map(ListOrAny::List),
    ]
}

fn policy() -> impl Strategy<Value = PolicyDesc> {
    let origins = prop_oneof![
        1 => Just(OriginsDesc::Any),
        3 => (subsequence(EXACT_ORIGINS, 0..=2), subsequence(PATTERNS, 0..=1))
            .prop_filter_map("an empty origin list", |(mut exact, pattern)| {
                exact.extend(pattern);
                (!exact.is_empty()).then_some(OriginsDesc::List(exact))
            }),
    ];
    let methods = prop_oneof![
        1 => Just(MethodsDesc::Any),
        1 => Just(MethodsDesc::Mounted),
        2 => subsequence(METHODS, 1..=3).prop_map(MethodsDesc::List),
    ];
    (
        origins,
        methods,
        list_or_any(HEADERS),
        list_or_any(EXPOSE),
        any::<bool>(),
        proptest::option::of(select(vec![0u32, 1, 5, 600, 7200, 86400])),
        any::<bool>(),
    )
        .prop_map(
            |(origins, methods, headers, expose, credentials, max_age, private_network)| {
                let mut p = PolicyDesc {
                    origins,
                    methods,
                    headers,
                    expose,
                    credentials,
                    max_age,
                    private_network,
                };
                // Credentials only where the attribute accepts them.
                let wildcard = matches!(p.origins, OriginsDesc::Any)
                    || matches!(p.methods, MethodsDesc::Any)
                    || matches!(p.headers, ListOrAny::Any)
                    || matches!(p.expose, ListOrAny::Any);
                let plain_http = match &p.origins {
                    OriginsDesc::List(l) => l.contains(&"http://plain.example.net"),
                    OriginsDesc::Any => false,
                };
                p.credentials &= !wildcard && !plain_http;
                p
            },
        )
}

fn route(policies: usize) -> impl Strategy<Value = RouteDesc> {
    (
        proptest::collection::vec(proptest::option::weighted(0.45, 0..policies), 7),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(choices, cacheable, bogus_cors)| {
            let mut mounts: BTreeMap<&'static str, usize> = METHODS
                .iter()
                .zip(choices)
                .filter_map(|(m, p)| p.map(|p| (*m, p)))
                .collect();
            if mounts.is_empty() {
                mounts.insert("GET", 0);
            }
            RouteDesc {
                mounts,
                cacheable,
                bogus_cors,
            }
        })
}

fn app() -> impl Strategy<Value = AppDesc> {
    proptest::collection::vec(policy(), 1..=3)
        .prop_flat_map(|policies| {
            let n = policies.len();
            (Just(policies), proptest::collection::vec(route(n), 2))
        })
        .prop_map(|(mut policies, routes)| {
            // A handler is only mounted on a method its policy lists.
            for r in &routes {
                for (m, p) in &r.mounts {
                    if let MethodsDesc::List(list) = &mut policies[*p].methods {
                        if !list.contains(m) {
                            list.push(m);
                        }
                    }
                }
            }
            AppDesc { policies, routes }
        })
}

/// Origins around the allowed ones: every listed origin and instances of the patterns, then
/// changed the ways that must never match (case, prefixes and suffixes, ports, schemes,
/// trailing slash), plus `null`.
fn page_origin() -> impl Strategy<Value = String> {
    let base = select(vec![
        "https://app.example.com",
        "https://admin.example.com",
        "http://localhost:5173",
        "http://127.0.0.1:8080",
        "https://[::1]:8443",
        "http://plain.example.net",
        "https://my_site.example.net",
        "https://x.example.org",
        "https://a.b.example.org",
        "https://example.org",
        "https://b.a.example.com",
        "https://a.example.com",
        "http://dev.localhost:3000",
        "http://localhost:3000",
        "https://evil.example",
    ]);
    let change = select(vec![
        "",
        "",
        "",
        "",
        "upper",
        "slash",
        "port",
        "default-port",
        "scheme",
        "prefix",
        "suffix",
        "label",
        "hyphen",
        "null",
        "dot",
    ]);
    (base, change).prop_map(|(base, change)| mutate_origin(base, change))
}

fn mutate_origin(base: &str, change: &str) -> String {
    let (scheme, host) = base.split_once("://").unwrap();
    match change {
        "upper" => base.to_ascii_uppercase(),
        "slash" => format!("{base}/"),
        "port" => format!("{base}:9"),
        "default-port" => format!("{base}:{}", if scheme == "https" { 443 } else { 80 }),
        "scheme" => format!(
            "{}://{host}",
            if scheme == "https" { "http" } else { "https" }
        ),
        "prefix" => format!("{scheme}://evil{host}"),
        "suffix" => format!("{base}.evil.net"),
        "label" => format!("{scheme}://x.{host}"),
        "hyphen" => format!("{scheme}://-x.{host}"),
        "dot" => format!("{scheme}://.{host}"),
        "null" => "null".to_owned(),
        _ => base.to_owned(),
    }
}

fn script_headers() -> impl Strategy<Value = Vec<(String, String)>> {
    let header = select(vec![
        ("content-type", "text/plain"),
        ("Content-Type", "application/json"),
        ("content-type", "multipart/form-data; boundary=x"),
        ("x-api-key", "k"),
        ("X-API-Key", "k"),
        ("x-api-key", "k"),
        ("authorization", "Bearer t"),
        ("x-custom", "1"),
        ("x-custom", "1"),
        ("x-custom", "1"),
        ("if-match", "\"e\""),
        ("range", "bytes=0-"),
        ("range", "bytes=-5"),
        ("accept", "*/*"),
        ("accept", "text/\"x\""),
        ("accept-language", "en"),
        ("cookie", "forbidden=1"),
        ("x-other", "1"),
    ]);
    proptest::collection::vec(header, 0..=2).prop_map(|hs| {
        hs.into_iter()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect()
    })
}

/// A method as a script writes it: the seven, some in another case, and a few others.
fn script_method() -> impl Strategy<Value = &'static str> {
    select(vec![
        "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "get", "delete", "patch",
        "Put", "PURGE", "TRACE",
    ])
}

/// Non-safelisted headers the app's policies allow (`x-custom` for `headers = "*"`), with
/// values that keep them non-safelisted, so that preflights pass often enough to fill the
/// browser's cache.
fn allowed_headers(app: &AppDesc) -> Vec<(&'static str, &'static str)> {
    let mut out = vec![("x-custom", "1")];
    for p in &app.policies {
        if let ListOrAny::List(list) = &p.headers {
            for h in list {
                out.push(match *h {
                    "content-type" => ("content-type", "application/json"),
                    "range" => ("range", "bytes=-5"),
                    "if-match" => ("if-match", "\"e\""),
                    other => (other, "1"),
                });
            }
        }
    }
    out
}

fn script_request(
    origins: Vec<String>,
    allowed: Vec<(&'static str, &'static str)>,
    mounted: Vec<&'static str>,
) -> impl Strategy<Value = ScriptRequest> {
    let allowed = proptest::collection::vec(select(allowed), 0..=2).prop_map(|hs| {
        hs.into_iter()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect::<Vec<_>>()
    });
    (
        select(origins),
        prop_oneof![4 => Just("/a"), 1 => Just("/b")],
        prop_oneof![1 => script_method(), 3 => select(mounted)],
        prop_oneof![1 => script_headers(), 2 => allowed],
        prop_oneof![4 => Just(false), 1 => Just(true)],
        prop_oneof![9 => Just(Mode::Cors), 1 => Just(Mode::NoCors)],
    )
        .prop_map(
            |(origin, url, method, headers, credentials, mode)| ScriptRequest {
                origin,
                url: url.to_owned(),
                method: method.to_owned(),
                headers,
                credentials,
                mode,
            },
        )
}

/// The origins listed by the app's policies, with the patterns instantiated, and one that no
/// policy lists.
fn listed_origins(app: &AppDesc) -> Vec<&'static str> {
    let mut out = vec!["https://evil.example"];
    for p in &app.policies {
        if let OriginsDesc::List(list) = &p.origins {
            for entry in list {
                let instance = entry.replacen("*.", "x.", 1);
                out.push(if entry.contains('*') {
                    leak_str(&instance)
                } else {
                    entry
                });
            }
        }
    }
    out
}

/// Origins around the allowed ones: the listed origins as they are, mostly, or changed.
fn origin_near(bases: Vec<&'static str>) -> impl Strategy<Value = String> {
    let change = prop_oneof![
        6 => Just(""),
        1 => select(vec![
            "upper", "slash", "port", "default-port", "scheme", "prefix", "suffix", "label",
            "hyphen", "null", "dot",
        ]),
    ];
    (select(bases), change).prop_map(|(base, change)| mutate_origin(base, change))
}

/// An app and a sequence of `fetch()` calls to it, each after a pause in seconds. The pages
/// of a script come from one or two origins near the listed ones and mostly call one path,
/// so that answers the browser remembers for one call meet the later calls they could serve.
fn app_and_script() -> impl Strategy<Value = (AppDesc, Vec<(u64, ScriptRequest)>)> {
    app().prop_flat_map(|app| {
        let bases = listed_origins(&app);
        let allowed = allowed_headers(&app);
        let mounted: Vec<&'static str> = app.routes[0].mounts.keys().copied().collect();
        let step_mounted = mounted.clone();
        // A few request shapes (origin, path, headers, credentials), each sent with
        // several methods: what the browser learns from one call meets the others.
        let script = proptest::collection::vec(origin_near(bases), 1..=2)
            .prop_flat_map(move |origins| {
                proptest::collection::vec(
                    script_request(origins, allowed.clone(), mounted.clone()),
                    1..=3,
                )
            })
            .prop_flat_map(move |shapes| {
                let n = shapes.len();
                proptest::collection::vec(
                    (
                        select(vec![
                            0u64, 0, 0, 0, 1, 4, 6, 59, 61, 601, 7199, 7201, 90_000,
                        ]),
                        0..n,
                        proptest::option::of(prop_oneof![
                            1 => script_method().boxed(),
                            3 => select(step_mounted.clone()).boxed(),
                        ]),
                    ),
                    1..=6,
                )
                .prop_map(move |steps| {
                    steps
                        .into_iter()
                        .map(|(pause, i, method)| {
                            let mut req = shapes[i].clone();
                            if let Some(m) = method {
                                req.method = m.to_owned();
                            }
                            (pause, req)
                        })
                        .collect::<Vec<_>>()
                })
            });
        (Just(app), script)
    })
}

// --- Raw requests: what any client can send, not only browsers ---------------------------

#[derive(Clone, Debug)]
struct RawRequest {
    url: &'static str,
    method: Vec<u8>,
    origin: Vec<Vec<u8>>,
    acrm: Vec<Vec<u8>>,
    acrh: Vec<Vec<u8>>,
    private_network: Option<&'static str>,
}

fn arbitrary_bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..24)
}

fn raw_origin() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => page_origin().prop_map(String::into_bytes),
        1 => Just(Vec::new()),
        1 => Just(b"https://app.example.com, https://app.example.com".to_vec()),
        1 => Just(b" https://app.example.com".to_vec()),
        1 => arbitrary_bytes(),
    ]
}

fn raw_method() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => select(METHODS.to_vec()).prop_map(|m| m.as_bytes().to_vec()),
        2 => select(vec!["get", "Put", "patch", "dElEtE", "PURGE", "TRACE", "CONNECT", "*", "GET, PUT", ""])
            .prop_map(|m| m.as_bytes().to_vec()),
        1 => arbitrary_bytes(),
    ]
}

fn raw_acrh_line() -> impl Strategy<Value = Vec<u8>> {
    let name = select(vec![
        "content-type",
        "Content-Type",
        "x-api-key",
        "AUTHORIZATION",
        "x-custom",
        "if-match",
        "range",
        "x-unknown",
        "",
        " ",
        "\t",
        "bad name",
        "bad/name",
        "x(y)",
        "*",
    ]);
    (
        proptest::collection::vec(name, 0..=4),
        select(vec![",", ", ", " ,", ",,", " , "]),
    )
        .prop_map(|(names, sep)| names.join(sep).into_bytes())
}

fn raw_request() -> impl Strategy<Value = RawRequest> {
    (
        select(vec!["/a", "/b", "/missing"]),
        prop_oneof![3 => Just(b"OPTIONS".to_vec()), 2 => raw_method()],
        proptest::collection::vec(raw_origin(), 0..=2),
        proptest::collection::vec(raw_method(), 0..=2),
        proptest::collection::vec(
            prop_oneof![5 => raw_acrh_line(), 1 => arbitrary_bytes()],
            0..=3,
        ),
        proptest::option::of(select(vec!["true", "false", "TRUE"])),
    )
        .prop_map(
            |(url, method, origin, acrm, acrh, private_network)| RawRequest {
                url,
                method,
                origin,
                acrm,
                acrh,
                private_network,
            },
        )
}

impl RawRequest {
    /// The request, with the values a header cannot carry left out.
    fn to_request(&self) -> Request<Body> {
        let method = Method::from_bytes(&self.method).unwrap_or(Method::GET);
        let mut request = Request::builder()
            .method(method)
            .uri(self.url)
            .body(Body::empty())
            .unwrap();
        let h = request.headers_mut();
        let lines = [
            ("origin", &self.origin),
            ("access-control-request-method", &self.acrm),
            ("access-control-request-headers", &self.acrh),
        ];
        for (name, values) in lines {
            for v in values {
                if let Ok(v) = HeaderValue::from_bytes(v) {
                    h.append(HeaderName::from_static(name), v);
                }
            }
        }
        if let Some(v) = self.private_network {
            h.insert(
                "access-control-request-private-network",
                HeaderValue::from_static(v),
            );
        }
        request
    }
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

fn cors_headers(s: &Snapshot) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = s
        .headers
        .iter()
        .filter(|(n, _)| n.as_str().starts_with("access-control-"))
        .map(|(n, v)| (n.as_str().to_owned(), v.as_bytes().to_vec()))
        .collect();
    v.sort();
    v
}

fn count(s: &Snapshot, name: &str) -> usize {
    s.headers.get_all(name).iter().count()
}

/// A comma-separated list of tokens, as browsers parse the `Allow`/`Expose` lists: optional
/// whitespace, empty elements ignored, at least one element.
fn is_token_list(s: &Snapshot, name: &str) -> bool {
    matches!(model::token_list(s, name), Ok(Some(list)) if !list.is_empty())
}

fn is_preflight(request: &Request<Body>) -> bool {
    request.method() == Method::OPTIONS
        && request.headers().contains_key("origin")
        && request
            .headers()
            .contains_key("access-control-request-method")
}

fn send_raw(router: &Router, raw: &RawRequest) -> (Request<Body>, Snapshot) {
    let request = raw.to_request();
    let mut copy = Request::builder()
        .method(request.method().clone())
        .uri(request.uri().clone())
        .body(Body::empty())
        .unwrap();
    *copy.headers_mut() = request.headers().clone();
    let snapshot = model::send(router, request);
    (copy, snapshot)
}

/// What the policy of the handler mounted on the request's method says a script may read.
fn intended_readable(app: &AppDesc, req: &ScriptRequest) -> bool {
    if req.mode == Mode::NoCors
        || !model::is_token(&req.method)
        || model::is_forbidden_method(&req.method)
    {
        return false;
    }
    let method = model::normalize_method(&req.method);
    let Some((_, _, policy)) = app.handler_for(&req.url, &method) else {
        return false;
    };
    let headers: Vec<(String, String)> = req
        .headers
        .iter()
        .filter(|(n, _)| !model::is_forbidden_request_header(n))
        .cloned()
        .collect();
    let unsafe_names = model::cors_unsafe_names(&headers);
    // Under `*` a preflight still refuses what no browser sends: an `Origin` that is not one
    // serialized origin (the syntax `cors_rules::is_request_origin` defines, or `null`).
    let preflighted = !model::is_safelisted_method(&method) || !unsafe_names.is_empty();
    let well_formed = req.origin == "null" || cors_rules::is_request_origin(req.origin.as_bytes());
    let any_origin = matches!(policy.origins, OriginsDesc::Any);
    policy.allows_origin(&req.origin)
        && !(any_origin && preflighted && !well_formed)
        && (!req.credentials || policy.credentials)
        && unsafe_names.iter().all(|n| policy.allows_header(n))
}

/// Runs a script through the browser model; returns the outcomes.
fn run_script(
    app: &AppDesc,
    router: &Router,
    browser: &mut Browser,
    script: &[(u64, ScriptRequest)],
) -> Vec<model::Outcome> {
    script
        .iter()
        .map(|(pause, req)| {
            browser.advance(*pause);
            let _ = app;
            browser.fetch(router, req)
        })
        .collect()
}

/// Every handler call that a browser would only send after a preflight (a non-safelisted
/// method, or a CORS-unsafe header) is one the handler's own policy allows: origin, every
/// unsafe header, and credentials (the model sends a cookie with them).
fn check_calls(app: &AppDesc, calls: &[Call]) -> Result<(), TestCaseError> {
    for call in calls {
        let Some(origin) = call.headers.get("origin") else {
            continue;
        };
        let origin = origin.to_str().unwrap();
        let sent: Vec<(String, String)> = call
            .headers
            .iter()
            .filter(|(n, _)| !matches!(n.as_str(), "origin" | "cookie"))
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap().to_owned()))
            .collect();
        let unsafe_names = model::cors_unsafe_names(&sent);
        if model::is_safelisted_method(&call.method) && unsafe_names.is_empty() {
            continue;
        }
        let (_, mounted, policy) = app
            .handler_for(PATHS[call.route], &call.method)
            .expect("a called handler is mounted");
        let credentials = call.headers.contains_key("cookie");
        prop_assert!(
            policy.allows_origin(origin)
                && unsafe_names.iter().all(|n| policy.allows_header(n))
                && (!credentials || policy.credentials),
            "the {mounted} handler of {} received {} from {origin} with {unsafe_names:?} \
             (credentials: {credentials}), which its policy {policy:?} refuses",
            PATHS[call.route],
            call.method,
        );
    }
    Ok(())
}

fn check_verdicts(app: &AppDesc, script: &[(u64, ScriptRequest)]) -> Result<(), TestCaseError> {
    let log = Log::default();
    let router = build_router(app, &log);
    let mut browser = Browser::new();
    for (i, (pause, req)) in script.iter().enumerate() {
        browser.advance(*pause);
        let outcome = browser.fetch(&router, req);
        let intended = intended_readable(app, req);
        prop_assert_eq!(
            outcome.readable,
            intended,
            "request {} of the script: {:?}\noutcome: {:?}",
            i,
            req,
            outcome
        );
    }
    Ok(())
}

fn check_handler_calls(
    app: &AppDesc,
    script: &[(u64, ScriptRequest)],
    clear_on_failure: bool,
) -> Result<(), TestCaseError> {
    let log = Log::default();
    let router = build_router(app, &log);
    let mut browser = Browser::new();
    browser.clear_on_failure = clear_on_failure;
    run_script(app, &router, &mut browser, script);
    let calls = log.lock().unwrap().clone();
    check_calls(app, &calls)
}

/// The same actual request with no `Origin` and with several: where one response carries no
/// `Vary: Origin`, a cache may serve it for any of the others, so their CORS headers must be
/// the same.
fn check_vary(
    app: &AppDesc,
    url: &str,
    method: &Method,
    origins: &[String],
) -> Result<(), TestCaseError> {
    let log = Log::default();
    let router = build_router(app, &log);
    let mut variants: Vec<(Option<&str>, Snapshot)> = Vec::new();
    for origin in std::iter::once(None).chain(origins.iter().map(|o| Some(o.as_str()))) {
        let mut builder = Request::builder().method(method.clone()).uri(url);
        if let Some(o) = origin {
            builder = builder.header("origin", o);
        }
        variants.push((
            origin,
            model::send(&router, builder.body(Body::empty()).unwrap()),
        ));
    }
    for (origin, response) in &variants {
        if model::varies_by_origin(response) {
            continue;
        }
        for (other, other_response) in &variants {
            prop_assert_eq!(
                cors_headers(response),
                cors_headers(other_response),
                "{} {} without Vary: Origin for {:?} differs for {:?}",
                method,
                url,
                origin,
                other
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// Any request, from any client: no panic, at most one ACAO and one ACAC, ACAC only
    /// `true`, never `*` with credentials, and ACAO only ever `*` or the request's one Origin.
    #[test]
    fn one_acao_one_acac_never_star_with_credentials(app in app(), raw in raw_request()) {
        let router = build_router(&app, &Log::default());
        let (request, s) = send_raw(&router, &raw);
        prop_assert!(count(&s, "access-control-allow-origin") <= 1, "{:?}", s);
        prop_assert!(count(&s, "access-control-allow-credentials") <= 1, "{:?}", s);
        if let Some(acac) = s.get("access-control-allow-credentials") {
            prop_assert_eq!(acac, "true");
        }
        if let Some(acao) = s.get("access-control-allow-origin") {
            if acao == "*" {
                prop_assert!(s.get("access-control-allow-credentials").is_none(), "{:?}", s);
            } else {
                let origins: Vec<_> = request.headers().get_all("origin").iter().collect();
                prop_assert_eq!(origins.len(), 1);
                prop_assert_eq!(origins[0].as_bytes(), acao.as_bytes());
            }
        }
    }

    /// ACAM, ACAH and ACEH are always comma-separated token lists; max-age is digits.
    #[test]
    fn allow_and_expose_lists_are_token_lists(app in app(), raw in raw_request()) {
        let router = build_router(&app, &Log::default());
        let (_, s) = send_raw(&router, &raw);
        for name in [
            "access-control-allow-methods",
            "access-control-allow-headers",
            "access-control-expose-headers",
        ] {
            if s.headers.contains_key(name) {
                prop_assert!(is_token_list(&s, name), "{}: {:?}", name, s);
            }
        }
        if let Some(age) = s.get("access-control-max-age") {
            prop_assert!(!age.is_empty() && age.bytes().all(|c| c.is_ascii_digit()), "{:?}", s);
        }
    }

    /// A refused preflight carries no `Access-Control-*` header; an allowed one names exactly
    /// the requested method; the handler never runs for a preflight.
    #[test]
    fn refused_preflights_carry_no_cors_headers(app in app(), raw in raw_request()) {
        let log = Log::default();
        let router = build_router(&app, &log);
        let (request, s) = send_raw(&router, &raw);
        if is_preflight(&request) {
            prop_assert!(log.lock().unwrap().is_empty(), "a handler ran for a preflight");
            if s.status.is_success() {
                let acrm: Vec<_> = request.headers().get_all("access-control-request-method").iter().collect();
                prop_assert_eq!(acrm.len(), 1);
                let acam = s.get("access-control-allow-methods").unwrap_or_default();
                prop_assert_eq!(acam.as_bytes(), acrm[0].as_bytes());
            } else {
                if raw.url != "/missing" {
                    prop_assert_eq!(s.status, http::StatusCode::FORBIDDEN);
                }
                prop_assert!(cors_headers(&s).is_empty(), "{:?}", s);
            }
        }
    }

    /// A script reads a response exactly when the policy of the handler mounted on its method
    /// allows its origin, its credentials and every non-safelisted header it sent, whatever
    /// preflights and cached answers came before.
    #[test]
    fn browser_verdict_is_the_policy_intent((app, script) in app_and_script()) {
        check_verdicts(&app, &script)?;
    }

    /// No handler ever receives a non-simple cross-origin request that its own policy refuses,
    /// through any sequence of preflights and cached answers (with a browser that clears its
    /// preflight cache on failures, and one that does not).
    #[test]
    fn handlers_never_receive_what_their_policy_refuses(
        (app, script) in app_and_script(),
        clear in any::<bool>(),
    ) {
        check_handler_calls(&app, &script, clear)?;
    }

    /// `Vary: Origin` is on every response whose CORS headers depend on the origin.
    #[test]
    fn vary_origin_wherever_the_answer_depends_on_it(
        app in app(),
        url in select(PATHS.to_vec()),
        method in select(METHODS.to_vec()),
        origins in proptest::collection::vec(page_origin(), 1..=3),
    ) {
        check_vary(&app, url, &Method::from_bytes(method.as_bytes()).unwrap(), &origins)?;
    }

    /// Where the policy's answer does not depend on the origin (`origin = "*"`), the CORS
    /// headers of an actual response are the same with and without `Origin`, and carry no
    /// `Vary: Origin`.
    #[test]
    fn origin_independent_answers_are_identical(
        app in app(),
        url in select(PATHS.to_vec()),
        method in select(METHODS.to_vec()),
        origin in page_origin(),
    ) {
        let Some((_, _, policy)) = app.handler_for(url, method) else { return Ok(()) };
        if policy.depends_on_origin() {
            return Ok(());
        }
        let router = build_router(&app, &Log::default());
        let send = |origin: Option<&str>| {
            let mut b = Request::builder().method(method).uri(url);
            if let Some(o) = origin {
                b = b.header("origin", o);
            }
            model::send(&router, b.body(Body::empty()).unwrap())
        };
        let (without, with) = (send(None), send(Some(&origin)));
        prop_assert!(without.get("access-control-allow-origin").is_some(), "{:?}", without);
        prop_assert_eq!(cors_headers(&without), cors_headers(&with));
        prop_assert!(!model::varies_by_origin(&without) && !model::varies_by_origin(&with));
    }
}

// ---------------------------------------------------------------------------------------------
// Named scenarios (and shrunk counterexamples)
// ---------------------------------------------------------------------------------------------

fn fetch(origin: &str, url: &str, method: &str, headers: &[(&str, &str)]) -> ScriptRequest {
    ScriptRequest {
        origin: origin.to_owned(),
        url: url.to_owned(),
        method: method.to_owned(),
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        credentials: false,
        mode: Mode::Cors,
    }
}

fn open_policy(headers: ListOrAny, max_age: Option<u32>) -> PolicyDesc {
    PolicyDesc {
        origins: OriginsDesc::Any,
        methods: MethodsDesc::Mounted,
        headers,
        expose: ListOrAny::List(vec![]),
        credentials: false,
        max_age,
        private_network: false,
    }
}

/// `GET /a` allows no extra header, `PUT /a` allows any. A header the browser learned from
/// the PUT preflight must not carry a GET with that header past its own policy.
fn get_and_put_disagree() -> AppDesc {
    AppDesc {
        policies: vec![
            open_policy(ListOrAny::List(vec![]), None),
            open_policy(ListOrAny::Any, Some(600)),
        ],
        routes: vec![
            RouteDesc {
                mounts: BTreeMap::from([("GET", 0), ("PUT", 1)]),
                cacheable: false,
                bogus_cors: false,
            },
            RouteDesc {
                mounts: BTreeMap::from([("GET", 0)]),
                cacheable: false,
                bogus_cors: false,
            },
        ],
    }
}

#[test]
fn a_header_learned_from_one_method_does_not_reach_another_handler() {
    let app = get_and_put_disagree();
    let script = vec![
        (
            0,
            fetch("https://x.example", "/a", "PUT", &[("x-custom", "1")]),
        ),
        (
            1,
            fetch("https://x.example", "/a", "GET", &[("x-custom", "1")]),
        ),
    ];
    let log = Log::default();
    let router = build_router(&app, &log);
    let mut browser = Browser::new();
    let outcomes = run_script(&app, &router, &mut browser, &script);
    assert_eq!(outcomes[0].preflight, Some(true));
    assert!(outcomes[0].readable);
    // The GET is preflighted again (the PUT answer was not remembered), and refused.
    assert_eq!(outcomes[1].preflight, Some(false), "{:?}", outcomes[1]);
    assert!(!outcomes[1].sent);
    check_calls(&app, &log.lock().unwrap()).unwrap();
    check_verdicts(&app, &script).unwrap();
}

/// `DELETE /a` allows the origin but no extra header; `PUT /a` allows any header. Once the
/// browser remembers DELETE for the origin, a header it learned from the PUT preflight would
/// carry a DELETE with that header to a handler that refuses it.
#[test]
fn a_remembered_method_does_not_carry_another_handlers_header() {
    let app = AppDesc {
        policies: vec![
            open_policy(ListOrAny::List(vec![]), Some(600)),
            open_policy(ListOrAny::Any, Some(600)),
        ],
        routes: vec![
            RouteDesc {
                mounts: BTreeMap::from([("DELETE", 0), ("PUT", 1)]),
                cacheable: false,
                bogus_cors: false,
            },
            RouteDesc {
                mounts: BTreeMap::from([("GET", 0)]),
                cacheable: false,
                bogus_cors: false,
            },
        ],
    };
    let o = "https://x.example";
    let script = vec![
        (0, fetch(o, "/a", "DELETE", &[])),
        (1, fetch(o, "/a", "PUT", &[("x-custom", "1")])),
        (1, fetch(o, "/a", "DELETE", &[("x-custom", "1")])),
    ];
    let log = Log::default();
    let router = build_router(&app, &log);
    let mut browser = Browser::new();
    let outcomes = run_script(&app, &router, &mut browser, &script);
    assert_eq!(outcomes[0].preflight, Some(true));
    assert_eq!(outcomes[1].preflight, Some(true));
    assert_eq!(outcomes[2].preflight, Some(false), "{:?}", outcomes[2]);
    assert_eq!(
        log.lock().unwrap().len(),
        2,
        "only the first DELETE and the PUT ran"
    );
    check_calls(&app, &log.lock().unwrap()).unwrap();
    check_verdicts(&app, &script).unwrap();
}

/// A GET answer cached by the browser from a request without `Origin` (an `<img>`) serves a
/// later `fetch()` only where the answer does not depend on the origin.
#[test]
fn the_http_cache_serves_origin_free_answers_only() {
    let public = open_policy(ListOrAny::List(vec![]), None);
    let listed = PolicyDesc {
        origins: OriginsDesc::List(vec!["https://app.example.com"]),
        ..public.clone()
    };
    for (policy, served_from_cache) in [(public, true), (listed, false)] {
        let app = AppDesc {
            policies: vec![policy],
            routes: vec![
                RouteDesc {
                    mounts: BTreeMap::from([("GET", 0)]),
                    cacheable: true,
                    bogus_cors: false,
                },
                RouteDesc {
                    mounts: BTreeMap::from([("GET", 0)]),
                    cacheable: false,
                    bogus_cors: false,
                },
            ],
        };
        let mut img = fetch("https://app.example.com", "/a", "GET", &[]);
        img.mode = Mode::NoCors;
        let script = vec![
            (0, img),
            (1, fetch("https://app.example.com", "/a", "GET", &[])),
        ];
        let router = build_router(&app, &Log::default());
        let outcomes = run_script(&app, &router, &mut Browser::new(), &script);
        assert!(!outcomes[0].readable);
        assert_eq!(outcomes[1].from_cache, served_from_cache);
        assert!(outcomes[1].readable, "{:?}", outcomes[1]);
        check_verdicts(&app, &script).unwrap();
    }
}

/// The model's own rules, against the examples of the Fetch standard.
#[test]
fn model_follows_fetch() {
    use model::{cors_unsafe_names, is_safelisted_request_header as safe};
    assert!(safe("Content-Type", "text/plain;charset=UTF-8"));
    assert!(safe("content-type", "multipart/form-data; boundary=x"));
    assert!(!safe("content-type", "application/json"));
    assert!(!safe("content-type", "text/plain; x=\"a\""));
    assert!(safe("range", "bytes=0-"));
    assert!(safe("range", "bytes=5-10"));
    assert!(!safe("range", "bytes=-5"));
    assert!(!safe("range", "bytes=10-5"));
    assert!(!safe("range", "bytes = 0-"));
    assert!(safe("accept-language", "en-GB;q=0.8"));
    assert!(!safe("accept-language", "en_GB"));
    assert!(!safe("accept", "text/\"x\""));
    assert!(!safe("accept", &"a".repeat(129)));
    assert!(!safe("x-api-key", "k"));
    let h = |n: &str, v: &str| (n.to_owned(), v.to_owned());
    assert_eq!(
        cors_unsafe_names(&[
            h("X-B", "1"),
            h("accept", "*/*"),
            h("x-a", "1"),
            h("x-b", "2")
        ]),
        ["x-a", "x-b"]
    );
    // More than 1024 bytes of safelisted values make them all unsafe.
    let big: Vec<_> = (0..9).map(|_| h("accept", &"a".repeat(120))).collect();
    assert_eq!(cors_unsafe_names(&big), ["accept"]);

    let response = |lines: &[(&'static str, &'static str)]| Snapshot {
        status: http::StatusCode::OK,
        headers: lines
            .iter()
            .map(|(n, v)| (HeaderName::from_static(n), HeaderValue::from_static(v)))
            .collect(),
    };
    let o = "https://a.example";
    assert!(model::cors_check(
        &response(&[("access-control-allow-origin", "*")]),
        o,
        false
    ));
    assert!(!model::cors_check(
        &response(&[("access-control-allow-origin", "*")]),
        o,
        true
    ));
    let exact = [
        ("access-control-allow-origin", "https://a.example"),
        ("access-control-allow-credentials", "true"),
    ];
    assert!(model::cors_check(&response(&exact), o, true));
    assert!(!model::cors_check(&response(&exact[..1]), o, true));
    let twice = [
        ("access-control-allow-origin", "https://a.example"),
        ("access-control-allow-origin", "https://a.example"),
    ];
    assert!(!model::cors_check(&response(&twice), o, false));
    assert!(!model::cors_check(
        &response(&[("access-control-allow-origin", "https://a.example/")]),
        o,
        false
    ));
}

/// The rule for a request's `Origin` ("more than one `Origin` line, an empty `Origin`, or a
/// value that is not one serialized origin: treat as not allowed"), applied to preflights
/// under `origin = "*"`: refused, as `Policy::allows_origin` says. (Actual responses under
/// `*` still carry `*` whatever the origin, so that a cached copy serves every request.)
#[test]
fn malformed_origins_are_refused_under_any_origin() {
    let app = AppDesc {
        policies: vec![open_policy(ListOrAny::List(vec![]), None)],
        routes: vec![
            RouteDesc {
                mounts: BTreeMap::from([("PUT", 0)]),
                cacheable: false,
                bogus_cors: false,
            },
            RouteDesc {
                mounts: BTreeMap::from([("GET", 0)]),
                cacheable: false,
                bogus_cors: false,
            },
        ],
    };
    let router = build_router(&app, &Log::default());
    for origins in [
        vec![&b"garbage"[..]],
        vec![b""],
        vec![b"https://a.example", b"https://b.example"],
    ] {
        let raw = RawRequest {
            url: "/a",
            method: b"OPTIONS".to_vec(),
            origin: origins.iter().map(|o| o.to_vec()).collect(),
            acrm: vec![b"PUT".to_vec()],
            acrh: vec![],
            private_network: None,
        };
        let (_, s) = send_raw(&router, &raw);
        assert_eq!(s.status, http::StatusCode::FORBIDDEN, "{origins:?}: {s:?}");
        assert!(cors_headers(&s).is_empty(), "{origins:?}: {s:?}");
    }
}
