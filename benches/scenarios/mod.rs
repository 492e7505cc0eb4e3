//! The benchmark matrix shared by `benches/time.rs` (criterion, wall time) and
//! `benches/instructions.rs` (gungraun, instruction counts): nine request cases, each served by
//! up to four variants of the same route.
//!
//! - `bare`: the handler alone, no CORS at all (a preflight gets axum's own 405);
//! - `by_hand`: the handler writes exactly the headers `cors_route!` sends for that request,
//!   with no checks (an `options` handler answers the preflight cases): the floor to beat;
//! - `cors_route`: the crate;
//! - `tower_http`: tower-http's `CorsLayer` configured with the equivalent policy (absent for
//!   the per-method case, which one router-wide layer cannot express).
//!
//! Every variant is a real axum `Router` called in-process, without sockets and without an
//! async runtime: these handlers finish on their first poll.

#![allow(dead_code)] // each bench binary uses part of it

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS as ACAC, ACCESS_CONTROL_ALLOW_HEADERS as ACAH,
    ACCESS_CONTROL_ALLOW_METHODS as ACAM, ACCESS_CONTROL_ALLOW_ORIGIN as ACAO,
    ACCESS_CONTROL_EXPOSE_HEADERS as ACEH, ACCESS_CONTROL_MAX_AGE as ACMA, ORIGIN, VARY,
};
use axum::http::{HeaderName, HeaderValue, Method, Response, StatusCode};
use axum::routing::{get, MethodRouter};
use axum::Router;
use cors_runtime::{cors, cors_route};
use tower::Service;

pub const APP: &str = "https://app.example.com";
pub const ADMIN: &str = "https://admin.example.com";
pub const EVIL: &str = "https://evil.example.net";
const PREFLIGHT_VARY: &str =
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

/// One request shape, with the route that serves it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// GET from a listed origin: credentials, exposed headers, two listed origins.
    AllowedGet,
    /// Preflight from a listed origin asking for two headers.
    AllowedPreflight,
    /// GET from an origin the policy does not list.
    RefusedOrigin,
    /// Preflight from an origin the policy does not list.
    RefusedPreflight,
    /// GET without `Origin`.
    NoOrigin,
    /// Preflight with a megabyte of commas in `Access-Control-Request-Headers`.
    HostilePreflight,
    /// GET from the last of 100 listed origins.
    HundredOrigins,
    /// GET from a subdomain matched by `https://*.example.com`.
    PatternOrigin,
    /// Preflight for DELETE on a path with three policies (GET, PUT, DELETE).
    PerMethod,
}

