//! Route wiring: `cors_route!` with state, extractors, nesting, merging and other layers.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, Request, Response, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use cors_runtime::{cors, cors_route};
use http_body_util::BodyExt;
use serde::Deserialize;
use tower::ServiceExt;

const SITE: &str = "https://site.example";
const ADMIN: &str = "https://admin.example";
const PARTNER: &str = "https://partner.example";

#[derive(Clone, Default)]
struct AppState {
    calls: Arc<AtomicUsize>,
}

/// Public reads.
#[cors(origin = "*", methods = [GET], expose = ["x-count"])]
async fn read(State(state): State<AppState>, Path(id): Path<u32>) -> impl IntoResponse {
    let n = state.calls.fetch_add(1, Ordering::SeqCst) + 1;
    ([("x-count", n.to_string())], format!("read {id}"))
}

/// Admin deletes, with cookies.
#[cors(origin = "https://admin.example", methods = [DELETE], credentials, max_age = 60)]
async fn remove(State(state): State<AppState>, Path(id): Path<u32>) -> impl IntoResponse {
    state.calls.fetch_add(1, Ordering::SeqCst);
    (StatusCode::OK, format!("removed {id}"))
}

/// Partner updates with a JSON body and an API key.
#[derive(Deserialize)]
struct Patch {
    name: String,
}
#[cors(origin = ["https://partner.example"], methods = [PATCH], headers = ["content-type", "x-api-key"])]
async fn update(
    Path(id): Path<u32>,
    headers: HeaderMap,
    Json(p): Json<Patch>,
) -> impl IntoResponse {
    let key = headers
        .get("x-api-key")
        .map(|v| v.to_str().unwrap_or("?").to_owned());
    format!("updated {id} to {} with key {key:?}", p.name)
}

#[derive(Deserialize)]
struct Search {
    q: String,
}
/// No `methods`: the mounted methods become the list.
#[cors(origin = "https://site.example")]
async fn search(Query(s): Query<Search>) -> String {
    format!("found {}", s.q)
}

fn app() -> Router {
    Router::new()
        .route(
            "/items/{id}",
            cors_route!(get(read), delete(remove), patch(update)),
        )
        .route("/search", cors_route!(get(search), post(search)))
        .with_state(AppState::default())
}

fn request(method: &str, uri: &str, headers: &[(&str, &str)], body: &str) -> Request<Body> {
    let mut b = Request::builder().method(method).uri(uri);
    for (n, v) in headers {
        b = b.header(*n, *v);
    }
    b.body(Body::from(body.to_owned())).unwrap()
}

async fn call(app: Router, req: Request<Body>) -> (Response<()>, String) {
    let res = app.oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (
        Response::from_parts(parts, ()),
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

fn header<'a>(res: &'a Response<()>, name: &str) -> Option<&'a str> {
    let mut all = res.headers().get_all(name).iter();
    let first = all.next().map(|v| v.to_str().unwrap());
    assert!(all.next().is_none(), "{name} appears more than once");
    first
}

fn preflight(uri: &str, origin: &str, method: &str, headers: &str) -> Request<Body> {
    let mut h = vec![
        ("origin", origin),
        ("access-control-request-method", method),
    ];
    if !headers.is_empty() {
        h.push(("access-control-request-headers", headers));
    }
    request("OPTIONS", uri, &h, "")
}

