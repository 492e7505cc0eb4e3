//! The machinery of the browser suite: finding and driving Chromium, the page server that
//! hands the browser its scenario script and collects what the browser saw, and the request
//! log that counts what reached the API.

use std::collections::BTreeMap;
use std::fs::File;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use tokio::net::TcpListener;

/// Where the Debian package `chromium` puts the browser.
pub const CHROMIUM_PATH: &str = "/usr/bin/chromium";

/// The flags every launch uses: headless, no sandbox (the suite may run as root), and nothing
/// that talks to the network on its own.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
];

// ---------------------------------------------------------------------------------------------
// Finding the browser.

/// The Chromium binary to use, or `None` when the suite must be skipped.
///
/// Looks at [`CHROMIUM_PATH`], then for `chromium` on `PATH`. When none is found, the suite is
/// skipped with a message, except under `CI=true`, where a missing browser is a failure.
pub fn chromium_or_skip() -> Option<PathBuf> {
    if let Some(found) = find_chromium() {
        return Some(found);
    }
    let message = format!(
        "the browser suite needs Chromium: neither {CHROMIUM_PATH} nor `chromium` on PATH was \
         found. Install the Debian package with `apt-get install chromium`."
    );
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{message} (CI=true: a missing browser fails the suite instead of skipping it)");
    }
    announce(&format!("SKIPPED: {message}"));
    None
}

