//! Compile-time checked, per-route CORS for [axum].
//!
//! Write the policy on the handler; the compiler rejects invalid and insecure policies; at run
//! time every response carries exactly the headers the
//! [Fetch standard](https://fetch.spec.whatwg.org/#http-cors-protocol) asks for, from values
//! computed at compile time.
//!
//! ```
//! use axum::Router;
//! use cors_runtime::{cors, cors_route};
//!
//! #[cors(origin = ["https://app.example.com"], methods = [GET, POST], headers = ["content-type"], credentials)]
//! async fn items() -> &'static str { "[]" }
//!
//! #[cors(origin = ["https://app.example.com"], methods = [GET, POST], headers = ["content-type"], credentials)]
//! async fn create() -> &'static str { "{}" }
//!
//! let app: Router = Router::new().route("/items", cors_route!(get(items), post(create)));
//! ```
//!
//! # How it fits together
//! - [`cors`] (the attribute) validates the policy and emits a `const` [`Policy`] next to the
//!   handler, reachable as `handler::POLICY`. The handler itself is left as written (debug
//!   builds add a once-only warning when it runs outside the CORS wiring).
//! - [`cors_route!`] mounts the handlers of one path and answers that path's preflights with
//!   the policy of the handler mounted on the requested method.
//! - [`CorsLayer`] is the tower layer underneath, usable on its own for one policy.
//!
//! # Mounting
//! Mount the handlers of one path with [`cors_route!`]:
//!
//! ```
//! # use axum::{Router, middleware::{from_fn, Next}, extract::Request, response::Response};
//! # use cors_runtime::{cors, cors_route};
//! # #[cors(origin = "*", methods = [GET])]
//! # async fn read() -> &'static str { "item" }
//! # #[cors(origin = "https://admin.example.com", methods = [DELETE], credentials)]
//! # async fn remove() -> &'static str { "gone" }
//! # async fn auth(req: Request, next: Next) -> Response { next.run(req).await }
//! let app: Router = Router::new().route(
//!     "/items/{id}",
//!     cors_route!(get(read), delete(remove.layer(from_fn(auth)))),
//! );
//! ```
//!
//! - `State`, extractors, `with_state`, `nest`, `merge` and `Router::layer` work as usual.
//! - Layers that can reject a request, such as authentication, belong on the handler inside
//!   the macro (`remove.layer(...)`): they then run inside CORS, so preflights are answered
//!   before them and their `401` carries CORS headers. A `Router::route_layer` runs before the
//!   route and sees preflights too.
//! - A `#[cors]` handler mounted with plain `axum::routing::get` gets **no** CORS headers: the
//!   policy is only applied by [`cors_route!`] (or an explicit [`CorsLayer`]).
//!
//! # What the engine does per request
//! - No `Origin`: the request is not a CORS request and passes through. An `origin = "*"`
//!   policy still puts its `Access-Control-Allow-Origin: *` on the response (its answer does
//!   not depend on the request, so a cached copy must carry it); routes whose answer depends
//!   on the origin get `Vary: Origin`.
//! - `OPTIONS` + `Origin` + `Access-Control-Request-Method`: a preflight, answered `204` with
//!   the policy's headers, or `403` with none. The handler never runs. An allowed answer names
//!   only the requested method and headers, and says `Access-Control-Max-Age: 0` when another
//!   handler of the path would refuse a requested header: the browser's preflight cache then
//!   cannot carry one handler's answer over to another.
//! - Anything else with `Origin`: the handler runs, its status and body pass through, and the
//!   allowed origin gets exactly one `Access-Control-Allow-Origin` (plus credentials and
//!   exposed headers as the policy says), on every status.
//! - On every response of a CORS route, the policy is the only source of `Access-Control-*`
//!   headers: any the handler set are removed.
//! - Oversized values (an `Origin` longer than any allowed origin, a 16-byte-plus method, an
//!   `Access-Control-Request-Headers` list over its bounds) are refused before they are read.
//!
//! # Diagnostics
//! Browsers say little more than "Failed to fetch" when CORS refuses a call, so the crate says
//! why on the server: with the `tracing` feature (on by default), every refused preflight and
//! every refused origin on an actual request is a `debug` event of target `cors_runtime`,
//! with the path, the origin, the method and the reason (the origin not listed, the method not
//! mounted or not allowed, which requested header, Private Network Access, a malformed or
//! oversized value). Request values are escaped and cut to 96 bytes. Nothing of it goes into
//! the response: a reason would tell an attacker what to change. To see them:
//!
//! ```text
//! RUST_LOG=cors_runtime=debug   (with tracing_subscriber's EnvFilter)
//! ```
//!
//! With no subscriber listening at debug level a refusal pays one level check (about 25
//! instructions); `default-features = false` compiles the events out.
#![warn(missing_docs)]
#![deny(unreachable_pub)]
#![deny(unsafe_code)]

