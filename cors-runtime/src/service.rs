//! The tower [`Layer`] and [`Service`] that put a route's policies on its requests.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::handler::Handler;
use http::{Request, Response};
use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;

use crate::diagnostics;
use crate::engine::{self, OriginDecision, Policies};
use crate::policy::{Methods, Policy};
use crate::request::RequestKind;

/// Applies CORS policies to a route.
///
/// Usually built for you by [`cors_route!`](crate::cors_route). On its own it wraps one
/// method route with one policy:
///
/// ```
/// use axum::{routing::get, Router};
/// use cors_runtime::{cors, CorsLayer};
///
/// #[cors(origin = "https://app.example.com", methods = [GET])]
/// async fn list() -> &'static str { "[]" }
///
/// const LIST_CORS: CorsLayer = CorsLayer::new(&list::POLICY);
///
/// let app: Router = Router::new().route("/items", get(list).layer(LIST_CORS));
/// ```
///
/// Layered like this, preflights reach the layer only if the method router sends `OPTIONS`
/// to it (`MethodRouter::layer` also wraps the fallback, so they do); prefer
/// [`cors_route!`](crate::cors_route), which also checks the mounts at compile time.
#[derive(Clone, Copy, Debug)]
pub struct CorsLayer<P = Policies> {
    table: P,
}

/// Where a [`CorsLayer`] reads its policies from.
///
/// [`Policies`] is a table held as a value. [`cors_route!`](crate::cors_route) instead
/// generates a zero-sized type per route whose table is a `const`: the layer, and the handler
/// it wraps, stay zero-sized, so axum can route to them without allocating per request.
#[doc(hidden)]
pub trait PolicyTable: Copy + Send + Sync + 'static {
    /// The route's policies.
    fn policies(&self) -> Policies;
}

impl PolicyTable for Policies {
    #[inline]
    fn policies(&self) -> Policies {
        *self
    }
}

impl CorsLayer {
    /// One policy for every method of the route.
    ///
    /// # Panics
    /// When the policy lists no `methods`: such a policy allows the methods its handler is
    /// mounted on, which only [`cors_route!`](crate::cors_route) knows, so a layer would have
    /// to refuse every preflight. Build the layer in a `const` and this is a compile error:
    ///
    /// ```compile_fail
    /// use cors_runtime::{cors, CorsLayer};
    ///
    /// #[cors(origin = "https://app.example.com")]
    /// async fn list() -> &'static str { "[]" }
    ///
    /// // error: this policy lists no `methods` ...
    /// const LIST_CORS: CorsLayer = CorsLayer::new(&list::POLICY);
    /// ```
    ///
    /// Written inline (`get(list).layer(CorsLayer::new(&list::POLICY))`), it panics while the
    /// router is built, before any request is served.
    pub const fn new(policy: &'static Policy) -> Self {
        if let Methods::Mounted = policy.methods() {
            panic!(
                "this policy lists no `methods`, so a CorsLayer cannot know which methods to \
                 allow in preflights: add `methods = [GET, POST, ...]` to its #[cors], or mount \
                 the handler with cors_route!, which knows the mounted methods"
            );
        }
        CorsLayer {
            table: Policies::One(policy),
        }
    }
}

impl<P: PolicyTable> CorsLayer<P> {
    /// A layer reading its policies from `table`.
    pub(crate) const fn from_table(table: P) -> Self {
        CorsLayer { table }
    }
}

impl<S, P: PolicyTable> Layer<S> for CorsLayer<P> {
    type Service = CorsService<S, P>;

    fn layer(&self, inner: S) -> CorsService<S, P> {
        CorsService {
            inner,
            table: self.table,
        }
    }
}

/// The service built by [`CorsLayer`].
#[derive(Clone, Copy, Debug)]
pub struct CorsService<S, P = Policies> {
    inner: S,
    table: P,
}

impl<S, P, B> Service<Request<B>> for CorsService<S, P>
where
    S: Service<Request<B>, Response = Response<Body>>,
    P: PolicyTable,
{
    type Response = Response<Body>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        match start(self.table.policies(), &request) {
            Start::Preflight(response) => ResponseFuture::preflight(response),
            Start::Actual(finish) => ResponseFuture::inner(self.inner.call(request), finish),
        }
    }
}