impl Case {
    pub const ALL: [Case; 9] = [
        Case::AllowedGet,
        Case::AllowedPreflight,
        Case::RefusedOrigin,
        Case::RefusedPreflight,
        Case::NoOrigin,
        Case::HostilePreflight,
        Case::HundredOrigins,
        Case::PatternOrigin,
        Case::PerMethod,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Case::AllowedGet => "allowed_get",
            Case::AllowedPreflight => "allowed_preflight",
            Case::RefusedOrigin => "refused_origin",
            Case::RefusedPreflight => "refused_preflight",
            Case::NoOrigin => "no_origin",
            Case::HostilePreflight => "hostile_preflight",
            Case::HundredOrigins => "hundred_origins",
            Case::PatternOrigin => "pattern_origin",
            Case::PerMethod => "per_method",
        }
    }

    /// The request of this case; its header values share static bytes, so building one
    /// copies nothing.
    pub fn request(self) -> Request {
        let (method, origin, acrm, acrh): (
            Method,
            Option<&'static str>,
            Option<&str>,
            Option<&'static str>,
        ) = match self {
            Case::AllowedGet => (Method::GET, Some(APP), None, None),
            Case::AllowedPreflight => (
                Method::OPTIONS,
                Some(APP),
                Some("GET"),
                Some("authorization,content-type"),
            ),
            Case::RefusedOrigin => (Method::GET, Some(EVIL), None, None),
            Case::RefusedPreflight => (Method::OPTIONS, Some(EVIL), Some("GET"), None),
            Case::NoOrigin => (Method::GET, None, None, None),
            Case::HostilePreflight => (Method::OPTIONS, Some(APP), Some("GET"), Some(commas())),
            Case::HundredOrigins => (
                Method::GET,
                Some("https://tenant99.example.net"),
                None,
                None,
            ),
            Case::PatternOrigin => (Method::GET, Some("https://eu.shop.example.com"), None, None),
            Case::PerMethod => (
                Method::OPTIONS,
                Some(ADMIN),
                Some("DELETE"),
                Some("authorization"),
            ),
        };
        let mut request = Request::builder().method(method).uri("/r");
        if let Some(origin) = origin {
            request = request.header(ORIGIN, HeaderValue::from_static(origin));
        }
        if let Some(m) = acrm {
            request = request.header(
                "access-control-request-method",
                HeaderValue::from_static(static_str(m)),
            );
        }
        if let Some(h) = acrh {
            request = request.header(
                "access-control-request-headers",
                HeaderValue::from_static(h),
            );
        }
        request.body(Body::empty()).expect("request")
    }

    /// The status `cors_route!` answers this case with; every variant is checked against
    /// the same headers before it is measured.
    pub fn expected(self) -> (StatusCode, &'static [(&'static str, &'static str)]) {
        match self {
            Case::AllowedGet => (
                StatusCode::OK,
                &[
                    ("access-control-allow-origin", APP),
                    ("access-control-allow-credentials", "true"),
                    ("access-control-expose-headers", "x-request-id"),
                    ("vary", "Origin"),
                ],
            ),
            Case::AllowedPreflight => (
                StatusCode::NO_CONTENT,
                &[
                    ("access-control-allow-origin", APP),
                    ("access-control-allow-credentials", "true"),
                    ("access-control-allow-methods", "GET"),
                    ("access-control-allow-headers", "authorization,content-type"),
                    ("access-control-max-age", "600"),
                    ("vary", PREFLIGHT_VARY),
                ],
            ),
            Case::RefusedOrigin | Case::NoOrigin => (StatusCode::OK, &[("vary", "Origin")]),
            Case::RefusedPreflight | Case::HostilePreflight => {
                (StatusCode::FORBIDDEN, &[("vary", PREFLIGHT_VARY)])
            }
            Case::HundredOrigins => (
                StatusCode::OK,
                &[
                    (
                        "access-control-allow-origin",
                        "https://tenant99.example.net",
                    ),
                    ("vary", "Origin"),
                ],
            ),
            Case::PatternOrigin => (
                StatusCode::OK,
                &[
                    ("access-control-allow-origin", "https://eu.shop.example.com"),
                    ("vary", "Origin"),
                ],
            ),
            Case::PerMethod => (
                StatusCode::NO_CONTENT,
                &[
                    ("access-control-allow-origin", ADMIN),
                    ("access-control-allow-credentials", "true"),
                    ("access-control-allow-methods", "DELETE"),
                    ("access-control-allow-headers", "authorization"),
                    ("access-control-max-age", "60"),
                    ("vary", PREFLIGHT_VARY),
                ],
            ),
        }
    }
}

fn static_str(s: &str) -> &'static str {
    match s {
        "GET" => "GET",
        "DELETE" => "DELETE",
        other => panic!("no static copy of {other}"),
    }
}

fn commas() -> &'static str {
    static COMMAS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    COMMAS.get_or_init(|| ",".repeat(1 << 20))
}

/// How a route is served.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    Bare,
    ByHand,
    CorsRoute,
    TowerHttp,
}

