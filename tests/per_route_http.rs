//! Starts the `per_route` example as a real server and checks every row of its policy table
//! over real HTTP: a preflight and an actual request per row, from an allowed and a refused
//! origin.

use std::net::SocketAddr;
use std::process::Stdio;

use cors_suite::{example_binary, send, RawResponse};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const APP: &str = "https://app.example.com";
const DEV: &str = "http://localhost:5173";
const ADMIN: &str = "https://admin.example.com";
const EVIL: &str = "https://evil.example";
const PREFLIGHT_VARY: &str =
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

struct Server {
    child: Child,
    addr: SocketAddr,
}

async fn start() -> Server {
    let mut child = Command::new(example_binary("per_route"))
        .env("PORT", "0")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start the per_route example");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let line = tokio::time::timeout(std::time::Duration::from_secs(30), lines.next_line())
        .await
        .expect("the example printed its address within 30 s")
        .expect("read stdout")
        .expect("a first line");
    let url = line
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
    let addr = url.parse().expect("a socket address");
    Server { child, addr }
}

async fn preflight(
    s: &Server,
    path: &str,
    origin: &str,
    method: &str,
    headers: &str,
) -> RawResponse {
    let mut h = vec![
        ("origin", origin),
        ("access-control-request-method", method),
    ];
    if !headers.is_empty() {
        h.push(("access-control-request-headers", headers));
    }
    send(s.addr, "OPTIONS", path, &h, b"").await
}

fn assert_refused_preflight(r: &RawResponse, what: &str) {
    assert_eq!(r.status, 403, "{what}: {r:?}");
    assert!(
        !r.has_cors_headers(),
        "{what}: refused preflight carries CORS headers: {r:?}"
    );
}

fn assert_no_cors(r: &RawResponse, what: &str) {
    assert!(
        !r.has_cors_headers(),
        "{what}: unexpected CORS headers: {r:?}"
    );
}