/// Writes a line to the real stderr, past the test harness's output capture, so that it shows
/// in a plain `cargo test` run too.
pub fn announce(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

fn find_chromium() -> Option<PathBuf> {
    let fixed = Path::new(CHROMIUM_PATH);
    if is_executable(fixed) {
        return Some(fixed.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromium"))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

// ---------------------------------------------------------------------------------------------
// Driving the browser.

/// A running headless Chromium with its own throw-away profile.
///
/// Dropping it kills the browser's whole process group (renderers, network service, zygotes)
/// and removes the profile directory, on every path out of the test, panics included.
pub struct Chromium {
    child: Child,
    profile: PathBuf,
    log: PathBuf,
}

impl Chromium {
    /// Starts `binary` on `url` in a new process group, with a fresh profile directory.
    pub fn launch(binary: &Path, url: &str) -> Chromium {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let profile =
            std::env::temp_dir().join(format!("cors-browser-suite-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&profile).expect("create the browser profile directory");
        // The log lives beside the profile, not inside it, so the browser cannot lock it.
        let log = profile.with_extension("log");
        let log_file = File::create(&log).expect("create the browser log file");
        let mut command = Command::new(binary);
        command
            .args(CHROMIUM_FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(url)
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("clone the log file handle"))
            .stderr(log_file)
            // Its own group, so that one signal reaches every helper process it forks.
            .process_group(0);
        let child = match command.spawn() {
            Ok(child) => child,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&profile);
                let _ = std::fs::remove_file(&log);
                panic!("could not start {}: {e}", binary.display());
            }
        };
        Chromium {
            child,
            profile,
            log,
        }
    }

    /// The exit status, if the browser has already exited.
    pub fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// The last lines the browser printed, for failure messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let group = self.child.id();
        // The group id is the browser's own pid (`process_group(0)`).
        let killed_group = Command::new("kill")
            .args(["-KILL", "--", &format!("-{group}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !killed_group {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        // The helpers die asynchronously; give them a moment so none outlives the test.
        let group_alive = || {
            Command::new("kill")
                .args(["-0", "--", &format!("-{group}")])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        let deadline = Instant::now() + Duration::from_secs(3);
        while killed_group && group_alive() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        // Helpers may still be closing files in the profile for a moment after the signal.
        for _ in 0..20 {
            if std::fs::remove_dir_all(&self.profile).is_ok() || !self.profile.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = std::fs::remove_file(&self.log);
    }
}

// ---------------------------------------------------------------------------------------------
// What reached the API.

/// One request as the API saw it, before any CORS processing.
#[derive(Clone, Debug)]
pub struct Seen {
    /// The method, as sent (case preserved).
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// Whether it carried `Access-Control-Request-Method` (an `OPTIONS` preflight).
    pub preflight: bool,
    /// Its `Origin`, if it had one.
    pub origin: Option<String>,
    /// A preflight's `Access-Control-Request-Method`.
    pub request_method: Option<String>,
    /// A preflight's `Access-Control-Request-Headers`.
    pub request_headers: Option<String>,
    /// The status the app answered.
    pub status: u16,
}

/// Every request that reached the API, in order.
#[derive(Clone, Default)]
pub struct RequestLog(Arc<Mutex<Vec<Seen>>>);

impl RequestLog {
    /// Wraps `app` so that every request is logged. Put it outermost, around the CORS layers,
    /// so that preflights (answered by those layers) are logged too.
    pub fn wrap(&self, app: Router) -> Router {
        let log = self.clone();
        app.layer(axum::middleware::from_fn(
            move |request: Request, next: Next| {
                let log = log.clone();
                async move {
                    let method = request.method().as_str().to_owned();
                    let path = request.uri().path().to_owned();
                    let headers = request.headers();
                    let origin = header_text(headers, header::ORIGIN);
                    let request_method =
                        header_text(headers, header::ACCESS_CONTROL_REQUEST_METHOD);
                    let request_headers =
                        header_text(headers, header::ACCESS_CONTROL_REQUEST_HEADERS);
                    let preflight = method == "OPTIONS" && request_method.is_some();
                    let response = next.run(request).await;
                    log.0.lock().unwrap().push(Seen {
                        method,
                        path,
                        preflight,
                        origin,
                        request_method,
                        request_headers,
                        status: response.status().as_u16(),
                    });
                    response
                }
            },
        ))
    }

    /// The preflights that reached `path`.
    pub fn preflights(&self, path: &str) -> Vec<Seen> {
        self.all(path).into_iter().filter(|s| s.preflight).collect()
    }

    /// The actual (non-preflight) requests that reached `path`.
    pub fn actual(&self, path: &str) -> Vec<Seen> {
        self.all(path)
            .into_iter()
            .filter(|s| !s.preflight)
            .collect()
    }

    /// The preflights that reached `path` asking for `method`.
    pub fn preflights_for(&self, path: &str, method: &str) -> Vec<Seen> {
        self.preflights(path)
            .into_iter()
            .filter(|s| s.request_method.as_deref() == Some(method))
            .collect()
    }

    /// The actual requests with `method` that reached `path`, that is, its handler.
    pub fn reached(&self, path: &str, method: &str) -> Vec<Seen> {
        self.actual(path)
            .into_iter()
            .filter(|s| s.method == method)
            .collect()
    }

    /// Every request that reached `path`, preflights included.
    pub fn all(&self, path: &str) -> Vec<Seen> {
        let log = self.0.lock().unwrap();
        log.iter().filter(|s| s.path == path).cloned().collect()
    }
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .map(|v| v.to_str().unwrap_or("?").to_owned())
}

/// Binds the API on an ephemeral loopback port and serves `app` in the background.
pub async fn serve_api(app: Router) -> SocketAddr {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("bind the API on 127.0.0.1");
    let addr = listener.local_addr().expect("the API's address");
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("serve the API");
    });
    addr
}

// ---------------------------------------------------------------------------------------------
// The pages.

/// One page the browser visits: its name, and the origin it is loaded from.
#[derive(Clone, Debug)]
pub struct Page {
    /// Selects the scenarios the script runs (see `page.js`).
    pub name: &'static str,
    /// The page's origin, e.g. `http://127.0.0.1:47381`.
    pub origin: String,
}

impl Page {
    /// The page's address.
    pub fn url(&self) -> String {
        format!("{}/page/{}", self.origin, self.name)
    }
}

/// What the script observed for one scenario.
#[derive(Clone, Debug, Deserialize)]
pub struct Outcome {
    /// The scenario's name.
    pub name: String,
    /// Whether `fetch` resolved (false: it rejected, the browser refused the response).
    pub ok: bool,
    /// The status the script could read.
    pub status: Option<u16>,
    /// The body the script could read.
    pub body: Option<String>,
    /// Every response header the script could read (the browser filters the rest out).
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The rejection, when `fetch` rejected.
    pub error: Option<String>,
}

/// A page's report.
#[derive(Clone, Debug, Deserialize)]
pub struct Report {
    /// The scenarios, in the order they ran.
    pub results: Vec<Outcome>,
    /// An exception that stopped the script, if any.
    pub fatal: Option<String>,
}

#[derive(Clone)]
struct PageState {
    config: Arc<BTreeMap<&'static str, String>>,
    reports: Arc<Mutex<BTreeMap<String, Report>>>,
}

/// The server of the pages: every page the browser visits, on one fixed port, under several
/// host names (`127.0.0.1`, `localhost`, `app.localhost`).
pub struct PageServer {
    reports: Arc<Mutex<BTreeMap<String, Report>>>,
}

/// Serves `pages` on `port` of loopback. Each page runs its scenarios against `api`, posts its
/// report to its own origin, then navigates to the next page of the list.
///
/// The port is fixed because the policies under test name the pages' origins at compile time.
/// When it is busy (another run of this suite, or another program), binding is retried for a
/// while and then the suite fails, naming the port.
pub async fn serve_pages(port: u16, pages: &[Page], api: SocketAddr) -> PageServer {
    let mut config = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        let next = pages.get(i + 1).map(Page::url).unwrap_or_default();
        let script_config = serde_json::json!({
            "page": page.name,
            "api": format!("http://{api}"),
            "next": next,
        });
        config.insert(page.name, script_config.to_string());
    }
    let state = PageState {
        config: Arc::new(config),
        reports: Arc::default(),
    };
    let app = Router::new()
        .route("/page/{name}", get(page))
        .route("/page.js", get(script))
        .route("/report/{name}", post(report))
        .with_state(state.clone());

    let listener = bind_fixed(port).await;
    let served = app.clone();
    tokio::spawn(async move { axum::serve(listener, served).await });
    // `localhost` and `*.localhost` may be tried on ::1 first; answer there too when possible.
    if let Ok(v6) = TcpListener::bind((Ipv6Addr::LOCALHOST, port)).await {
        tokio::spawn(async move { axum::serve(v6, app).await });
    }
    PageServer {
        reports: state.reports,
    }
}

async fn bind_fixed(port: u16) -> TcpListener {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut told = false;
    loop {
        match TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await {
            Ok(listener) => return listener,
            Err(e) if Instant::now() < deadline => {
                if !told {
                    eprintln!("port 127.0.0.1:{port} is busy ({e}); retrying for up to 30 s");
                    told = true;
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => panic!(
                "the browser suite serves its pages on the fixed port 127.0.0.1:{port} (the \
                 policies under test name that origin at compile time), and it stayed busy for \
                 30 s: {e}. Stop whatever listens there (`ss -ltnp 'sport = :{port}'`)."
            ),
        }
    }
}

const PAGE_HTML: &str = include_str!("page.html");
const PAGE_JS: &str = include_str!("page.js");

async fn page(State(state): State<PageState>, UrlPath(name): UrlPath<String>) -> Response {
    match state.config.get(name.as_str()) {
        Some(config) => (
            [(header::CACHE_CONTROL, "no-store")],
            axum::response::Html(PAGE_HTML.replace("{{CONFIG}}", config)),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn script() -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    (headers, Body::from(PAGE_JS)).into_response()
}

async fn report(
    State(state): State<PageState>,
    UrlPath(name): UrlPath<String>,
    body: String,
) -> StatusCode {
    let report = match serde_json::from_str::<Report>(&body) {
        Ok(report) => report,
        Err(e) => Report {
            results: Vec::new(),
            fatal: Some(format!("unreadable report ({e}): {body}")),
        },
    };
    state.reports.lock().unwrap().insert(name, report);
    StatusCode::NO_CONTENT
}

impl PageServer {
    /// Waits until every page of `names` has reported, the browser exits, or `timeout` passes.
    /// Panics with the browser's last log lines in the last two cases.
    pub async fn wait_for(
        &self,
        names: &[&str],
        browser: &mut Chromium,
        timeout: Duration,
    ) -> BTreeMap<String, Report> {
        let deadline = Instant::now() + timeout;
        loop {
            {
                let reports = self.reports.lock().unwrap();
                if names.iter().all(|n| reports.contains_key(*n)) {
                    return reports.clone();
                }
            }
            if let Some(status) = browser.exited() {
                panic!(
                    "Chromium exited ({status}) before every page reported.\n--- browser log \
                     ---\n{}",
                    browser.log_tail()
                );
            }
            if Instant::now() >= deadline {
                let got: Vec<String> = self.reports.lock().unwrap().keys().cloned().collect();
                panic!(
                    "the pages did not all report within {timeout:?}: expected {names:?}, got \
                     {got:?}.\n--- browser log ---\n{}",
                    browser.log_tail()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