impl Variant {
    pub const ALL: [Variant; 4] = [
        Variant::Bare,
        Variant::ByHand,
        Variant::CorsRoute,
        Variant::TowerHttp,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Bare => "bare",
            Variant::ByHand => "by_hand",
            Variant::CorsRoute => "cors_route",
            Variant::TowerHttp => "tower_http",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Policies, as users write them
// ---------------------------------------------------------------------------------------------

#[cors(
    origin = ["https://app.example.com", "https://admin.example.com"],
    methods = [GET],
    headers = ["content-type", "authorization"],
    expose = ["x-request-id"],
    credentials,
    max_age = 600
)]
async fn listed() -> &'static str {
    "[]"
}

#[cors(origin = [
        "https://tenant0.example.net",
        "https://tenant1.example.net",
        "https://tenant2.example.net",
        "https://tenant3.example.net",
        "https://tenant4.example.net",
        "https://tenant5.example.net",
        "https://tenant6.example.net",
        "https://tenant7.example.net",
        "https://tenant8.example.net",
        "https://tenant9.example.net",
        "https://tenant10.example.net",
        "https://tenant11.example.net",
        "https://tenant12.example.net",
        "https://tenant13.example.net",
        "https://tenant14.example.net",
        "https://tenant15.example.net",
        "https://tenant16.example.net",
        "https://tenant17.example.net",
        "https://tenant18.example.net",
        "https://tenant19.example.net",
        "https://tenant20.example.net",
        "https://tenant21.example.net",
        "https://tenant22.example.net",
        "https://tenant23.example.net",
        "https://tenant24.example.net",
        "https://tenant25.example.net",
        "https://tenant26.example.net",
        "https://tenant27.example.net",
        "https://tenant28.example.net",
        "https://tenant29.example.net",
        "https://tenant30.example.net",
        "https://tenant31.example.net",
        "https://tenant32.example.net",
        "https://tenant33.example.net",
        "https://tenant34.example.net",
        "https://tenant35.example.net",
        "https://tenant36.example.net",
        "https://tenant37.example.net",
        "https://tenant38.example.net",
        "https://tenant39.example.net",
        "https://tenant40.example.net",
        "https://tenant41.example.net",
        "https://tenant42.example.net",
        "https://tenant43.example.net",
        "https://tenant44.example.net",
        "https://tenant45.example.net",
        "https://tenant46.example.net",
        "https://tenant47.example.net",
        "https://tenant48.example.net",
        "https://tenant49.example.net",
        "https://tenant50.example.net",
        "https://tenant51.example.net",
        "https://tenant52.example.net",
        "https://tenant53.example.net",
        "https://tenant54.example.net",
        "https://tenant55.example.net",
        "https://tenant56.example.net",
        "https://tenant57.example.net",
        "https://tenant58.example.net",
        "https://tenant59.example.net",
        "https://tenant60.example.net",
        "https://tenant61.example.net",
        "https://tenant62.example.net",
        "https://tenant63.example.net",
        "https://tenant64.example.net",
        "https://tenant65.example.net",
        "https://tenant66.example.net",
        "https://tenant67.example.net",
        "https://tenant68.example.net",
        "https://tenant69.example.net",
        "https://tenant70.example.net",
        "https://tenant71.example.net",
        "https://tenant72.example.net",
        "https://tenant73.example.net",
        "https://tenant74.example.net",
        "https://tenant75.example.net",
        "https://tenant76.example.net",
        "https://tenant77.example.net",
        "https://tenant78.example.net",
        "https://tenant79.example.net",
        "https://tenant80.example.net",
        "https://tenant81.example.net",
        "https://tenant82.example.net",
        "https://tenant83.example.net",
        "https://tenant84.example.net",
        "https://tenant85.example.net",
        "https://tenant86.example.net",
        "https://tenant87.example.net",
        "https://tenant88.example.net",
        "https://tenant89.example.net",
        "https://tenant90.example.net",
        "https://tenant91.example.net",
        "https://tenant92.example.net",
        "https://tenant93.example.net",
        "https://tenant94.example.net",
        "https://tenant95.example.net",
        "https://tenant96.example.net",
        "https://tenant97.example.net",
        "https://tenant98.example.net",
        "https://tenant99.example.net"
    ],
    methods = [GET]
)]
async fn hundred() -> &'static str {
    "[]"
}

