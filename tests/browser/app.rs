//! The API the browser calls: one path per situation, each with its policy written on its
//! handlers and mounted with `cors_route!`.
//!
//! The pages are served on port 47381 (see `PAGE_PORT` in browser.rs) under three host names:
//! - `http://127.0.0.1:47381`, the page origin most policies allow;
//! - `http://localhost:47381`, another origin;
//! - `http://app.localhost:47381`, which only `http://*.localhost:47381` matches.

use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use cors_runtime::{cors, cors_route};

/// The value of a request header as the server saw it, or `-`.
fn seen(headers: &HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .map_or_else(|| "-".to_owned(), |v| v.to_str().unwrap_or("?").to_owned())
}

/// Public reads; one header exposed, one not.
#[cors(origin = "*", methods = [GET], expose = ["x-request-id"])]
async fn public() -> impl IntoResponse {
    (
        [
            ("x-request-id", "req-public"),
            ("x-internal", "internal-secret"),
        ],
        "public",
    )
}

/// Only the other page origin may read this.
#[cors(origin = "http://localhost:47381", methods = [GET])]
async fn restricted() -> &'static str {
    "restricted"
}

/// Cookies allowed: echoes the cookie it received.
#[cors(origin = ["http://127.0.0.1:47381"], methods = [GET], credentials)]
async fn me(headers: HeaderMap) -> String {
    format!("cookie={}", seen(&headers, "cookie"))
}

/// The same origin allowed, but not with credentials.
#[cors(origin = ["http://127.0.0.1:47381"], methods = [GET])]
async fn nocreds(headers: HeaderMap) -> String {
    format!("cookie={}", seen(&headers, "cookie"))
}

/// A JSON API with an API key header.
#[cors(
    origin = ["http://127.0.0.1:47381"],
    methods = [GET, POST, PUT, PATCH, DELETE],
    headers = ["content-type", "x-api-key"],
    expose = ["x-request-id"]
)]
async fn items(method: Method, headers: HeaderMap, body: String) -> impl IntoResponse {
    let status = if method == Method::POST {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let text = format!(
        "{method} items; x-api-key={}; content-type={}; body={body}",
        seen(&headers, "x-api-key"),
        seen(&headers, "content-type"),
    );
    (status, [("x-request-id", "req-items")], text)
}

/// Forms only: `content-type` is not allowed, so only the safelisted content types get in.
#[cors(origin = ["http://127.0.0.1:47381"], methods = [POST], headers = ["x-api-key"])]
async fn forms(headers: HeaderMap, body: String) -> String {
    format!(
        "form; content-type={}; body={body}",
        seen(&headers, "content-type")
    )
}

/// `headers = "*"`: any header but `Authorization`.
#[cors(origin = "*", methods = [GET], headers = "*")]
async fn any_headers(headers: HeaderMap) -> String {
    format!(
        "x-anything={}; authorization={}",
        seen(&headers, "x-anything"),
        seen(&headers, "authorization")
    )
}

/// `Authorization` listed by name.
#[cors(origin = ["http://127.0.0.1:47381"], methods = [GET], headers = ["authorization"])]
async fn auth_listed(headers: HeaderMap) -> String {
    format!("authorization={}", seen(&headers, "authorization"))
}

/// Preflights cached for ten minutes.
#[cors(
    origin = ["http://127.0.0.1:47381"],
    methods = [PUT],
    headers = ["x-api-key"],
    max_age = 600
)]
async fn cached() -> &'static str {
    "cached"
}

/// Preflights not cached at all.
#[cors(
    origin = ["http://127.0.0.1:47381"],
    methods = [PUT],
    headers = ["x-api-key"],
    max_age = 0
)]
async fn uncached() -> &'static str {
    "uncached"
}

/// `PATCH`, which browsers do not uppercase for the script.
#[cors(origin = ["http://127.0.0.1:47381"], methods = [PATCH])]
async fn patchable(method: Method) -> String {
    format!("{method} patchable")
}

/// One path, two policies: anyone reads...
#[cors(origin = "*", methods = [GET])]
async fn read_doc() -> &'static str {
    "doc"
}