mod config;
mod diagnostics;
mod engine;
mod origin;
mod policy;
mod request;
mod service;
pub mod testing;

#[cfg(feature = "serde")]
pub use config::OriginList;
pub use config::{ConfigError, ConfigErrorKind, ConfiguredOrigins, OriginProblem, OriginSource};
/// Why an origin is not valid in a policy, with [`OriginError::message`] saying how to fix it.
pub use cors_rules::OriginError;
pub use policy::{AllowedOrigin, Methods, OriginPredicate, Origins, Policy, RequestHeaders};
pub use service::{fallback, CorsLayer, CorsService, ResponseFuture};

pub use cors_macros::{cors, cors_policy, cors_route};

/// Items used by the code the macros generate. Not a public API: anything here may change in
/// any release, and the macros of one `cors-runtime` version only ever call the items of the
/// same version (`cors-runtime` depends on exactly one `cors-macros`).
#[doc(hidden)]
pub mod __private_v1 {
    use std::convert::Infallible;
    use std::future::{ready, Ready};
    use std::task::{Context, Poll};

    use axum::body::Body;
    use http::{Request, Response, StatusCode};

    pub use crate::config::{ConfiguredOrigins, OriginSlot, OriginSource};
    pub use crate::diagnostics::check_mounted;
    pub use crate::engine::{Mount, Policies};
    pub use crate::policy::{
        AllowedOrigin, Methods, OriginPredicate, Origins, Policy, PolicyParts, RequestHeaders,
    };
    pub use crate::service::{CorsHandler, PolicyTable, ResponseOutput};
    pub use axum;
    pub use cors_macros::cors_merged;
    pub use cors_rules::OriginShape;