#[cors(origin = "https://*.example.com", methods = [GET])]
async fn pattern() -> &'static str {
    "[]"
}

#[cors(origin = ["https://app.example.com", "https://admin.example.com"], methods = [GET], headers = ["authorization", "x-api-key"], credentials)]
async fn read() -> &'static str {
    "[]"
}

#[cors(origin = ["https://app.example.com", "https://admin.example.com"], methods = [PUT], headers = ["content-type", "authorization"], credentials)]
async fn replace() -> &'static str {
    "[]"
}

#[cors(origin = "https://admin.example.com", methods = [DELETE], headers = ["authorization"], credentials, max_age = 60)]
async fn remove() -> &'static str {
    "[]"
}

async fn bare() -> &'static str {
    "[]"
}

// ---------------------------------------------------------------------------------------------
// The same headers, written by hand
// ---------------------------------------------------------------------------------------------

fn by_hand_answer(case: Case) -> MethodRouter {
    const fn v(s: &'static str) -> HeaderValue {
        HeaderValue::from_static(s)
    }
    match case {
        Case::AllowedGet => get(|| async {
            (
                [
                    (ACAO, v(APP)),
                    (ACAC, v("true")),
                    (ACEH, v("x-request-id")),
                    (VARY, v("Origin")),
                ],
                "[]",
            )
        }),
        Case::AllowedPreflight => get(bare).options(|| async {
            (
                StatusCode::NO_CONTENT,
                [
                    (ACAO, v(APP)),
                    (ACAC, v("true")),
                    (ACAM, v("GET")),
                    (ACAH, v("authorization,content-type")),
                    (ACMA, v("600")),
                    (VARY, v(PREFLIGHT_VARY)),
                ],
            )
        }),
        Case::RefusedOrigin | Case::NoOrigin => get(|| async { ([(VARY, v("Origin"))], "[]") }),
        Case::RefusedPreflight | Case::HostilePreflight => {
            get(bare).options(|| async { (StatusCode::FORBIDDEN, [(VARY, v(PREFLIGHT_VARY))]) })
        }
        Case::HundredOrigins | Case::PatternOrigin => get(|request: Request| async move {
            // The pattern's answer echoes the request's origin; so does the list's, by value.
            let origin = request.headers().get(ORIGIN).cloned().unwrap_or(v("null"));
            ([(ACAO, origin), (VARY, v("Origin"))], "[]")
        }),
        Case::PerMethod => get(bare).put(bare).delete(bare).options(|| async {
            (
                StatusCode::NO_CONTENT,
                [
                    (ACAO, v(ADMIN)),
                    (ACAC, v("true")),
                    (ACAM, v("DELETE")),
                    (ACAH, v("authorization")),
                    (ACMA, v("60")),
                    (VARY, v(PREFLIGHT_VARY)),
                ],
            )
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// tower-http, configured with the equivalent policy
// ---------------------------------------------------------------------------------------------

fn tower_http_layer(case: Case) -> Option<tower_http::cors::CorsLayer> {
    use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
    use tower_http::cors::{AllowOrigin, CorsLayer};
    let listed = || {
        CorsLayer::new()
            .allow_origin(AllowOrigin::list([
                HeaderValue::from_static(APP),
                HeaderValue::from_static(ADMIN),
            ]))
            .allow_methods([Method::GET])
            .allow_headers([CONTENT_TYPE, AUTHORIZATION])
            .expose_headers([HeaderName::from_static("x-request-id")])
            .allow_credentials(true)
            .max_age(Duration::from_secs(600))
    };
    Some(match case {
        Case::AllowedGet
        | Case::AllowedPreflight
        | Case::RefusedOrigin
        | Case::RefusedPreflight
        | Case::NoOrigin
        | Case::HostilePreflight => listed(),
        Case::HundredOrigins => CorsLayer::new()
            .allow_origin(AllowOrigin::list((0..100).map(|i| {
                HeaderValue::try_from(format!("https://tenant{i}.example.net")).expect("origin")
            })))
            .allow_methods([Method::GET]),
        Case::PatternOrigin => CorsLayer::new()
            .allow_origin(AllowOrigin::predicate(|origin, _| {
                let o = origin.as_bytes();
                o.starts_with(b"https://")
                    && o.ends_with(b".example.com")
                    && o.len() > b"https://.example.com".len()
            }))
            .allow_methods([Method::GET]),
        Case::PerMethod => return None,
    })
}

/// The router of `variant` for `case`, or `None` where the variant cannot express it.
pub fn router(variant: Variant, case: Case) -> Option<Router> {
    let route = match variant {
        Variant::Bare => match case {
            Case::PerMethod => get(bare).put(bare).delete(bare),
            _ => get(bare),
        },
        Variant::ByHand => by_hand_answer(case),
        Variant::CorsRoute => match case {
            Case::HundredOrigins => cors_route!(get(hundred)),
            Case::PatternOrigin => cors_route!(get(pattern)),
            Case::PerMethod => cors_route!(get(read), put(replace), delete(remove)),
            _ => cors_route!(get(listed)),
        },
        Variant::TowerHttp => get(bare).layer(tower_http_layer(case)?),
    };
    Some(Router::new().route("/r", route))
}

/// Serves one request to completion. The handlers here never wait, so one poll with a no-op
/// waker finishes the router's future.
pub fn call(app: &mut Router, request: Request) -> Response<Body> {
    let mut cx = Context::from_waker(Waker::noop());
    match Service::<Request>::poll_ready(app, &mut cx) {
        Poll::Ready(Ok(())) => {}
        _ => panic!("a router is always ready"),
    }
    let future = pin!(Service::call(app, request));
    match future.poll(&mut cx) {
        Poll::Ready(Ok(response)) => response,
        _ => panic!("the benchmark handlers finish on their first poll"),
    }
}

/// Checks that a variant answers `case` as `cors_route!` does (for `by_hand`) or at least
/// with the same status (for `tower_http`, whose header choices differ), so a benchmark
/// never measures a misconfigured route.
pub fn check(variant: Variant, case: Case, app: &mut Router) {
    let response = call(app, case.request());
    let (status, headers) = case.expected();
    match variant {
        Variant::Bare => return,
        // tower-http does not read `Access-Control-Request-Headers` when it allows a fixed
        // list, so it answers the hostile preflight like an allowed one.
        Variant::TowerHttp if case == Case::HostilePreflight => return,
        Variant::TowerHttp => {
            // tower-http answers allowed preflights 200, and refusals without
            // `Access-Control-Allow-Origin` (but with its other headers).
            let allowed = headers
                .iter()
                .any(|(n, _)| *n == "access-control-allow-origin");
            let ok = response.headers().get(ACAO).is_some() == allowed
                && (!allowed || response.status().is_success());
            assert!(ok, "{variant:?} {case:?}: {response:?}");
            return;
        }
        Variant::ByHand | Variant::CorsRoute => {}
    }
    assert_eq!(response.status(), status, "{variant:?} {case:?}");
    for (name, value) in headers {
        let got: Vec<_> = response.headers().get_all(*name).iter().collect();
        assert_eq!(got, [value.as_bytes()], "{variant:?} {case:?}: {name}");
    }
    let cors = response
        .headers()
        .keys()
        .filter(|n| n.as_str().starts_with("access-control-"))
        .count();
    let expected = headers
        .iter()
        .filter(|(n, _)| n.starts_with("access-control-"))
        .count();
    assert_eq!(cors, expected, "{variant:?} {case:?}: {response:?}");
}

/// Every (case, variant) pair that exists, checked and ready.
pub fn matrix() -> Vec<(Case, Variant, Router)> {
    let mut all = Vec::new();
    for case in Case::ALL {
        for variant in Variant::ALL {
            if let Some(mut app) = router(variant, case) {
                check(variant, case, &mut app);
                all.push((case, variant, app));
            }
        }
    }
    all
}