#[tokio::test]
async fn three_methods_three_policies_on_one_path() {
    let state = AppState::default();
    let app = Router::new()
        .route(
            "/items/{id}",
            cors_route!(get(read), delete(remove), patch(update)),
        )
        .with_state(state.clone());

    // GET: public.
    let (res, body) = call(
        app.clone(),
        request("GET", "/items/1", &[("origin", PARTNER)], ""),
    )
    .await;
    assert_eq!((res.status(), body.as_str()), (StatusCode::OK, "read 1"));
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));
    assert_eq!(
        header(&res, "access-control-expose-headers"),
        Some("x-count")
    );
    assert_eq!(header(&res, "access-control-allow-credentials"), None);

    // DELETE: admin only, with credentials.
    let (res, _) = call(app.clone(), preflight("/items/1", ADMIN, "DELETE", "")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(ADMIN));
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(header(&res, "access-control-allow-methods"), Some("DELETE"));
    assert_eq!(header(&res, "access-control-max-age"), Some("60"));
    let (res, _) = call(app.clone(), preflight("/items/1", PARTNER, "DELETE", "")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    let (res, body) = call(
        app.clone(),
        request("DELETE", "/items/1", &[("origin", ADMIN)], ""),
    )
    .await;
    assert_eq!(body, "removed 1");
    assert_eq!(header(&res, "access-control-allow-origin"), Some(ADMIN));
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );

    // PATCH: partner, JSON and an API key.
    let (res, _) = call(
        app.clone(),
        preflight("/items/1", PARTNER, "PATCH", "content-type,x-api-key"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(PARTNER));
    assert_eq!(header(&res, "access-control-allow-methods"), Some("PATCH"));
    // The requested headers, as requested: never the policy's whole list.
    assert_eq!(
        header(&res, "access-control-allow-headers"),
        Some("content-type,x-api-key")
    );
    assert_eq!(header(&res, "access-control-allow-credentials"), None);
    let (res, _) = call(
        app.clone(),
        preflight("/items/1", ADMIN, "PATCH", "content-type"),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "admin origin is not allowed to PATCH"
    );
    let (res, body) = call(
        app.clone(),
        request(
            "PATCH",
            "/items/1",
            &[
                ("origin", PARTNER),
                ("content-type", "application/json"),
                ("x-api-key", "k"),
            ],
            r#"{"name":"fig"}"#,
        ),
    )
    .await;
    assert_eq!(body, r#"updated 1 to fig with key Some("k")"#);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(PARTNER));

    // An unmounted method is refused at preflight.
    let (res, _) = call(app.clone(), preflight("/items/1", PARTNER, "PUT", "")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // Preflights never reach a handler: only the GET and DELETE above counted.
    assert_eq!(state.calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn mounted_methods_become_the_list() {
    let (res, _) = call(app(), preflight("/search?q=x", SITE, "POST", "")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // The answer names the requested method only.
    assert_eq!(header(&res, "access-control-allow-methods"), Some("POST"));
    let (res, body) = call(
        app(),
        request("GET", "/search?q=pear", &[("origin", SITE)], ""),
    )
    .await;
    assert_eq!(body, "found pear");
    assert_eq!(header(&res, "access-control-allow-origin"), Some(SITE));
    let (res, _) = call(app(), preflight("/search", SITE, "PUT", "")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn head_uses_the_get_policy() {
    let (res, body) = call(app(), request("HEAD", "/items/3", &[("origin", SITE)], "")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body, "");
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn non_preflight_options_and_plain_requests_pass_through() {
    // OPTIONS with Origin but no Access-Control-Request-Method: axum's own 405, no CORS.
    let (res, _) = call(
        app(),
        request("OPTIONS", "/items/1", &[("origin", SITE)], ""),
    )
    .await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(header(&res, "allow"), Some("GET,HEAD,DELETE,PATCH"));
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    // OPTIONS without Origin: the same.
    let (res, _) = call(app(), request("OPTIONS", "/items/1", &[], "")).await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    // Same-path requests without Origin: the handler's answer, with the policy's headers
    // where they do not depend on the origin.
    let (res, body) = call(app(), request("GET", "/items/5", &[], "")).await;
    assert_eq!(body, "read 5");
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("*"),
        "a * answer is on every response, so a cached copy serves later CORS requests"
    );
    assert!(
        res.headers().get("vary").is_none(),
        "a * policy adds no Vary"
    );
    let (res, _) = call(app(), request("DELETE", "/items/5", &[], "")).await;
    assert_eq!(
        header(&res, "vary"),
        Some("Origin"),
        "a listed-origin policy varies by Origin"
    );
}

/// An `options` handler with its own policy answers non-preflight OPTIONS; preflights still
/// go to the policies.
#[cors(origin = "https://site.example", methods = [OPTIONS, GET])]
async fn describe() -> impl IntoResponse {
    ([("allow", "GET, OPTIONS")], "this resource supports GET")
}
#[cors(origin = "https://site.example", methods = [OPTIONS, GET])]
async fn fetch_doc() -> &'static str {
    "doc"
}

#[tokio::test]
async fn a_user_options_handler_answers_plain_options_only() {
    let app: Router = Router::new().route("/doc", cors_route!(get(fetch_doc), options(describe)));
    let (res, body) = call(
        app.clone(),
        request("OPTIONS", "/doc", &[("origin", SITE)], ""),
    )
    .await;
    assert_eq!(body, "this resource supports GET");
    assert_eq!(header(&res, "access-control-allow-origin"), Some(SITE));
    let (res, body) = call(app.clone(), preflight("/doc", SITE, "GET", "")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(body, "");
    assert_eq!(header(&res, "access-control-allow-methods"), Some("GET"));
}

#[tokio::test]
async fn nest_and_merge_keep_policies() {
    let api = Router::new().route("/items/{id}", cors_route!(get(read), delete(remove)));
    let app: Router = Router::new()
        .nest("/api", api.clone())
        .merge(Router::new().route("/search", cors_route!(get(search))))
        .with_state(AppState::default());
    let (res, body) = call(
        app.clone(),
        request("GET", "/api/items/9", &[("origin", SITE)], ""),
    )
    .await;
    assert_eq!(body, "read 9");
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));
    let (res, _) = call(app.clone(), preflight("/api/items/9", ADMIN, "DELETE", "")).await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some(ADMIN));
    let (res, _) = call(app.clone(), preflight("/search", SITE, "GET", "")).await;
    assert_eq!(header(&res, "access-control-allow-methods"), Some("GET"));
}

/// An authentication middleware: 401 unless `authorization: Bearer demo`.
async fn check_token(req: Request<Body>, next: axum::middleware::Next) -> Response<Body> {
    let ok = req
        .headers()
        .get("authorization")
        .is_some_and(|v| v.as_bytes() == b"Bearer demo");
    if ok {
        next.run(req).await
    } else {
        (StatusCode::UNAUTHORIZED, "sign in first").into_response()
    }
}

macro_rules! require_auth {
    () => {
        axum::middleware::from_fn(check_token)
    };
}

#[cors(origin = "https://admin.example", methods = [DELETE], headers = ["authorization"], credentials)]
async fn guarded() -> &'static str {
    "deleted"
}

#[tokio::test]
async fn auth_inside_the_route_never_sees_preflights() {
    let app: Router = Router::new().route(
        "/guarded",
        cors_route!(delete(guarded.layer(require_auth!()))),
    );
    // The preflight is answered before auth runs.
    let (res, _) = call(
        app.clone(),
        preflight("/guarded", ADMIN, "DELETE", "authorization"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-headers"),
        Some("authorization")
    );
    // Without a token: auth's 401, with CORS headers so the script can read it.
    let (res, _) = call(
        app.clone(),
        request("DELETE", "/guarded", &[("origin", ADMIN)], ""),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(ADMIN));
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    // With the token: the handler.
    let (res, body) = call(
        app.clone(),
        request(
            "DELETE",
            "/guarded",
            &[("origin", ADMIN), ("authorization", "Bearer demo")],
            "",
        ),
    )
    .await;
    assert_eq!((res.status(), body.as_str()), (StatusCode::OK, "deleted"));
    assert_eq!(header(&res, "access-control-allow-origin"), Some(ADMIN));
}

#[tokio::test]
async fn auth_over_the_whole_router_runs_first_as_documented() {
    // Layers added on the Router run before the route, so they see preflights: this is why
    // the documentation puts auth inside `cors_route!`.
    let app: Router = Router::new()
        .route("/guarded", cors_route!(delete(guarded)))
        .route_layer(require_auth!());
    let (res, _) = call(app, preflight("/guarded", ADMIN, "DELETE", "authorization")).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn stacks_with_tracing_and_compression() {
    use tower_http::compression::CompressionLayer;
    use tower_http::trace::TraceLayer;

    #[cors(origin = "https://site.example", methods = [GET], expose = ["content-encoding"])]
    async fn big() -> String {
        "x".repeat(4096)
    }
    let app: Router = Router::new()
        .route("/big", cors_route!(get(big)))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http());
    let (res, body) = call(
        app.clone(),
        request(
            "GET",
            "/big",
            &[("origin", SITE), ("accept-encoding", "gzip")],
            "",
        ),
    )
    .await;
    assert_eq!(header(&res, "content-encoding"), Some("gzip"));
    assert!(body.len() < 4096, "compressed");
    assert_eq!(header(&res, "access-control-allow-origin"), Some(SITE));
    let vary: Vec<&str> = res
        .headers()
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert!(
        vary.iter()
            .any(|v| v.to_ascii_lowercase().contains("origin")),
        "{vary:?}"
    );
    assert!(
        vary.iter()
            .any(|v| v.to_ascii_lowercase().contains("accept-encoding")),
        "{vary:?}"
    );
    let (res, _) = call(app, preflight("/big", SITE, "GET", "")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn plain_axum_routes_get_no_cors() {
    // Mounted with plain axum routing, a #[cors] handler is just a handler: no headers.
    let app: Router = Router::new().route("/search", get(search));
    let (res, body) = call(
        app.clone(),
        request("GET", "/search?q=a", &[("origin", SITE)], ""),
    )
    .await;
    assert_eq!(body, "found a");
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    let (res, _) = call(app, preflight("/search", SITE, "GET", "")).await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    let _ = Method::GET;
}

#[tokio::test]
async fn route_layer_on_the_method_router_skips_preflights_but_hides_its_401() {
    // `MethodRouter::route_layer` wraps the mounted methods, not the fallback that receives
    // preflights: preflights pass, but the layer's own 401 is produced outside CORS.
    let app: Router = Router::new().route(
        "/guarded",
        cors_route!(delete(guarded)).route_layer(require_auth!()),
    );
    let (res, _) = call(
        app.clone(),
        preflight("/guarded", ADMIN, "DELETE", "authorization"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let (res, _) = call(app, request("DELETE", "/guarded", &[("origin", ADMIN)], "")).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
}

#[test]
#[should_panic(expected = "this policy lists no `methods`, so a CorsLayer cannot know")]
fn a_layer_for_a_policy_without_methods_fails_while_the_router_is_built() {
    // `search` lists no methods: only `cors_route!` knows which methods it allows. Written in
    // a `const` this is a compile error (see the `CorsLayer::new` docs); inline it panics
    // before any request is served, instead of refusing every preflight.
    let _ = cors_runtime::CorsLayer::new(&search::POLICY);
}

#[tokio::test]
async fn a_const_layer_answers_with_its_policy() {
    const READ_CORS: cors_runtime::CorsLayer = cors_runtime::CorsLayer::new(&read::POLICY);
    let app: Router = Router::new()
        .route("/r/{id}", get(read).layer(READ_CORS))
        .with_state(AppState::default());
    let (res, _) = call(app.clone(), preflight("/r/1", SITE, "GET", "")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-methods"), Some("GET"));
    let (res, _) = call(app, preflight("/r/1", SITE, "PUT", "")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_testing_helpers_read_like_the_policies() {
    use cors_runtime::testing::*;
    let app = app();
    assert_preflight_allowed(
        &app,
        "/items/1",
        "https://partner.example",
        "PATCH",
        &["Content-Type", "x-api-key"],
    )
    .await;
    assert_preflight_refused(
        &app,
        "/items/1",
        "https://partner.example",
        "PATCH",
        &["authorization"],
    )
    .await;
    assert_preflight_refused(&app, "/items/1", "https://site.example", "DELETE", &[]).await;
    assert_preflight_allowed(&app, "/items/1", "https://admin.example", "DELETE", &[]).await;
    assert_allowed(&app, "GET", "/items/1", "https://anyone.example").await;
    assert_allowed(&app, "DELETE", "/items/1", "https://admin.example").await;
    assert_refused(&app, "DELETE", "/items/1", "https://site.example").await;
}

#[tokio::test]
#[should_panic(
    expected = "request: OPTIONS /items/1\n    origin: https://site.example\n    access-control-request-method: DELETE\n  response: 403 Forbidden\n    vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
)]
async fn a_failed_testing_assertion_shows_the_request_and_the_cors_headers() {
    cors_runtime::testing::assert_preflight_allowed(
        &app(),
        "/items/1",
        "https://site.example",
        "DELETE",
        &[],
    )
    .await;
}

/// More origins than a linear scan serves: matched through fingerprints.
#[cors(
    origin = [
        "https://t0.example.net", "https://t1.example.net", "https://t2.example.net",
        "https://t3.example.net", "https://t4.example.net", "https://t5.example.net",
        "https://t6.example.net", "https://t7.example.net", "https://t8.example.net",
        "https://t9.example.net", "https://*.tenants.example.net", "http://localhost:5173"
    ],
    methods = [GET]
)]
async fn tenants() -> &'static str {
    "tenants"
}

#[tokio::test]
async fn a_long_origin_list_matches_exactly_its_entries() {
    use cors_runtime::testing::{assert_allowed, assert_refused};
    let app: Router = Router::new().route("/t", cors_route!(get(tenants)));
    for i in 0..10 {
        assert_allowed(&app, "GET", "/t", &format!("https://t{i}.example.net")).await;
    }
    assert_allowed(&app, "GET", "/t", "https://a.tenants.example.net").await;
    assert_allowed(&app, "GET", "/t", "http://localhost:5173").await;
    for refused in [
        "https://t10.example.net",
        "https://T1.example.net",
        "https://t1.example.net.evil",
        "https://t1.example.ne",
        "http://t1.example.net",
        "https://tenants.example.net",
        "http://localhost:5174",
        "",
    ] {
        assert_refused(&app, "GET", "/t", refused).await;
    }
}

#[cors(origin = "https://admin.example", methods = [GET, PUT], headers = ["authorization"], credentials)]
async fn account() -> &'static str {
    "account"
}

#[tokio::test]
async fn a_path_layer_wraps_every_handler_inside_cors() {
    // One `layer(...)` for the whole path instead of `.layer(...)` on each handler.
    let app: Router = Router::new().route(
        "/account",
        cors_route!(
            get(account),
            put(account),
            delete(guarded),
            layer(require_auth!())
        ),
    );
    for method in ["GET", "PUT", "DELETE"] {
        // Preflights are answered before the layer runs (they carry no credentials).
        let (res, _) = call(
            app.clone(),
            preflight("/account", ADMIN, method, "authorization"),
        )
        .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{method}");
        // Without the token: the layer's 401, readable by the script.
        let (res, body) = call(
            app.clone(),
            request(method, "/account", &[("origin", ADMIN)], ""),
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{method}");
        assert_eq!(body, "sign in first");
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            Some(ADMIN),
            "{method}"
        );
        assert_eq!(
            header(&res, "access-control-allow-credentials"),
            Some("true")
        );
        // With it: the handler.
        let (res, _) = call(
            app.clone(),
            request(
                method,
                "/account",
                &[("origin", ADMIN), ("authorization", "Bearer demo")],
                "",
            ),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{method}");
    }
}

/// The app-wide fallback: unknown paths answer a readable 404.
#[cors(origin = "https://site.example", methods = [GET, POST, DELETE], headers = ["content-type"])]
async fn not_found() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "no such resource")
}

#[tokio::test]
async fn the_app_fallback_answers_unknown_paths_with_its_policy() {
    let app: Router = app().fallback(cors_runtime::fallback(not_found, &not_found::POLICY));
    // A preflight to an unknown path is answered by the fallback's policy.
    let (res, _) = call(
        app.clone(),
        preflight("/typo", SITE, "POST", "content-type"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(SITE));
    // The 404 is readable by the script.
    let (res, body) = call(
        app.clone(),
        request("GET", "/typo", &[("origin", SITE)], ""),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(body, "no such resource");
    assert_eq!(header(&res, "access-control-allow-origin"), Some(SITE));
    assert_eq!(header(&res, "vary"), Some("Origin"));
    // Other origins get the 404 without CORS headers.
    let (res, _) = call(
        app.clone(),
        request("GET", "/typo", &[("origin", ADMIN)], ""),
    )
    .await;
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    // A route's own policy wins on its path: GET /items/1 is public (`*`), and the admin's
    // DELETE keeps its credentials; an unmounted method is that path's 405, without the
    // fallback's headers.
    let (res, _) = call(
        app.clone(),
        request("GET", "/items/1", &[("origin", SITE)], ""),
    )
    .await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));
    let (res, _) = call(app.clone(), preflight("/items/1", ADMIN, "DELETE", "")).await;
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    let (res, _) = call(
        app.clone(),
        request("PUT", "/items/1", &[("origin", SITE)], ""),
    )
    .await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    let (res, _) = call(app, preflight("/items/1", SITE, "PUT", "")).await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "the path's own preflight answer"
    );
}