/// What CORS does with a request, decided before any handler runs.
enum Start {
    /// A preflight, answered here.
    Preflight(Response<Body>),
    /// Anything else: run the handler, then apply this policy and decision, if any.
    Actual(Option<(&'static Policy, OriginDecision)>),
}

#[inline]
fn start<B>(policies: Policies, request: &Request<B>) -> Start {
    let headers = request.headers();
    match RequestKind::of(request.method(), headers) {
        // The handler never runs for a preflight.
        RequestKind::Preflight { origin, method } => Start::Preflight(engine::preflight(
            &policies,
            headers,
            origin,
            method,
            request.uri().path(),
        )),
        RequestKind::Actual { origin } => {
            let method = request.method().as_str();
            Start::Actual(policies.for_actual(method.as_bytes()).map(|policy| {
                let decision = engine::decide_request_origin(policy, origin);
                if decision == OriginDecision::Refused {
                    diagnostics::origin_refused(request.uri().path(), origin, method);
                }
                (policy, decision)
            }))
        }
    }
}

/// A handler with CORS applied: what [`cors_route!`](crate::cors_route) mounts for each
/// method.
#[doc(hidden)]
///
/// It calls the wrapped handler directly, with no service adapter between them, so it adds
/// nothing to a request but the CORS work itself. Preflights are answered without calling the
/// handler.
#[derive(Clone, Copy, Debug)]
pub struct CorsHandler<H, P = Policies> {
    handler: H,
    table: P,
}

impl<H, P: PolicyTable> CorsHandler<H, P> {
    /// Wraps `handler` with the policies of `table`.
    pub const fn new(handler: H, table: P) -> Self {
        CorsHandler { handler, table }
    }
}

impl<H, T, S, P> Handler<T, S> for CorsHandler<H, P>
where
    H: Handler<T, S>,
    P: PolicyTable,
    S: Send + 'static,
{
    type Future = ResponseFuture<H::Future>;

    fn call(self, request: Request<Body>, state: S) -> Self::Future {
        match start(self.table.policies(), &request) {
            Start::Preflight(response) => ResponseFuture::preflight(response),
            Start::Actual(finish) => {
                ResponseFuture::inner(self.handler.call(request, state), finish)
            }
        }
    }
}

/// The outputs [`ResponseFuture`] can carry: a service's `Result` or a handler's bare
/// response.
#[doc(hidden)]
pub trait ResponseOutput: sealed::Sealed {
    /// Wraps an answer produced by CORS itself.
    fn from_response(response: Response<Body>) -> Self;
    /// The response to add headers to, if there is one.
    fn response_mut(&mut self) -> Option<&mut Response<Body>>;
}

impl<E> ResponseOutput for Result<Response<Body>, E> {
    fn from_response(response: Response<Body>) -> Self {
        Ok(response)
    }
    fn response_mut(&mut self) -> Option<&mut Response<Body>> {
        self.as_mut().ok()
    }
}

impl ResponseOutput for Response<Body> {
    fn from_response(response: Response<Body>) -> Self {
        response
    }
    fn response_mut(&mut self) -> Option<&mut Response<Body>> {
        Some(self)
    }
}

mod sealed {
    pub trait Sealed {}
    impl<E> Sealed for Result<http::Response<axum::body::Body>, E> {}
    impl Sealed for http::Response<axum::body::Body> {}
}

pin_project! {
    /// The response future of [`CorsService`]: the inner service's response with the CORS
    /// headers applied, or the answer to a preflight.
    pub struct ResponseFuture<F> {
        #[pin]
        kind: Kind<F>,
    }
}

pin_project! {
    #[project = KindProj]
    enum Kind<F> {
        // A preflight, answered without the inner service.
        Ready { response: Option<Response<Body>> },
        // An actual request: the inner response gets the CORS headers.
        Inner {
            #[pin]
            future: F,
            finish: Option<(&'static Policy, OriginDecision)>,
        },
    }
}

impl<F> ResponseFuture<F> {
    fn preflight(response: Response<Body>) -> Self {
        ResponseFuture {
            kind: Kind::Ready {
                response: Some(response),
            },
        }
    }

    fn inner(future: F, finish: Option<(&'static Policy, OriginDecision)>) -> Self {
        ResponseFuture {
            kind: Kind::Inner { future, finish },
        }
    }
}

impl<F> Future for ResponseFuture<F>
where
    F: Future,
    F::Output: ResponseOutput,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().kind.project() {
            KindProj::Ready { response } => Poll::Ready(F::Output::from_response(
                response
                    .take()
                    .expect("ResponseFuture polled after completion"),
            )),
            KindProj::Inner { future, finish } => {
                let mut output =
                    std::task::ready!(crate::diagnostics::inside_cors(|| future.poll(cx)));
                if let (Some((policy, decision)), Some(response)) =
                    (finish.take(), output.response_mut())
                {
                    engine::finish_actual(policy, decision, response.headers_mut());
                }
                Poll::Ready(output)
            }
        }
    }
}

/// A fallback for the application's unmatched paths, answered by `handler` with `policy`.
///
/// Without it, a request to a path no route matches gets axum's bare `404` with no CORS
/// headers, so a typo in a front-end URL shows up in the browser as a CORS error instead of a
/// `404`. With it, preflights to unknown paths are answered by `policy` and the handler's
/// answer (your `404`) carries the policy's headers, so the script sees the real status.
///
/// A route's own policy always wins: the fallback only serves paths no route matches (an
/// unmounted method on a `cors_route!` path is still that path's `405`), so no response gets
/// headers from two policies.
///
/// ```
/// use axum::{http::StatusCode, Router};
/// use cors_runtime::{cors, cors_route};
///
/// #[cors(origin = "https://app.example.com", methods = [GET])]
/// async fn items() -> &'static str { "[]" }
///
/// /// Every unknown URL: a 404 the front-end can read.
/// #[cors(origin = "https://app.example.com", methods = [GET, POST, PUT, DELETE, PATCH], headers = ["content-type"])]
/// async fn not_found() -> (StatusCode, &'static str) {
///     (StatusCode::NOT_FOUND, "no such resource")
/// }
///
/// let app: Router = Router::new()
///     .route("/items", cors_route!(get(items)))
///     .fallback(cors_runtime::fallback(not_found, &not_found::POLICY));
/// ```
///
/// # Panics
/// When the policy lists no `methods`, as [`CorsLayer::new`] does: there are no mounted
/// methods to take them from.
pub fn fallback<H, T, S>(handler: H, policy: &'static Policy) -> axum::routing::MethodRouter<S>
where
    H: Handler<T, S>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    let CorsLayer { table } = CorsLayer::new(policy);
    axum::routing::any(CorsHandler::new(handler, table))
}
