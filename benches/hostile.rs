//! What hostile requests cost: oversized `Origin`, `Access-Control-Request-Method` and
//! `Access-Control-Request-Headers` values, and floods of names and lines, sent to a
//! `cors_route!` path and, in the same run, to the same handler on a bare route.
//!
//! ```text
//! cargo bench --bench hostile
//! ```
//!
//! The CORS work of a case is the difference between the two medians: the bare route pays for
//! the router and the handler (which never reads these headers), `cors_route!` adds the CORS
//! decision. Every hostile value is refused, or answered without being read, before any scan
//! of it, so each difference stays well under 5 µs whatever the value's size. Requests are
//! built outside the timed section: their headers share one static buffer, so building one
//! copies nothing.

use std::hint::black_box;

use axum::body::Body;
use axum::http::{HeaderValue, Method, Request};
use axum::routing::get;
use axum::Router;
use bytes::Bytes;
use cors_runtime::{cors, cors_route};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use tower::{Service, ServiceExt};

#[cors(
    origin = ["https://app.example.com", "https://*.example.org"],
    methods = [GET, PUT],
    headers = ["content-type", "x-api-key"],
    credentials,
    max_age = 600
)]
async fn listed() -> &'static str {
    "[]"
}

#[cors(origin = "*", methods = "*", headers = "*")]
async fn public() -> &'static str {
    "[]"
}

async fn bare() -> &'static str {
    "[]"
}

/// One hostile request: its name, and how to build it.
struct Case {
    name: &'static str,
    method: Method,
    headers: Vec<(&'static str, Vec<HeaderValue>)>,
}

/// A header value sharing a leaked static buffer, so cloning it per request copies nothing.
fn value(s: String) -> HeaderValue {
    HeaderValue::from_maybe_shared(Bytes::from_static(s.leak().as_bytes())).expect("value")
}

fn cases() -> Vec<Case> {
    let huge_origin = value(format!("https://{}.example.org", "a".repeat(400_000)));
    let deep_origin = value(format!("https://{}.example.org", ["a"; 50_000].join(".")));
    let huge_method = value("P".repeat(400_000));
    let commas = value(",".repeat(1 << 20));
    let names = value(vec!["x-api-key"; 10_000].join(","));
    let most_names = value(
        (0..64)
            .map(|i| format!("x-{i}"))
            .collect::<Vec<_>>()
            .join(","),
    );
    let origin = || value("https://app.example.com".into());
    let get_header = |n: &'static str, v: HeaderValue| (n, vec![v]);
    vec![
        Case {
            name: "actual: 400 KB origin on a pattern policy",
            method: Method::GET,
            headers: vec![get_header("origin", huge_origin.clone())],
        },
        Case {
            name: "actual: 100 KB of labels on a pattern policy",
            method: Method::GET,
            headers: vec![get_header("origin", deep_origin.clone())],
        },
        Case {
            name: "actual: 1000 origin lines",
            method: Method::GET,
            headers: vec![("origin", vec![origin(); 1000])],
        },
        Case {
            name: "preflight: 400 KB origin",
            method: Method::OPTIONS,
            headers: vec![
                get_header("origin", huge_origin),
                get_header("access-control-request-method", value("PUT".into())),
            ],
        },
        Case {
            name: "preflight: 400 KB method",
            method: Method::OPTIONS,
            headers: vec![
                get_header("origin", origin()),
                get_header("access-control-request-method", huge_method),
            ],
        },
        Case {
            name: "preflight: a megabyte of commas",
            method: Method::OPTIONS,
            headers: vec![
                get_header("origin", origin()),
                get_header("access-control-request-method", value("PUT".into())),
                get_header("access-control-request-headers", commas),
            ],
        },
        Case {
            name: "preflight: 10 000 allowed names",
            method: Method::OPTIONS,
            headers: vec![
                get_header("origin", origin()),
                get_header("access-control-request-method", value("PUT".into())),
                get_header("access-control-request-headers", names),
            ],
        },
        Case {
            name: "preflight: 10 000 header lines",
            method: Method::OPTIONS,
            headers: vec![
                get_header("origin", origin()),
                get_header("access-control-request-method", value("PUT".into())),
                (
                    "access-control-request-headers",
                    vec![value("x-api-key".into()); 10_000],
                ),
            ],
        },
        Case {
            name: "preflight: 64 names, the most answered",
            method: Method::OPTIONS,
            headers: vec![
                get_header("origin", origin()),
                get_header("access-control-request-method", value("PUT".into())),
                get_header("access-control-request-headers", most_names),
            ],
        },
    ]
}

fn request(case: &Case, path: &str) -> Request<Body> {
    let mut request = Request::builder()
        .method(case.method.clone())
        .uri(path)
        .body(Body::empty())
        .expect("request");
    for (name, values) in &case.headers {
        for v in values {
            request.headers_mut().append(*name, v.clone());
        }
    }
    request
}

fn hostile(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    // The bare route answers OPTIONS too, so both variants of a preflight case run a
    // handler-free path of the router.
    let variants: [(&str, Router); 3] = [
        (
            "bare",
            Router::new().route("/listed", get(bare).put(bare).options(bare)),
        ),
        (
            "cors_route!",
            Router::new().route("/listed", cors_route!(get(listed), put(listed))),
        ),
        // Not a hostile case of its own: the same requests under an any-origin policy.
        (
            "cors_route! *",
            Router::new().route("/listed", cors_route!(get(public), put(public))),
        ),
    ];
    for case in cases() {
        let mut group = c.benchmark_group(case.name);
        for (variant, app) in &variants {
            let mut app = app.clone();
            group.bench_function(*variant, |b| {
                b.iter_batched(
                    || request(&case, "/listed"),
                    |req| {
                        runtime.block_on(async {
                            let svc = ServiceExt::<Request<Body>>::ready(&mut app)
                                .await
                                .expect("ready");
                            black_box(svc.call(req).await.expect("infallible"))
                        })
                    },
                    BatchSize::SmallInput,
                )
            });
        }
        group.finish();
    }
}

criterion_group!(benches, hostile);
criterion_main!(benches);
