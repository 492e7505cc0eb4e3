//! What CORS costs per request: `cors_route!` against a bare route and against tower-http's
//! `CorsLayer` with the same policy, measured in the same run.
//!
//! ```text
//! cargo bench --bench overhead
//! ```
//!
//! Each variant is a real axum `Router` called in-process (no sockets), so the numbers are the
//! router's and the middleware's work alone. Rounds of the variants are interleaved, and the
//! median round is reported, which keeps a noisy neighbour from favouring one variant.
//! Allocations are counted with a counting global allocator on one request after warm-up.

use std::hint::black_box;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{HeaderValue, Method, Request};
use axum::routing::get;
use axum::Router;
use cors_runtime::{cors, cors_route};
use cors_suite::{allocations, CountingAllocator};
use tower::{Service, ServiceExt};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

const APP: &str = "https://app.example.com";

#[cors(
    origin = ["https://app.example.com", "https://admin.example.com"],
    methods = [GET],
    headers = ["content-type", "authorization"],
    expose = ["x-request-id"],
    credentials,
    max_age = 600
)]
async fn items() -> &'static str {
    "[]"
}

async fn bare() -> &'static str {
    "[]"
}

fn bare_app() -> Router {
    Router::new().route("/items", get(bare))
}

fn ours() -> Router {
    Router::new().route("/items", cors_route!(get(items)))
}

fn tower_http() -> Router {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    let layer = CorsLayer::new()
        .allow_origin(AllowOrigin::list([
            HeaderValue::from_static("https://app.example.com"),
            HeaderValue::from_static("https://admin.example.com"),
        ]))
        .allow_methods([Method::GET])
        .allow_headers([
            axum::http::header::CONTENT_TYPE,
            axum::http::header::AUTHORIZATION,
        ])
        .expose_headers([axum::http::HeaderName::from_static("x-request-id")])
        .allow_credentials(true)
        .max_age(Duration::from_secs(600));
    Router::new().route("/items", get(bare)).layer(layer)
}

fn actual() -> Request<Body> {
    Request::builder()
        .uri("/items")
        .header("origin", HeaderValue::from_static(APP))
        .body(Body::empty())
        .unwrap()
}

fn preflight() -> Request<Body> {
    Request::builder()
        .method("OPTIONS")
        .uri("/items")
        .header("origin", HeaderValue::from_static(APP))
        .header(
            "access-control-request-method",
            HeaderValue::from_static("GET"),
        )
        .header(
            "access-control-request-headers",
            HeaderValue::from_static("authorization,content-type"),
        )
        .body(Body::empty())
        .unwrap()
}

/// Sends one request and drops the response; the requests are built outside the timing.
fn run(rt: &tokio::runtime::Runtime, app: &mut Router, req: Request<Body>) -> usize {
    rt.block_on(async {
        let svc = ServiceExt::<Request<Body>>::ready(app).await.unwrap();
        let res = svc.call(req).await.unwrap();
        let status = res.status().as_u16() as usize;
        drop(black_box(res));
        status
    })
}

struct Variant {
    name: &'static str,
    app: Router,
    rounds: Vec<f64>,
}

const PER_ROUND: usize = 20_000;
const ROUNDS: usize = 15;

fn measure(rt: &tokio::runtime::Runtime, title: &str, make: fn() -> Request<Body>) {
    let mut variants = [
        Variant {
            name: "bare route (no CORS)",
            app: bare_app(),
            rounds: Vec::new(),
        },
        Variant {
            name: "cors_route!",
            app: ours(),
            rounds: Vec::new(),
        },
        Variant {
            name: "tower-http CorsLayer",
            app: tower_http(),
            rounds: Vec::new(),
        },
    ];
    let mut requests: Vec<Request<Body>> = Vec::with_capacity(PER_ROUND);
    for v in variants.iter_mut() {
        for _ in 0..2_000 {
            run(rt, &mut v.app, make());
        }
    }
    for _ in 0..ROUNDS {
        for v in variants.iter_mut() {
            requests.clear();
            requests.extend((0..PER_ROUND).map(|_| make()));
            let start = Instant::now();
            for req in requests.drain(..) {
                black_box(run(rt, &mut v.app, req));
            }
            v.rounds
                .push(start.elapsed().as_nanos() as f64 / PER_ROUND as f64);
        }
    }
    let median = |v: &Variant| {
        let mut r = v.rounds.clone();
        r.sort_by(|a, b| a.partial_cmp(b).unwrap());
        r[r.len() / 2]
    };
    let allocations = |v: &mut Variant| {
        let req = make();
        let before = allocations();
        run(rt, &mut v.app, req);
        allocations() - before
    };
    let bare = median(&variants[0]);
    let bare_allocs = allocations(&mut variants[0]);
    let tower_overhead = median(&variants[2]) - bare;
    println!("\n{title}");
    println!(
        "  {:<22} {:>10} {:>12} {:>14} {:>13}",
        "variant", "ns/request", "vs bare", "added ns", "allocations"
    );
    for v in variants.iter_mut() {
        let m = median(v);
        let allocs = allocations(v);
        println!(
            "  {:<22} {:>10.0} {:>11.3}x {:>14.0} {:>6} ({:+})",
            v.name,
            m,
            m / bare,
            m - bare,
            allocs,
            allocs as i64 - bare_allocs as i64,
        );
    }
    let ours_total = median(&variants[1]);
    let ours_overhead = ours_total - bare;
    println!(
        "  cors_route! vs CorsLayer: {:.2}x faster per request; CORS work itself {}",
        median(&variants[2]) / ours_total,
        if ours_overhead > 0.0 {
            format!(
                "{:.1}x cheaper ({:.0} ns vs {:.0} ns added)",
                tower_overhead / ours_overhead,
                ours_overhead,
                tower_overhead
            )
        } else {
            format!("within noise of the bare route (tower-http adds {tower_overhead:.0} ns)")
        }
    );
}

fn main() {
    // `cargo test --benches` runs bench targets with `--bench`-less arguments; keep that quick.
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    // `OVERHEAD_PROFILE=bare|ours|tower-http` runs 20 000 (or `OVERHEAD_PROFILE_REQUESTS`)
    // allowed requests of one variant and nothing else, for a profiler such as
    // `valgrind --tool=callgrind` (see benches/instructions.sh).
    if let Ok(which) = std::env::var("OVERHEAD_PROFILE") {
        let mut app = match which.as_str() {
            "bare" => bare_app(),
            "ours" => ours(),
            "tower-http" => tower_http(),
            other => panic!("OVERHEAD_PROFILE is bare, ours or tower-http, not {other:?}"),
        };
        let requests: usize = std::env::var("OVERHEAD_PROFILE_REQUESTS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(20_000);
        for _ in 0..requests {
            black_box(run(&rt, &mut app, actual()));
        }
        return;
    }
    println!(
        "{} rounds of {} requests per variant, median round; in-process, one thread",
        ROUNDS, PER_ROUND
    );
    measure(
        &rt,
        "allowed actual request (GET with an allowed Origin)",
        actual,
    );
    measure(
        &rt,
        "allowed preflight (OPTIONS with Origin, method and two headers)",
        preflight,
    );
}
