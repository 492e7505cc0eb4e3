//! Instructions per request for every case of the benchmark matrix (see `scenarios/mod.rs`),
//! counted by callgrind through gungraun: deterministic for a given binary, whatever else the
//! machine is doing.
//!
//! ```text
//! cargo install gungraun-runner --version 0.18.2   # once; must match the gungraun library
//! cargo bench --bench instructions                  # needs valgrind (Debian: apt-get install valgrind)
//! ```
//!
//! Each benchmark serves `REQUESTS` requests after one warm-up request made in the setup (which
//! is not counted), so the count divided by `REQUESTS` is the steady-state cost of one request:
//! routing, the handler, CORS, building and dropping the request and the response.
//! `benches/report.py` turns the output into the table of BENCHMARKS.md.

mod scenarios;

use std::hint::black_box;

use axum::extract::Request;
use axum::Router;
use gungraun::{library_benchmark, library_benchmark_group, main};
use scenarios::{call, router, Case, Variant};

/// Requests per benchmark run.
const REQUESTS: usize = 100;

fn setup(case: Case, variant: Variant) -> (Router, Vec<Request>) {
    let mut app = router(variant, case).expect("this variant serves this case");
    scenarios::check(variant, case, &mut app);
    let requests = (0..REQUESTS).map(|_| case.request()).collect();
    (app, requests)
}

fn serve((mut app, requests): (Router, Vec<Request>)) -> usize {
    let mut statuses = 0;
    for request in requests {
        statuses += usize::from(black_box(call(&mut app, request)).status().as_u16());
    }
    statuses
}

#[library_benchmark(setup = setup)]
#[bench::allowed_get_bare(Case::AllowedGet, Variant::Bare)]
#[bench::allowed_get_by_hand(Case::AllowedGet, Variant::ByHand)]
#[bench::allowed_get_cors_route(Case::AllowedGet, Variant::CorsRoute)]
#[bench::allowed_get_tower_http(Case::AllowedGet, Variant::TowerHttp)]
#[bench::allowed_preflight_bare(Case::AllowedPreflight, Variant::Bare)]
#[bench::allowed_preflight_by_hand(Case::AllowedPreflight, Variant::ByHand)]
#[bench::allowed_preflight_cors_route(Case::AllowedPreflight, Variant::CorsRoute)]
#[bench::allowed_preflight_tower_http(Case::AllowedPreflight, Variant::TowerHttp)]
#[bench::refused_origin_bare(Case::RefusedOrigin, Variant::Bare)]
#[bench::refused_origin_by_hand(Case::RefusedOrigin, Variant::ByHand)]
#[bench::refused_origin_cors_route(Case::RefusedOrigin, Variant::CorsRoute)]
#[bench::refused_origin_tower_http(Case::RefusedOrigin, Variant::TowerHttp)]
#[bench::refused_preflight_bare(Case::RefusedPreflight, Variant::Bare)]
#[bench::refused_preflight_by_hand(Case::RefusedPreflight, Variant::ByHand)]
#[bench::refused_preflight_cors_route(Case::RefusedPreflight, Variant::CorsRoute)]
#[bench::refused_preflight_tower_http(Case::RefusedPreflight, Variant::TowerHttp)]
#[bench::no_origin_bare(Case::NoOrigin, Variant::Bare)]
#[bench::no_origin_by_hand(Case::NoOrigin, Variant::ByHand)]
#[bench::no_origin_cors_route(Case::NoOrigin, Variant::CorsRoute)]
#[bench::no_origin_tower_http(Case::NoOrigin, Variant::TowerHttp)]
#[bench::hostile_preflight_bare(Case::HostilePreflight, Variant::Bare)]
#[bench::hostile_preflight_by_hand(Case::HostilePreflight, Variant::ByHand)]
#[bench::hostile_preflight_cors_route(Case::HostilePreflight, Variant::CorsRoute)]
#[bench::hostile_preflight_tower_http(Case::HostilePreflight, Variant::TowerHttp)]
#[bench::hundred_origins_bare(Case::HundredOrigins, Variant::Bare)]
#[bench::hundred_origins_by_hand(Case::HundredOrigins, Variant::ByHand)]
#[bench::hundred_origins_cors_route(Case::HundredOrigins, Variant::CorsRoute)]
#[bench::hundred_origins_tower_http(Case::HundredOrigins, Variant::TowerHttp)]
#[bench::pattern_origin_bare(Case::PatternOrigin, Variant::Bare)]
#[bench::pattern_origin_by_hand(Case::PatternOrigin, Variant::ByHand)]
#[bench::pattern_origin_cors_route(Case::PatternOrigin, Variant::CorsRoute)]
#[bench::pattern_origin_tower_http(Case::PatternOrigin, Variant::TowerHttp)]
#[bench::per_method_bare(Case::PerMethod, Variant::Bare)]
#[bench::per_method_by_hand(Case::PerMethod, Variant::ByHand)]
#[bench::per_method_cors_route(Case::PerMethod, Variant::CorsRoute)]
fn request(input: (Router, Vec<Request>)) -> usize {
    serve(input)
}

library_benchmark_group!(name = matrix; benchmarks = request);

main!(library_benchmark_groups = matrix);
