//! Origins from configuration: loaded once at start-up, checked by the rule book together with
//! the rest of the policy, every problem reported in one typed error; named policies share
//! their configured origins with every handler that uses them.

use axum::body::Body;
use axum::http::Request;
use axum::Router;
use cors_runtime::{cors, cors_policy, cors_route, ConfigErrorKind, OriginList, Origins};
use tower::ServiceExt;

// Each policy below reads its own variable, so tests running at the same time never share one.

#[cors(origin = env("CONFIG_TEST_CREDENTIALED"), methods = [GET], credentials)]
async fn credentialed() -> &'static str {
    "ok"
}

#[cors(origin = env("CONFIG_TEST_MISSING"), methods = [GET])]
async fn missing() -> &'static str {
    "ok"
}

#[cors(origin = env("CONFIG_TEST_DEFAULTED", default = ["http://localhost:5173", "http://127.0.0.1:*"]), methods = [GET], credentials)]
async fn defaulted() -> &'static str {
    "ok"
}

#[cors(origin = config, methods = [GET], credentials)]
async fn from_file() -> &'static str {
    "ok"
}

#[cors(origin = config, methods = [GET])]
async fn never_loaded() -> &'static str {
    "ok"
}

cors_policy!(
    SPA = origin = env("CONFIG_TEST_SPA"),
    headers = ["content-type"],
    credentials,
    max_age = 600
);

#[cors(policy = SPA, methods = [GET])]
async fn spa_list() -> &'static str {
    "list"
}

#[cors(policy = SPA, methods = [DELETE], max_age = 60)]
async fn spa_remove() -> &'static str {
    "removed"
}

fn request(method: &str, origin: &'static str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri("/r")
        .header("origin", origin)
        .body(Body::empty())
        .unwrap()
}

async fn acao(app: &Router, req: Request<Body>) -> Option<String> {
    let res = app.clone().oneshot(req).await.unwrap();
    res.headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap().to_owned())
}

#[test]
fn every_problem_is_listed_with_its_value_and_the_compilers_message() {
    std::env::set_var(
        "CONFIG_TEST_CREDENTIALED",
        "https://app.example.com/, http://app.example.com,https://*.github.io, https://app.example.com/,  https://ok.example.com",
    );
    let err = credentialed::POLICY.load_origins().unwrap_err();
    let text = err.to_string();
    assert_eq!(err.problems().len(), 4, "{text}");
    assert_eq!(
        text,
        "the CORS origins of `credentialed` from the environment variable \
         `CONFIG_TEST_CREDENTIALED` have 4 problems:\n  \
         - origin 1 \"https://app.example.com/\": an origin has no path, not even a trailing slash: browsers send `scheme://host[:port]` only, so remove everything from the first `/` after the host\n  \
         - origin 2 \"http://app.example.com\": with `credentials`, a plain `http://` origin cannot be trusted: a network attacker can inject script into the http page and act as the user; use the `https://` origin (plain http is only allowed for loopback hosts such as `http://localhost:3000`), or remove `credentials`\n  \
         - origin 3 \"https://*.github.io\": with `credentials`, a `*.` pattern on a public suffix trusts every site that anyone registers under it (a private entry of the Public Suffix List: its owner hands out names under it to unrelated customers); remove `credentials`, list the exact origins instead, or a pattern one label deeper under a domain you own\n  \
         - origin 4 \"https://app.example.com/\": an origin has no path, not even a trailing slash: browsers send `scheme://host[:port]` only, so remove everything from the first `/` after the host"
    );
    // Nothing was stored: a corrected value loads.
    assert!(!credentialed::POLICY
        .configured_origins()
        .unwrap()
        .is_loaded());
    std::env::set_var(
        "CONFIG_TEST_CREDENTIALED",
        "https://app.example.com, http://localhost:5173",
    );
    let loaded = credentialed::POLICY.load_origins().unwrap();
    assert_eq!(loaded.len(), 2);
    assert!(credentialed::POLICY.allows_origin(b"https://app.example.com"));
    assert!(credentialed::POLICY.allows_origin(b"http://localhost:5173"));
    assert!(!credentialed::POLICY.allows_origin(b"https://evil.example"));
    // Loading the same values again is harmless; other values are refused.
    assert!(credentialed::POLICY.load_origins().is_ok());
    let again = credentialed::POLICY
        .set_origins(["https://other.example.com"])
        .unwrap_err();
    assert_eq!(again.kind(), &ConfigErrorKind::AlreadyLoaded);
}

#[test]
fn a_missing_variable_is_an_error_unless_a_default_is_named() {
    std::env::remove_var("CONFIG_TEST_MISSING");
    let err = missing::POLICY.load_origins().unwrap_err();
    assert_eq!(err.kind(), &ConfigErrorKind::MissingVariable);
    assert!(err
        .to_string()
        .starts_with("the CORS origins of `missing` come from the environment variable `CONFIG_TEST_MISSING`, which is not set"));

    std::env::remove_var("CONFIG_TEST_DEFAULTED");
    defaulted::POLICY.load_origins().unwrap();
    assert!(defaulted::POLICY.allows_origin(b"http://localhost:5173"));
    assert!(defaulted::POLICY.allows_origin(b"http://127.0.0.1:47381"));
    assert!(!defaulted::POLICY.allows_origin(b"http://127.0.0.2:47381"));
}

