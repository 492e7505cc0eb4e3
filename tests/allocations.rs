//! The request path allocates nothing for CORS: a request through `cors_route!` makes exactly
//! as many heap allocations as the same request through a bare route, whether its origin is
//! allowed, refused or absent. Counted with a counting global allocator (deterministic; no
//! timing involved).
//!
//! Request headers are built from static bytes. A server's parsed headers share the
//! connection's read buffer, so echoing a pattern-matched origin is a reference-count
//! increment there too; a header built with `HeaderValue::from_str` instead owns a private
//! copy whose first clone allocates, which would measure the test's request, not the crate.

use axum::body::Body;
use axum::http::Request;
use axum::routing::get;
use axum::Router;
use cors_runtime::{cors, cors_policy, cors_route};
use cors_suite::{allocations, CountingAllocator};
use tower::{Service, ServiceExt};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

#[cors(
    origin = ["https://app.example.com", "https://*.example.org"],
    methods = [GET],
    headers = ["content-type"],
    expose = ["x-request-id"],
    credentials
)]
async fn listed() -> &'static str {
    "[]"
}

#[cors(origin = "*", methods = [GET])]
async fn public() -> &'static str {
    "[]"
}

async fn bare() -> &'static str {
    "[]"
}

// Origins loaded at start-up, shared through a named policy; a predicate; any port.
cors_policy!(
    CONFIGURED = origin = env("ALLOCATIONS_TEST_ORIGINS"),
    headers = ["content-type"],
    credentials
);

#[cors(policy = CONFIGURED, methods = [GET])]
async fn configured() -> &'static str {
    "[]"
}

fn is_tenant(origin: &str) -> bool {
    origin == "https://tenant.example.com"
}

#[cors(origin = is_tenant, methods = [GET])]
async fn tenant() -> &'static str {
    "[]"
}

#[cors(origin = "http://localhost:*", methods = [GET])]
async fn dev_ports() -> &'static str {
    "[]"
}

fn request(origin: Option<&'static str>) -> Request<Body> {
    let mut b = Request::builder().uri("/r");
    if let Some(o) = origin {
        b = b.header("origin", axum::http::HeaderValue::from_static(o));
    }
    b.body(Body::empty()).unwrap()
}

