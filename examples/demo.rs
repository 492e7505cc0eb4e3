//! See CORS policies at work in a real browser.
//!
//! ```text
//! cargo run --example demo
//! ```
//!
//! Starts the API of the `per_route` example on http://127.0.0.1:3000 and a page on another
//! origin, http://localhost:5173. Open the page: it makes cross-origin `fetch()` calls and shows,
//! row by row, what the policy says and what the browser actually allowed. `PORT` and
//! `PAGE_PORT` change the two ports (the policies list `http://localhost:5173`, so with another
//! page port the credentialed rows are refused, as they should be).
//!
//! Every refusal the API decides is logged to the terminal (the crate's `tracing` events at
//! debug level), and the page shows each refused row's reason next to it.

#[path = "per_route.rs"]
#[allow(dead_code)]
mod per_route;

use std::io::Write;
use std::sync::Mutex;

use axum::response::Html;
use axum::routing::get;
use axum::{Json, Router};
use cors_runtime::{cors, cors_route};
use serde::Deserialize;

const PAGE: &str = include_str!("demo_page.html");

/// What the page reports once every row has run.
#[derive(Deserialize)]
struct Report {
    agree: usize,
    total: usize,
    disagree: Vec<String>,
    /// Refused rows whose refusal the server logged a reason for.
    explained: usize,
}

async fn report(Json(r): Json<Report>) {
    println!(
        "browser report: {} of {} rows as the policies say",
        r.agree, r.total
    );
    println!("refused rows with a logged reason: {}", r.explained);
    for title in r.disagree {
        println!("  the browser disagreed on: {title}");
    }
}

/// A demo-only route next to the `per_route` API: `headers = "*"` lets a script send any
/// header except `Authorization`, which browsers never read into a `*`.
#[cors(origin = "http://localhost:5173", methods = [GET], headers = "*")]
async fn wildcard_headers() -> &'static str {
    "any header but authorization"
}

/// The reasons of every refusal the API logged, in order, for the page to show.
static REASONS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Where the `tracing` subscriber writes: each event goes to stderr, and its `reason` field
/// is kept for the page.
struct Log;

impl Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let line = String::from_utf8_lossy(buf);
        if let Some((_, reason)) = line.split_once("reason=") {
            REASONS.lock().unwrap().push(reason.trim_end().to_owned());
        }
        std::io::stderr().write_all(buf)?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

async fn reasons() -> Json<Vec<String>> {
    Json(REASONS.lock().unwrap().clone())
}

/// What the API's own root says, for a person who opens it.
async fn api_root() -> Html<&'static str> {
    Html(
        "<p>This is the demo's API, called cross-origin by the demo page. \
         Open the page it printed (<code>http://localhost:5173</code> by default) to watch the \
         policies at work; <code>GET /public</code> answers here too.</p>",
    )
}

#[tokio::main]
async fn main() {
    // The crate's refusal diagnostics, to the terminal and to the page.
    tracing::subscriber::set_global_default(
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .without_time()
            .with_writer(|| Log)
            .finish(),
    )
    .expect("the only subscriber");
    let api = per_route::bind().await;
    let api_addr = api.local_addr().expect("bound socket has an address");
    let page_port: u16 = std::env::var("PAGE_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(5173);
    let page = tokio::net::TcpListener::bind(("127.0.0.1", page_port))
        .await
        .unwrap_or_else(|e| {
            eprintln!("cannot listen on 127.0.0.1:{page_port} for the page: {e}");
            std::process::exit(1)
        });
    let html = PAGE.replace("__API__", &format!("http://{api_addr}"));
    let page_app = Router::new()
        .route("/", get(move || async move { Html(html) }))
        .route("/report", axum::routing::post(report))
        .route("/reasons", get(reasons));

    println!("API  listening on http://{api_addr} (its routes are called by the page)");
    println!("page listening on http://localhost:{page_port}");
    println!();
    println!("open http://localhost:{page_port} in a browser to watch the policies at work");
    println!("(refusals are logged here, with their reason, and shown on the page)");

    let api_app = per_route::app()
        .route("/", get(api_root))
        .route("/wildcard-headers", cors_route!(get(wildcard_headers)));
    let api_server = axum::serve(api, api_app);
    let page_server = axum::serve(page, page_app);
    tokio::select! {
        r = api_server => r.expect("API server failed"),
        r = page_server => r.expect("page server failed"),
    }
}