/// ...only the main page deletes, with its cookie.
#[cors(origin = ["http://127.0.0.1:47381"], methods = [DELETE], credentials)]
async fn delete_doc(headers: HeaderMap) -> String {
    format!("deleted doc; cookie={}", seen(&headers, "cookie"))
}

/// A 401 the script must be able to read.
#[cors(origin = ["http://127.0.0.1:47381"], methods = [GET], expose = ["x-request-id"])]
async fn unauthorized() -> impl IntoResponse {
    (
        StatusCode::UNAUTHORIZED,
        [("x-request-id", "req-401")],
        "login required",
    )
}

/// A 500 the script must be able to read.
#[cors(origin = ["http://127.0.0.1:47381"], methods = [GET], expose = ["x-request-id"])]
async fn broken() -> impl IntoResponse {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [("x-request-id", "req-500")],
        "it broke",
    )
}

/// Any subdomain of `localhost` on the page port.
#[cors(origin = ["http://*.localhost:47381"], methods = [GET])]
async fn sub() -> &'static str {
    "sub"
}

/// A handler that sets CORS headers of its own, wrong ones: the policy's must replace them.
#[cors(origin = ["http://127.0.0.1:47381"], methods = [GET], credentials)]
async fn sloppy(headers: HeaderMap) -> impl IntoResponse {
    (
        [
            ("access-control-allow-origin", "*"),
            ("access-control-allow-credentials", "True"),
        ],
        format!("sloppy; cookie={}", seen(&headers, "cookie")),
    )
}

/// No `methods`: the methods it is mounted on.
#[cors(origin = ["http://127.0.0.1:47381"])]
async fn mounted(method: Method) -> String {
    format!("{method} mounted")
}

/// Guarded by [`require_bearer`], mounted inside the route so CORS wraps it.
#[cors(origin = ["http://127.0.0.1:47381"], methods = [DELETE], headers = ["authorization"])]
async fn remove() -> &'static str {
    "removed"
}

/// An authentication layer: `401` unless `authorization: Bearer demo`.
async fn require_bearer(request: Request, next: Next) -> Response {
    match request.headers().get("authorization") {
        Some(v) if v.as_bytes() == b"Bearer demo" => next.run(request).await,
        _ => (StatusCode::UNAUTHORIZED, "missing or wrong token").into_response(),
    }
}

// Per-method policies on one path meet the browser's preflight cache: it keeps every method and
// header a successful preflight answer lists, for the URL and origin, and later sends matching
// requests of any method without a preflight. Each path below is used by one scenario only.

/// `/leak-delete`: the main page reads (and may ask for `DELETE` in its preflight)...
#[cors(
    origin = "http://127.0.0.1:47381",
    methods = [GET, DELETE],
    headers = ["content-type"],
    credentials,
    max_age = 600
)]
async fn leak_delete_read() -> &'static str {
    "items"
}

/// ...but only the other page origin may delete.
#[cors(origin = "http://localhost:47381", methods = [DELETE], credentials)]
async fn leak_delete_remove() -> &'static str {
    "deleted"
}

/// `/leak-put`: anyone reads, with any method and header in its policy...
#[cors(origin = "*", methods = "*", headers = "*", max_age = 600)]
async fn leak_put_read() -> &'static str {
    "anyone"
}

/// ...but only the other page origin may `PUT`, with `x-admin`.
#[cors(origin = "http://localhost:47381", methods = [PUT], headers = ["x-admin"])]
async fn leak_put_admin() -> &'static str {
    "admin"
}

/// `/leak-post-header`: the main page reads with `x-a`...
#[cors(origin = "http://127.0.0.1:47381", methods = [GET], headers = ["x-a"], max_age = 600)]
async fn header_get_xa() -> &'static str {
    "get with x-a"
}

/// ...and posts with `x-b`, never with `x-a`.
#[cors(origin = "http://127.0.0.1:47381", methods = [POST], headers = ["x-b"], max_age = 600)]
async fn header_post_xb(headers: HeaderMap) -> String {
    format!(
        "post; x-a={}; x-b={}",
        seen(&headers, "x-a"),
        seen(&headers, "x-b")
    )
}