/// Allocations made while routing one request and dropping its response, after warm-up.
async fn per_request(mut app: Router, make: impl Fn() -> Request<Body>) -> usize {
    let mut counts = Vec::with_capacity(8);
    for _ in 0..8 {
        let req = make();
        let svc = ServiceExt::<Request<Body>>::ready(&mut app).await.unwrap();
        let before = allocations();
        let res = svc.call(req).await.unwrap();
        drop(res);
        counts.push(allocations() - before);
    }
    // The first calls may fill lazily-initialized caches; later calls are the steady state.
    *counts.iter().skip(2).min().unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn an_allowed_request_allocates_nothing_for_cors() {
    let bare_app = Router::new().route("/r", get(bare));
    let listed_app = Router::new().route("/r", cors_route!(get(listed)));
    let public_app = Router::new().route("/r", cors_route!(get(public)));

    let baseline = per_request(bare_app.clone(), || {
        request(Some("https://app.example.com"))
    })
    .await;
    let exact = per_request(listed_app.clone(), || {
        request(Some("https://app.example.com"))
    })
    .await;
    let pattern = per_request(listed_app.clone(), || {
        request(Some("https://a.b.example.org"))
    })
    .await;
    let any = per_request(public_app.clone(), || request(Some("https://x.example"))).await;
    let refused = per_request(listed_app.clone(), || request(Some("https://evil.example"))).await;
    let no_origin_bare = per_request(bare_app, || request(None)).await;
    let no_origin = per_request(listed_app, || request(None)).await;
    println!(
        "allocations per request: bare {baseline}, exact {exact}, pattern {pattern}, any {any}, refused {refused}, no origin {no_origin} (bare {no_origin_bare})"
    );
    assert_eq!(exact, baseline, "exact-origin match added allocations");
    assert_eq!(pattern, baseline, "pattern match added allocations");
    assert_eq!(any, baseline, "any-origin policy added allocations");
    assert_eq!(refused, baseline, "a refused origin added allocations");
    assert_eq!(
        no_origin, no_origin_bare,
        "a request without Origin added allocations"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn configured_predicate_and_any_port_origins_allocate_nothing_per_request() {
    std::env::set_var(
        "ALLOCATIONS_TEST_ORIGINS",
        "https://app.example.com, https://*.example.org, https://a.example, https://b.example, \
         https://c.example, https://d.example, https://e.example, https://f.example, https://g.example",
    );
    CONFIGURED.load_origins().expect("valid origins");
    let bare_app = Router::new().route("/r", get(bare));
    let configured_app = Router::new().route("/r", cors_route!(get(configured)));
    let tenant_app = Router::new().route("/r", cors_route!(get(tenant)));
    let ports_app = Router::new().route("/r", cors_route!(get(dev_ports)));
    let baseline = per_request(bare_app, || request(Some("https://app.example.com"))).await;
    for (what, app, origin) in [
        (
            "configured exact",
            &configured_app,
            "https://app.example.com",
        ),
        (
            "configured by fingerprint",
            &configured_app,
            "https://g.example",
        ),
        (
            "configured pattern",
            &configured_app,
            "https://a.b.example.org",
        ),
        (
            "configured refused",
            &configured_app,
            "https://evil.example",
        ),
        (
            "predicate allowed",
            &tenant_app,
            "https://tenant.example.com",
        ),
        (
            "predicate refused",
            &tenant_app,
            "https://other.example.com",
        ),
        ("any port", &ports_app, "http://localhost:5173"),
    ] {
        let count = per_request(app.clone(), || request(Some(origin))).await;
        assert_eq!(
            count, baseline,
            "{what}: {count} allocations, bare route {baseline}"
        );
    }
    let allowed = configured_app
        .clone()
        .oneshot(request(Some("https://g.example")))
        .await
        .unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://g.example"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_preflight_allocates_no_more_than_axums_own_405() {
    fn options(preflight: bool) -> Request<Body> {
        let mut b = Request::builder().method("OPTIONS").uri("/r").header(
            "origin",
            axum::http::HeaderValue::from_static("https://app.example.com"),
        );
        if preflight {
            b = b
                .header(
                    "access-control-request-method",
                    axum::http::HeaderValue::from_static("GET"),
                )
                .header(
                    "access-control-request-headers",
                    axum::http::HeaderValue::from_static("content-type"),
                );
        }
        b.body(Body::empty()).unwrap()
    }
    let bare_app = Router::new().route("/r", get(bare));
    let listed_app = Router::new().route("/r", cors_route!(get(listed)));
    let answer = listed_app.clone().oneshot(options(true)).await.unwrap();
    assert_eq!(answer.status(), 204, "the preflight is allowed");
    // Without CORS, axum answers OPTIONS with a 405 response it builds itself.
    let method_not_allowed = per_request(bare_app, || options(false)).await;
    let preflight = per_request(listed_app, || options(true)).await;
    println!("allocations: axum's 405 {method_not_allowed}, preflight answer {preflight}");
    assert!(
        preflight <= method_not_allowed,
        "a preflight allocated {preflight} times, axum's own 405 {method_not_allowed}"
    );
}

#[path = "../benches/scenarios/mod.rs"]
mod scenarios;

/// Allocations of one request of `case` through `variant`, after warm-up.
fn allocations_of(case: scenarios::Case, variant: scenarios::Variant) -> Option<usize> {
    let mut app = scenarios::router(variant, case)?;
    scenarios::check(variant, case, &mut app);
    let mut least = usize::MAX;
    for _ in 0..6 {
        let request = case.request();
        let before = allocations();
        drop(scenarios::call(&mut app, request));
        least = least.min(allocations() - before);
    }
    Some(least)
}

#[test]
fn no_case_of_the_benchmark_matrix_allocates_more_than_writing_the_headers_by_hand() {
    // Every case of the benchmark matrix: allowed and refused actual requests and preflights,
    // no Origin, a hostile preflight, 100 listed origins, a pattern, per-method policies.
    let mut report = Vec::new();
    for case in scenarios::Case::ALL {
        let by_hand = allocations_of(case, scenarios::Variant::ByHand).unwrap();
        let ours = allocations_of(case, scenarios::Variant::CorsRoute).unwrap();
        report.push(format!(
            "{}: by hand {by_hand}, cors_route! {ours}",
            case.name()
        ));
        assert!(
            ours <= by_hand,
            "{case:?}: cors_route! allocated {ours} times, the same headers by hand {by_hand}"
        );
    }
    println!("{}", report.join("\n"));
}
