//! Per-route CORS policies on one axum app.
//!
//! ```text
//! PORT=3000 cargo run --example per_route
//! ```
//!
//! Each handler carries its own policy; `cors_route!` mounts the handlers of a path and
//! answers its preflights with the policy of the requested method. Every response carries
//! `x-request-id: 42`, exposed to scripts where the policy says so.

use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::{Json, Router};
use cors_runtime::{cors, cors_policy, cors_route};
use serde_json::{json, Value};

const REQUEST_ID: [(&str, &str); 1] = [("x-request-id", "42")];

// The app's own front-ends, with cookies: shared by `/items` and `/me`.
cors_policy!(
    APP = origin = ["https://app.example.com", "http://localhost:5173"],
    methods = [GET, POST],
    headers = ["content-type", "authorization", "x-api-key"],
    expose = ["x-request-id"],
    credentials,
    max_age = 600
);

// The admin front-end: changing and deleting items.
cors_policy!(
    ADMIN = origin = "https://admin.example.com",
    methods = [PATCH, DELETE],
    headers = ["content-type", "authorization"],
    credentials,
    max_age = 60
);

/// Anyone may read this, without credentials.
#[cors(origin = "*", methods = [GET], expose = ["x-request-id"])]
async fn public() -> impl IntoResponse {
    (REQUEST_ID, "public")
}

/// The app's own front-ends, with cookies.
#[cors(policy = APP)]
async fn list_items() -> impl IntoResponse {
    (
        REQUEST_ID,
        Json(json!([{"id": 1, "name": "apple"}, {"id": 2, "name": "pear"}])),
    )
}

#[cors(policy = APP)]
async fn create_item(Json(item): Json<Value>) -> impl IntoResponse {
    (
        StatusCode::CREATED,
        REQUEST_ID,
        Json(json!({"id": 3, "item": item})),
    )
}

/// Reading one item is public.
#[cors(origin = "*", methods = [GET])]
async fn get_item(Path(id): Path<u32>) -> impl IntoResponse {
    (REQUEST_ID, Json(json!({"id": id})))
}

/// Changing an item is for the admin front-end only.
#[cors(policy = ADMIN)]
async fn update_item(Path(id): Path<u32>, Json(patch): Json<Value>) -> impl IntoResponse {
    (REQUEST_ID, Json(json!({"id": id, "patch": patch})))
}

#[cors(policy = ADMIN)]
async fn delete_item(Path(_id): Path<u32>) -> impl IntoResponse {
    (StatusCode::NO_CONTENT, REQUEST_ID)
}

/// 401 unless `authorization: Bearer demo`; the 401 carries CORS headers, so the front-end
/// can read it.
#[cors(policy = APP)]
async fn me(headers: HeaderMap) -> impl IntoResponse {
    let authorized = headers
        .get("authorization")
        .is_some_and(|v| v.as_bytes() == b"Bearer demo");
    if authorized {
        (StatusCode::OK, REQUEST_ID, Json(json!({"user": "demo"})))
    } else {
        (
            StatusCode::UNAUTHORIZED,
            REQUEST_ID,
            Json(json!({"error": "sign in first"})),
        )
    }
}

/// Any subdomain of partner.example, but not partner.example itself.
#[cors(origin = "https://*.partner.example", methods = [GET])]
async fn partners() -> impl IntoResponse {
    (REQUEST_ID, "partners")
}

/// Any request header except Authorization, cached by browsers for two hours.
#[cors(origin = ["https://app.example.com"], methods = [PUT], headers = "*", max_age = 7200)]
async fn upload() -> impl IntoResponse {
    (REQUEST_ID, "stored")
}

/// The app: one `cors_route!` per path.
pub fn app() -> Router {
    Router::new()
        .route("/public", cors_route!(get(public)))
        .route("/items", cors_route!(get(list_items), post(create_item)))
        .route(
            "/items/{id}",
            cors_route!(get(get_item), patch(update_item), delete(delete_item)),
        )
        .route("/me", cors_route!(get(me)))
        .route("/partners", cors_route!(get(partners)))
        .route("/upload", cors_route!(put(upload)))
}

/// Binds 127.0.0.1 on `PORT` (default 3000; 0 picks a free port).
pub async fn bind() -> tokio::net::TcpListener {
    let port: u16 = match std::env::var("PORT") {
        Ok(p) => p.parse().unwrap_or_else(|_| {
            eprintln!("PORT must be a number from 0 to 65535, not {p:?}");
            std::process::exit(2)
        }),
        Err(_) => 3000,
    };
    tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap_or_else(|e| {
            eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
            std::process::exit(1)
        })
}

#[tokio::main]
#[allow(dead_code)]
async fn main() {
    let listener = bind().await;
    let addr = listener.local_addr().expect("bound socket has an address");
    println!("listening on http://{addr}");
    axum::serve(listener, app()).await.expect("server failed");
}