#[test]
fn an_empty_variable_is_an_empty_list() {
    std::env::set_var("CONFIG_TEST_MISSING_EMPTY", "  ");
    #[cors(origin = env("CONFIG_TEST_MISSING_EMPTY"), methods = [GET])]
    async fn empty() {}
    let _ = empty;
    let err = empty::POLICY.load_origins().unwrap_err();
    assert_eq!(err.problems().len(), 1);
    assert!(
        err.to_string().contains("the origin list is empty"),
        "{err}"
    );
}

#[test]
fn configuration_values_are_checked_while_deserializing_and_against_the_policy() {
    #[derive(serde::Deserialize, Debug)]
    struct Settings {
        #[allow(dead_code)]
        cors_origins: OriginList,
    }
    let bad = serde_json::from_str::<Settings>(
        r#"{"cors_origins": ["https://app.example.com:443", "null", "https://a.example.com", "https://a.example.com"]}"#,
    )
    .unwrap_err()
    .to_string();
    for part in [
        "origin 1 \"https://app.example.com:443\": browsers never send the default port",
        "origin 2 \"null\": `null` is the origin of sandboxed iframes",
        "origin 4 \"https://a.example.com\": this origin is listed twice",
    ] {
        assert!(bad.contains(part), "missing {part:?} in {bad}");
    }

    // Syntax is fine on its own; `credentials` in the policy refuses plain http.
    let settings: Settings = serde_json::from_str(
        r#"{"cors_origins": ["https://app.example.com", "http://staging.example.com"]}"#,
    )
    .unwrap();
    let err = from_file::POLICY
        .set_origins(&settings.cors_origins)
        .unwrap_err();
    assert_eq!(err.problems().len(), 1);
    assert_eq!(
        err.problems()[0].value.as_deref(),
        Some("http://staging.example.com")
    );
    let settings: Settings =
        serde_json::from_str(r#"{"cors_origins": ["https://app.example.com"]}"#).unwrap();
    from_file::POLICY
        .set_origins(&settings.cors_origins)
        .unwrap();
    assert!(from_file::POLICY.allows_origin(b"https://app.example.com"));
    // A `config` policy is not read from the environment.
    assert_eq!(
        from_file::POLICY.load_origins().unwrap_err().kind(),
        &ConfigErrorKind::NotFromEnvironment
    );
}

#[tokio::test]
async fn before_loading_every_origin_is_refused_without_a_panic() {
    let app = Router::new().route("/r", cors_route!(get(never_loaded)));
    assert_eq!(
        acao(&app, request("GET", "https://app.example.com")).await,
        None
    );
    let preflight = Request::builder()
        .method("OPTIONS")
        .uri("/r")
        .header("origin", "https://app.example.com")
        .header("access-control-request-method", "GET")
        .body(Body::empty())
        .unwrap();
    let res = app.clone().oneshot(preflight).await.unwrap();
    assert_eq!(res.status(), 403);
    assert!(format!("{:?}", never_loaded::POLICY).contains("config (not loaded)"));
}

#[tokio::test]
async fn a_named_policy_shares_its_configured_origins_with_every_handler() {
    std::env::set_var("CONFIG_TEST_SPA", "https://app.example.com");
    SPA.load_origins().unwrap();
    // One slot: the handlers see what the named policy loaded.
    assert_eq!(spa_list::POLICY.origins(), SPA.origins());
    assert!(matches!(spa_remove::POLICY.origins(), Origins::Configured(c) if c.is_loaded()));
    assert_eq!(spa_list::POLICY.max_age(), Some(600));
    assert_eq!(spa_remove::POLICY.max_age(), Some(60));
    assert!(spa_remove::POLICY.credentials());
    let app = Router::new().route("/r", cors_route!(get(spa_list), delete(spa_remove)));
    assert_eq!(
        acao(&app, request("GET", "https://app.example.com"))
            .await
            .as_deref(),
        Some("https://app.example.com")
    );
    assert_eq!(
        acao(&app, request("DELETE", "https://app.example.com"))
            .await
            .as_deref(),
        Some("https://app.example.com")
    );
    assert_eq!(
        acao(&app, request("GET", "https://evil.example")).await,
        None
    );
}

#[test]
fn handlers_stay_callable() {
    let _ = (credentialed, missing, defaulted, from_file);
}

#[test]
fn literal_policies_have_nothing_to_configure() {
    #[cors(origin = "https://app.example.com", methods = [GET])]
    async fn literal() {}
    let _ = literal;
    assert_eq!(
        literal::POLICY.load_origins().unwrap_err().kind(),
        &ConfigErrorKind::NotConfigurable
    );
}
