//! One variant of the benchmark matrix (`benches/scenarios/mod.rs`) served over real HTTP on
//! loopback, for `benches/http.sh`:
//!
//! ```text
//! cargo run --release --example bench_server -- <bare|by_hand|cors_route|tower_http> <case> <port>
//! ```
//!
//! Prints `listening on http://127.0.0.1:<port>` once it accepts connections.

#[path = "../benches/scenarios/mod.rs"]
mod scenarios;

use scenarios::{router, Case, Variant};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: bench_server <bare|by_hand|cors_route|tower_http> <case> <port>";
    let [_, variant, case, port] = &args[..] else {
        panic!("{usage}");
    };
    let variant = Variant::ALL
        .into_iter()
        .find(|v| v.name() == variant)
        .unwrap_or_else(|| panic!("{usage}"));
    let case = Case::ALL
        .into_iter()
        .find(|c| c.name() == case)
        .unwrap_or_else(|| panic!("unknown case {case}"));
    let mut app = router(variant, case).expect("this variant serves this case");
    scenarios::check(variant, case, &mut app);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port.parse::<u16>().expect("port")))
        .await
        .expect("bind");
    println!(
        "listening on http://{}",
        listener.local_addr().expect("address")
    );
    axum::serve(listener, app).await.expect("serve");
}