    /// The companion of a `#[cors]` handler: how `cors_route!` finds the handler's policy.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` has no #[cors] policy",
        note = "put `#[cors(...)]` on the handler function, or mount it with plain axum routing"
    )]
    pub trait Companion {
        /// The handler's policy.
        const CORS_POLICY: &'static Policy;
    }

    /// The handler's policy lets `cors_route!` mount it on GET.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is mounted on GET, but its #[cors] policy does not allow GET",
        label = "mounted on GET here",
        note = "add GET to the handler's `methods = [...]`, or mount it on a method its policy lists"
    )]
    pub trait AllowsGet {}

    /// The mount of the handler `H` on GET: compiles only when its policy allows GET.
    pub const fn mount_get<H: AllowsGet + Companion>() -> Mount {
        Mount::new("GET", H::CORS_POLICY)
    }

    /// The handler's policy lets `cors_route!` mount it on HEAD.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is mounted on HEAD, but its #[cors] policy does not allow HEAD",
        label = "mounted on HEAD here",
        note = "add HEAD to the handler's `methods = [...]`, or mount it on a method its policy lists"
    )]
    pub trait AllowsHead {}

    /// The mount of the handler `H` on HEAD: compiles only when its policy allows HEAD.
    pub const fn mount_head<H: AllowsHead + Companion>() -> Mount {
        Mount::new("HEAD", H::CORS_POLICY)
    }

    /// The handler's policy lets `cors_route!` mount it on POST.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is mounted on POST, but its #[cors] policy does not allow POST",
        label = "mounted on POST here",
        note = "add POST to the handler's `methods = [...]`, or mount it on a method its policy lists"
    )]
    pub trait AllowsPost {}

    /// The mount of the handler `H` on POST: compiles only when its policy allows POST.
    pub const fn mount_post<H: AllowsPost + Companion>() -> Mount {
        Mount::new("POST", H::CORS_POLICY)
    }

    /// The handler's policy lets `cors_route!` mount it on PUT.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is mounted on PUT, but its #[cors] policy does not allow PUT",
        label = "mounted on PUT here",
        note = "add PUT to the handler's `methods = [...]`, or mount it on a method its policy lists"
    )]
    pub trait AllowsPut {}

    /// The mount of the handler `H` on PUT: compiles only when its policy allows PUT.
    pub const fn mount_put<H: AllowsPut + Companion>() -> Mount {
        Mount::new("PUT", H::CORS_POLICY)
    }

    /// The handler's policy lets `cors_route!` mount it on DELETE.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is mounted on DELETE, but its #[cors] policy does not allow DELETE",
        label = "mounted on DELETE here",
        note = "add DELETE to the handler's `methods = [...]`, or mount it on a method its policy lists"
    )]
    pub trait AllowsDelete {}

    /// The mount of the handler `H` on DELETE: compiles only when its policy allows DELETE.
    pub const fn mount_delete<H: AllowsDelete + Companion>() -> Mount {
        Mount::new("DELETE", H::CORS_POLICY)
    }

    /// The handler's policy lets `cors_route!` mount it on PATCH.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is mounted on PATCH, but its #[cors] policy does not allow PATCH",
        label = "mounted on PATCH here",
        note = "add PATCH to the handler's `methods = [...]`, or mount it on a method its policy lists"
    )]
    pub trait AllowsPatch {}

    /// The mount of the handler `H` on PATCH: compiles only when its policy allows PATCH.
    pub const fn mount_patch<H: AllowsPatch + Companion>() -> Mount {
        Mount::new("PATCH", H::CORS_POLICY)
    }

    /// The handler's policy lets `cors_route!` mount it on OPTIONS.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is mounted on OPTIONS, but its #[cors] policy does not allow OPTIONS",
        label = "mounted on OPTIONS here",
        note = "add OPTIONS to the handler's `methods = [...]`, or mount it on a method its policy lists"
    )]
    pub trait AllowsOptions {}

    /// The mount of the handler `H` on OPTIONS: compiles only when its policy allows OPTIONS.
    pub const fn mount_options<H: AllowsOptions + Companion>() -> Mount {
        Mount::new("OPTIONS", H::CORS_POLICY)
    }

    /// The fallback of a `cors_route!` method router: answers the path's preflights, and
    /// everything else exactly as axum's default fallback does (`405`, to which the method
    /// router adds `Allow`).
    pub fn fallback<P: PolicyTable>(table: P) -> crate::CorsService<MethodNotAllowed, P> {
        tower_layer::Layer::layer(&crate::CorsLayer::from_table(table), MethodNotAllowed)
    }

    /// Answers `405 Method Not Allowed` with an empty body, like axum's default fallback.
    #[derive(Clone, Copy, Debug)]
    pub struct MethodNotAllowed;

    impl<B> tower_service::Service<Request<B>> for MethodNotAllowed {
        type Response = Response<Body>;
        type Error = Infallible;
        type Future = Ready<Result<Response<Body>, Infallible>>;

        fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, _request: Request<B>) -> Self::Future {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
            ready(Ok(response))
        }
    }
}