#[tokio::test]
async fn every_row_of_the_per_route_table() {
    let s = start().await;
    let json = [("content-type", "application/json")];

    // GET /public: origin *, methods [GET], expose [x-request-id]
    let r = preflight(&s, "/public", EVIL, "GET", "").await;
    assert_eq!(r.status, 204);
    assert_eq!(r.one("access-control-allow-origin"), Some("*"));
    assert_eq!(r.one("access-control-allow-methods"), Some("GET"));
    assert_eq!(r.one("access-control-allow-credentials"), None);
    assert_eq!(r.one("vary"), Some(PREFLIGHT_VARY));
    assert_refused_preflight(
        &preflight(&s, "/public", EVIL, "POST", "").await,
        "POST /public",
    );
    let r = send(s.addr, "GET", "/public", &[("origin", EVIL)], b"").await;
    assert_eq!((r.status, r.text().as_str()), (200, "public"));
    assert_eq!(r.one("access-control-allow-origin"), Some("*"));
    assert_eq!(r.one("access-control-expose-headers"), Some("x-request-id"));
    assert_eq!(r.one("x-request-id"), Some("42"));
    assert!(r.all("vary").is_empty(), "a * policy needs no Vary: {r:?}");
    // A `*` answer does not depend on the request: the same with a malformed origin or none.
    for origin in [Some("null, null"), None] {
        let h: Vec<(&str, &str)> = origin.map(|o| ("origin", o)).into_iter().collect();
        let r = send(s.addr, "GET", "/public", &h, b"").await;
        assert_eq!(
            r.one("access-control-allow-origin"),
            Some("*"),
            "{origin:?}"
        );
        assert_eq!(r.one("access-control-expose-headers"), Some("x-request-id"));
        assert!(r.all("vary").is_empty(), "{origin:?}: {r:?}");
    }

    // GET /items and POST /items: app origins, credentials, max_age 600
    for origin in [APP, DEV] {
        let r = preflight(&s, "/items", origin, "POST", "content-type,x-api-key").await;
        assert_eq!(r.status, 204, "{origin}: {r:?}");
        assert_eq!(r.one("access-control-allow-origin"), Some(origin));
        assert_eq!(r.one("access-control-allow-credentials"), Some("true"));
        assert_eq!(r.one("access-control-allow-methods"), Some("POST"));
        assert_eq!(
            r.one("access-control-allow-headers"),
            Some("content-type,x-api-key")
        );
        assert_eq!(r.one("access-control-max-age"), Some("600"));
    }
    assert_refused_preflight(
        &preflight(&s, "/items", EVIL, "POST", "content-type").await,
        "evil POST /items",
    );
    assert_refused_preflight(
        &preflight(&s, "/items", APP, "POST", "x-other").await,
        "x-other on /items",
    );
    assert_refused_preflight(
        &preflight(&s, "/items", APP, "DELETE", "").await,
        "DELETE /items",
    );
    let r = send(s.addr, "GET", "/items", &[("origin", APP)], b"").await;
    assert_eq!(r.status, 200);
    assert!(r.text().contains("apple"), "{r:?}");
    assert_eq!(r.one("access-control-allow-origin"), Some(APP));
    assert_eq!(r.one("access-control-allow-credentials"), Some("true"));
    assert_eq!(r.one("access-control-expose-headers"), Some("x-request-id"));
    assert_eq!(r.all("vary"), ["Origin"]);
    let r = send(
        s.addr,
        "POST",
        "/items",
        &[("origin", DEV), json[0]],
        br#"{"name":"plum"}"#,
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert!(r.text().contains("plum"), "{r:?}");
    assert_eq!(r.one("access-control-allow-origin"), Some(DEV));
    assert_eq!(r.one("access-control-allow-credentials"), Some("true"));
    let r = send(s.addr, "GET", "/items", &[("origin", EVIL)], b"").await;
    assert_eq!(
        r.status, 200,
        "refused origins still get the handler's answer"
    );
    assert_no_cors(&r, "evil GET /items");
    assert_eq!(r.all("vary"), ["Origin"]);
    let r = send(s.addr, "GET", "/items", &[], b"").await;
    assert_no_cors(&r, "GET /items without Origin");
    assert_eq!(
        r.all("vary"),
        ["Origin"],
        "list policies vary by origin even without Origin"
    );

    // GET /items/{id}: origin *, methods [GET]
    let r = send(s.addr, "GET", "/items/7", &[("origin", EVIL)], b"").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), r#"{"id":7}"#);
    assert_eq!(r.one("access-control-allow-origin"), Some("*"));
    assert_eq!(r.one("access-control-expose-headers"), None);
    let r = preflight(&s, "/items/7", EVIL, "GET", "").await;
    assert_eq!(r.one("access-control-allow-origin"), Some("*"));

    // PATCH and DELETE /items/{id}: admin origin only, credentials, max_age 60
    for method in ["PATCH", "DELETE"] {
        let r = preflight(&s, "/items/7", ADMIN, method, "content-type,authorization").await;
        assert_eq!(r.status, 204, "{method}: {r:?}");
        assert_eq!(r.one("access-control-allow-origin"), Some(ADMIN));
        assert_eq!(r.one("access-control-allow-methods"), Some(method));
        assert_eq!(
            r.one("access-control-allow-headers"),
            Some("content-type,authorization")
        );
        assert_eq!(r.one("access-control-allow-credentials"), Some("true"));
        // The public GET of this path allows neither header: a remembered header entry would
        // let a GET carrying them skip its preflight, so the answer is not to be remembered.
        assert_eq!(r.one("access-control-max-age"), Some("0"));
        assert_refused_preflight(
            &preflight(&s, "/items/7", APP, method, "").await,
            "app origin on admin route",
        );
    }
    assert_refused_preflight(
        &preflight(&s, "/items/7", ADMIN, "patch", "").await,
        "lowercase patch",
    );
    assert_refused_preflight(
        &preflight(&s, "/items/7", ADMIN, "PUT", "").await,
        "unmounted PUT",
    );
    let r = send(
        s.addr,
        "PATCH",
        "/items/7",
        &[("origin", ADMIN), json[0]],
        br#"{"name":"fig"}"#,
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.text().contains("fig"));
    assert_eq!(r.one("access-control-allow-origin"), Some(ADMIN));
    assert_eq!(r.one("access-control-allow-credentials"), Some("true"));
    let r = send(s.addr, "DELETE", "/items/7", &[("origin", ADMIN)], b"").await;
    assert_eq!(r.status, 204);
    assert_eq!(r.one("access-control-allow-origin"), Some(ADMIN));
    let r = send(s.addr, "DELETE", "/items/7", &[("origin", APP)], b"").await;
    assert_eq!(
        r.status, 204,
        "the handler still runs; the browser hides the answer"
    );
    assert_no_cors(&r, "DELETE from app origin");
    // GET on the same path keeps its own public policy.
    let r = send(s.addr, "GET", "/items/7", &[("origin", ADMIN)], b"").await;
    assert_eq!(r.one("access-control-allow-origin"), Some("*"));
    assert_eq!(r.one("access-control-allow-credentials"), None);

    // GET /me: 401 unless Bearer demo, CORS headers on both.
    let r = preflight(&s, "/me", APP, "GET", "authorization").await;
    assert_eq!(r.status, 204);
    assert_eq!(r.one("access-control-allow-origin"), Some(APP));
    let r = send(s.addr, "GET", "/me", &[("origin", APP)], b"").await;
    assert_eq!(r.status, 401);
    assert_eq!(r.one("access-control-allow-origin"), Some(APP));
    assert_eq!(r.one("access-control-allow-credentials"), Some("true"));
    let r = send(
        s.addr,
        "GET",
        "/me",
        &[("origin", APP), ("authorization", "Bearer demo")],
        b"",
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(r.text().contains("demo"));
    assert_eq!(r.one("access-control-allow-origin"), Some(APP));
    assert_refused_preflight(
        &preflight(&s, "/me", EVIL, "GET", "authorization").await,
        "evil /me",
    );

    // GET /partners: https://*.partner.example
    let r = preflight(&s, "/partners", "https://eu.partner.example", "GET", "").await;
    assert_eq!(r.status, 204);
    assert_eq!(
        r.one("access-control-allow-origin"),
        Some("https://eu.partner.example")
    );
    let r = send(
        s.addr,
        "GET",
        "/partners",
        &[("origin", "https://a.b.partner.example")],
        b"",
    )
    .await;
    assert_eq!(r.text(), "partners");
    assert_eq!(
        r.one("access-control-allow-origin"),
        Some("https://a.b.partner.example")
    );
    for refused in [
        "https://partner.example",
        "https://evilpartner.example",
        "https://x.partner.example.evil.net",
    ] {
        let r = send(s.addr, "GET", "/partners", &[("origin", refused)], b"").await;
        assert_no_cors(&r, refused);
        assert_refused_preflight(
            &preflight(&s, "/partners", refused, "GET", "").await,
            refused,
        );
    }

    // PUT /upload: app origin only, headers *, max_age 7200
    let r = preflight(&s, "/upload", APP, "PUT", "x-anything,content-type").await;
    assert_eq!(r.status, 204);
    assert_eq!(
        r.one("access-control-allow-headers"),
        Some("x-anything,content-type")
    );
    assert_eq!(r.one("access-control-max-age"), Some("7200"));
    assert_eq!(r.one("access-control-allow-credentials"), None);
    assert_refused_preflight(
        &preflight(&s, "/upload", APP, "PUT", "authorization").await,
        "authorization under *",
    );
    assert_refused_preflight(
        &preflight(&s, "/upload", DEV, "PUT", "").await,
        "dev origin on /upload",
    );
    let r = send(s.addr, "PUT", "/upload", &[("origin", APP)], b"data").await;
    assert_eq!((r.status, r.text().as_str()), (200, "stored"));
    assert_eq!(r.one("access-control-allow-origin"), Some(APP));
    let r = send(s.addr, "PUT", "/upload", &[("origin", DEV)], b"data").await;
    assert_no_cors(&r, "dev PUT /upload");

    drop(s.child);
}