/// `/leak-get-header`: only the other page origin reads...
#[cors(origin = "http://localhost:47381", methods = [GET], headers = ["x-b"])]
async fn header_get_other_only() -> &'static str {
    "other only"
}

/// ...while the main page may `PUT` with `x-b`.
#[cors(origin = "http://127.0.0.1:47381", methods = [PUT], headers = ["x-b"], max_age = 600)]
async fn header_put_xb() -> &'static str {
    "put with x-b"
}

/// `/no-cors-cached`: public and cacheable by the browser for ten minutes.
#[cors(origin = "*", methods = [GET])]
async fn cacheable() -> impl IntoResponse {
    ([("cache-control", "max-age=600")], "cacheable body")
}

/// `/account`: one `layer(...)` guards both handlers of the path, inside CORS.
#[cors(origin = "http://127.0.0.1:47381", methods = [GET, PUT], headers = ["authorization"])]
async fn account() -> &'static str {
    "account"
}

/// Every unknown path: a 404 the main page can read.
#[cors(origin = "http://127.0.0.1:47381", methods = [GET, POST], headers = ["content-type"])]
async fn not_found() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "no such resource")
}

/// `/configured`: origins passed at start-up (as from a configuration file), here the other
/// page origin only.
#[cors(origin = config, methods = [GET, DELETE])]
async fn configured(method: Method) -> String {
    format!("configured {method}")
}

/// The tenant origins a predicate accepts: only the `app.localhost` page.
fn is_tenant(origin: &str) -> bool {
    origin == "http://app.localhost:47381"
}

/// `/tenant`: origins decided by a predicate; the preflighted PUT echoes its header.
#[cors(origin = is_tenant, methods = [GET, PUT], headers = ["x-tenant"])]
async fn tenant(headers: HeaderMap) -> String {
    format!("tenant; x-tenant={}", seen(&headers, "x-tenant"))
}

/// The API.
pub fn app() -> Router {
    configured::POLICY
        .set_origins(["http://localhost:47381"])
        .expect("valid configured origins");
    Router::new()
        .route(
            "/configured",
            cors_route!(get(configured), delete(configured)),
        )
        .route("/tenant", cors_route!(get(tenant), put(tenant)))
        .route("/public", cors_route!(get(public)))
        .route("/restricted", cors_route!(get(restricted)))
        .route("/me", cors_route!(get(me)))
        .route("/nocreds", cors_route!(get(nocreds)))
        .route(
            "/items",
            cors_route!(
                get(items),
                post(items),
                put(items),
                patch(items),
                delete(items)
            ),
        )
        .route("/forms", cors_route!(post(forms)))
        .route("/any-headers", cors_route!(get(any_headers)))
        .route("/auth-listed", cors_route!(get(auth_listed)))
        .route("/cached", cors_route!(put(cached)))
        .route("/uncached", cors_route!(put(uncached)))
        .route("/patchable", cors_route!(patch(patchable)))
        .route("/doc", cors_route!(get(read_doc), delete(delete_doc)))
        .route("/unauthorized", cors_route!(get(unauthorized)))
        .route("/broken", cors_route!(get(broken)))
        .route("/sub", cors_route!(get(sub)))
        .route("/sloppy", cors_route!(get(sloppy)))
        .route("/mounted", cors_route!(put(mounted)))
        .route(
            "/guarded",
            cors_route!(delete(remove.layer(from_fn(require_bearer)))),
        )
        .route(
            "/leak-delete",
            cors_route!(get(leak_delete_read), delete(leak_delete_remove)),
        )
        .route(
            "/leak-put",
            cors_route!(get(leak_put_read), put(leak_put_admin)),
        )
        .route(
            "/leak-post-header",
            cors_route!(get(header_get_xa), post(header_post_xb)),
        )
        .route(
            "/leak-get-header",
            cors_route!(get(header_get_other_only), put(header_put_xb)),
        )
        .route("/no-cors-cached", cors_route!(get(cacheable)))
        .route(
            "/account",
            cors_route!(get(account), put(account), layer(from_fn(require_bearer))),
        )
        .fallback(cors_runtime::fallback(not_found, &not_found::POLICY))
}
