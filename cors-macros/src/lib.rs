//! The `#[cors]` attribute and the `cors_route!` macro.
//!
//! Use them through `cors-runtime`, which re-exports both; the code they generate refers to
//! `::cors_runtime::__private_v1` only.

use proc_macro::TokenStream;

// The attribute: attr (shape) -> valid (meaning, with the rule book) -> expand; the route
// macro: route::parse -> route::check -> route::expand. Both report through `errors` and
// suggest through `suggest`.
mod attr;
mod errors;
mod expand;
mod fallback;
mod route;
mod suggest;
mod valid;

/// Puts a CORS policy on an axum handler, checked at compile time.
///
/// The attribute goes on a free `async fn`. The function is emitted as written (it stays
/// callable, e.g. from unit tests; in debug builds one statement at the start of its body
/// warns, once, when it runs outside the CORS wiring, which is what a handler mounted with
/// plain `get(handler)` instead of `cors_route!` does); next to it, a struct with the same name holds the
/// validated policy as `handler::POLICY`, a `const` `cors_runtime::Policy` that
/// [`cors_route!`](macro@crate::cors_route) mounts. Every invalid or insecure policy is a
/// compile error pointing at the offending token, and all errors of one attribute are reported
/// together.
///
/// ```
/// use cors_runtime::{cors, Methods};
///
/// /// Lists the items.
/// #[cors(
///     origin = ["https://app.example.com", "https://*.preview.example.com"],
///     methods = [GET, POST],
///     headers = [CONTENT_TYPE, "x-api-key"],
///     expose = ["x-request-id"],
///     credentials,
///     max_age = 600,
/// )]
/// async fn items() -> &'static str {
///     "[]"
/// }
///
/// assert_eq!(items::POLICY.allow_methods(), Some("GET, POST"));
/// assert_eq!(items::POLICY.allow_headers(), Some("content-type, x-api-key"));
/// assert_eq!(items::POLICY.methods(), Methods::List(&["GET", "POST"]));
/// assert!(items::POLICY.credentials());
/// assert!(items::POLICY.allows_origin(b"https://pr-42.preview.example.com"));
/// # let _ = items;
/// ```
///
/// # Grammar
///
/// ```text
/// #[cors( key [= value], ... )]       keys in any order, each at most once, trailing `,` allowed
///
/// origin = "https://app.example.com"                           one origin (required key)
/// origin = ["https://app.example.com", "https://*.example.com"] exact origins and subdomain patterns
/// origin = ["chrome-extension://<32 letters a-p>", "moz-extension://<uuid>", "tauri://localhost"]
///                                                              extension and app origins
/// origin = "*"                                                 any origin
/// origin = ["http://localhost:*"]                              every port of a loopback host
/// origin = env("APP_ORIGINS")                                  read at start-up, comma-separated,
///                                                              by `handler::POLICY.load_origins()`
/// origin = env("APP_ORIGINS", default = ["http://localhost:5173"])
///                                                              the default when it is not set
/// origin = config                                              passed at start-up to
///                                                              `handler::POLICY.set_origins(..)`
/// origin = tenants::is_allowed                                 a `fn(&str) -> bool`, per request
///
/// policy = SPA                        start from the named policy `SPA` (`cors_policy!`); the
///                                     keys written here replace its keys
///
/// methods = [GET, POST, PATCH]        GET HEAD POST PUT DELETE PATCH OPTIONS, as identifiers
/// methods = ["GET", "PATCH"]          or as uppercase string literals
/// methods = "*"                       any method
/// (no `methods`)                      the methods the handler is mounted on by `cors_route!`
///
/// headers = ["content-type", "x-api-key"]   request headers a script may send
/// headers = [CONTENT_TYPE, AUTHORIZATION]   `http::header` constant names: lowercased, `_` -> `-`
/// headers = "*"                             any header except `authorization`
/// (no `headers`)                            none beyond the CORS-safelisted ones
///
/// expose = ["x-request-id", ETAG]     response headers scripts may read (same two forms)
/// expose = "*"                        every header
///
/// credentials | credentials = true | credentials = false            cookies and HTTP auth
/// max_age = 600                       seconds browsers may cache a preflight, 0..=86400
/// private_network | private_network = true | private_network = false
///                                     answer Private Network Access preflights
/// credentials_with_predicate_origins  credentials with `origin = <predicate>` (instead of
///                                     `credentials`, which is refused there)
/// ```
///
/// ## Origins that arrive later
/// - `env(..)` and `config`: every other key is checked now; the origins are checked when
///   they are loaded, at start-up, by the same rule book with the rest of the policy
///   (`credentials` included), and every problem is returned in one `ConfigError`. A
///   `default` is checked now, like a list. Until they are loaded, every origin is refused.
///   Each such attribute has its own slot: share one with a named policy.
/// - A predicate is called with the request's origin once it is known to be one serialized
///   origin (`cors_rules::is_request_origin`, at most `cors_rules::MAX_ORIGIN_LEN` bytes);
///   every response carries `Vary: Origin`. A bare identifier other than `config` is a
///   predicate; an uppercase one is taken for a constant and refused (the attribute cannot
///   read constants).
/// - `http://localhost:*` matches the host without a port and with every port browsers
///   serialize; only loopback hosts, never with `*.`.
///
/// Origins are written exactly as browsers send them: `scheme://host[:port]`, lowercase, no
/// path or trailing slash, no default port. `https://*.example.com` matches one or more labels
/// in front of `example.com`, never `example.com` itself. Header names are compared
/// case-insensitively and emitted lowercase; methods are compared case-sensitively.
///
/// ## Origins
/// - `https://` and `http://` origins take a host name, an IPv4 address (`127.0.0.1`) or a
///   bracketed IPv6 address in the form browsers serialize it (`[::1]`, `[2001:db8::1]`,
///   `[::ffff:7f00:1]`), an optional port, and the subdomain pattern `*.`. Host labels are
///   lowercase letters, digits, `-` and `_` (browsers send `https://my_site.example.com`), at
///   most 63 bytes each, 253 in all; internationalized names are written in punycode, and an
///   `xn--` label must decode to a non-ASCII label (the decoded label is not checked against
///   every rule of UTS 46).
/// - Browser extensions: `chrome-extension://` + the 32-letter extension ID (also used by
///   Edge, Brave and other Chromium browsers), `moz-extension://` + the lowercase internal
///   UUID Firefox gives each installation.
/// - App web views: `tauri://`, `capacitor://`, `ionic://` + a host name (`localhost` by
///   default). No port, no pattern.
///
/// ## Methods
/// A policy lists only `GET`, `HEAD`, `POST`, `PUT`, `DELETE`, `PATCH` and `OPTIONS`, the
/// methods axum's method router routes to a handler (and [`cors_route!`](macro@crate::cors_route)
/// mounts), written as identifiers or uppercase strings. Anything else is a compile error:
/// another case (`patch`, `"Get"`), with "write `PATCH`"; a method at most two edits from one
/// of them (`GTE`), with "did you mean"; and any other method (`PURGE`), since no handler
/// can be mounted on it and its CORS could never be answered.
///
/// # What is rejected, and why
///
/// | rule | reason |
/// | --- | --- |
/// | `origin` missing, or an empty list | a policy must say who may call the handler |
/// | an origin with a path, trailing slash, query, uppercase letters, a default port, whitespace, no scheme | browsers send `scheme://host[:port]` only, in lowercase: such an entry silently never matches |
/// | an IPv6 host not in its serialized form (`[0:0:0:0:0:0:0:1]`, `[::0:1]`, `[::ffff:1.2.3.4]`) | browsers send `[::1]`, `[::ffff:102:304]`: the error suggests the serialized form |
/// | a label over 63 bytes, a host over 253 bytes, an `xn--` label that is not valid punycode | no such host exists, or browsers refuse the URL |
/// | `"null"`, `file://` origins | `null` is the origin of sandboxed iframes and local files, which any site can produce |
/// | `data:`, `javascript:`, `blob:`, `about:` URLs | such documents send `null` or the origin of the page that created them (for `blob:`, the error suggests that origin) |
/// | `ws://`, `wss://` origins | the `Origin` of a WebSocket handshake is the http(s) origin of the page |
/// | `ftp://` and any scheme other than `http`, `https`, `chrome-extension`, `moz-extension`, `tauri`, `capacitor`, `ionic` | browsers load no pages from them (`safari-web-extension://` origins hold a random per-installation UUID and are not accepted) |
/// | a malformed extension ID or UUID, a port or a `*.` pattern on an extension or app origin | such an entry never matches |
/// | `"*"` inside a list, `*` not as the whole first label | `*` alone means any origin; `https://api.*.example.com` is not a pattern browsers or this crate understand |
/// | `:*` on a host that is not loopback (`https://dev.example.com:*`), or with `*.` | it would allow every service on that host; development ports are a loopback matter |
/// | `origin = FRONTEND` (a constant), `origin = env!("..")` or any macro call | the attribute cannot see what they hold: write the origins, use `cors_policy!`, or `env("..")` |
/// | `env(..)` without a string literal, an unknown argument, `default = "*"` | reported with the right shape |
/// | `credentials` with `origin = <predicate>` | the predicate decides who acts as the user: opt in with `credentials_with_predicate_origins` |
/// | `credentials_with_predicate_origins` with listed or configured origins | it only confirms credentials for a predicate: write `credentials` |
/// | `policy = NAME` and a key that breaks a rule with `NAME`'s keys | the merged policy is checked as one; the error points at the handler's key, or at `NAME` |
/// | `policy = NAME` with configured or predicate origins, and another `credentials` | those origins are checked (or decided) against `NAME`'s own `credentials` |
/// | the same origin, method or header twice | a copy-paste slip; header names compare case-insensitively |
/// | `credentials` with `origin = "*"` | browsers refuse `*` with credentials, and "fixing" it by reflecting every origin lets any site act as the user |
/// | `credentials` with `methods`, `headers` or `expose` `= "*"` | with credentials browsers read `*` as a literal name, not a wildcard |
/// | `credentials` with a plain `http://` origin (except loopback) | a network attacker can inject script into the http page |
/// | `credentials` with a `*.` pattern whose base is a public suffix (`https://*.github.io`, `https://*.com`, `https://*.gov.au`, `https://*.ngrok.app`) | anyone can register a subdomain there; the error says whether the suffix is an ICANN or a private entry of the Public Suffix List |
/// | a method or header that is not a token | one malformed element makes browsers fail the whole preflight |
/// | `CONNECT`, `TRACE`, `TRACK` | forbidden methods: scripts cannot send them |
/// | `get`, `"Post"`, … (normalized methods in another case) | browsers uppercase DELETE, GET, HEAD, OPTIONS, POST, PUT before sending, so the entry never matches |
/// | `patch`, `"patch"` | axum routes only `PATCH`, and browsers send `fetch(url, {method: "patch"})` as `patch` (they uppercase only DELETE, GET, HEAD, OPTIONS, POST, PUT): write `PATCH`, in the attribute and in scripts |
/// | any other method (`PURGE`, `"PROPFIND"`) | axum's method router cannot route it to a handler, so CORS can never be answered for it; near misses (`GTE`) get "did you mean" |
/// | forbidden request headers (`cookie`, `host`, `sec-*`, `proxy-*`, …) in `headers` | the browser sets them, scripts cannot: allowing them does nothing |
/// | `access-control-*` in `headers` | those are response headers, not headers a script sends |
/// | `set-cookie`, `set-cookie2` in `expose` | browsers never let scripts read them |
/// | an identifier that is not an `http::header` constant | the name cannot be resolved; write it as a string |
/// | `max_age` negative, not an integer, or above 86400 | browsers read whole seconds; Firefox caps at 86400 s, Chromium at 7200 s |
/// | unknown or repeated keys, values of the wrong shape | reported with the right spelling or shape |
/// | the attribute on anything but a free, non-generic `async fn` | the companion struct needs a fixed name next to the function |
///
/// A policy that breaks a rule does not compile:
///
/// ```compile_fail
/// use cors_runtime::cors;
///
/// // error: with `credentials`, a plain `http://` origin cannot be trusted: ...
/// #[cors(origin = "http://app.example.com", credentials)]
/// async fn profile() -> &'static str {
///     "{}"
/// }
/// # fn main() {}
/// ```
///
/// ```compile_fail
/// use cors_runtime::cors;
///
/// // error: an origin has no path, not even a trailing slash: ...; did you mean
/// // "https://app.example.com"?
/// #[cors(origin = "https://app.example.com/")]
/// async fn items() -> &'static str {
///     "[]"
/// }
/// # fn main() {}
/// ```
///
/// # What is generated
///
/// For `#[cors(origin = "https://app.example.com", methods = [GET])] pub async fn list() ...`:
///
/// ```text
/// pub async fn list() ... {                  // as written, plus, in debug builds:
///     #[cfg(debug_assertions)] { /* warn once if run outside cors_route! */ }
///     ...
/// }
///
/// #[doc = "CORS policy of the [`list()`] handler, generated by `#[cors]`."]
/// #[doc(hidden)]
/// #[allow(non_camel_case_types, dead_code)]
/// pub struct list {}
/// impl list {
///     pub const POLICY: ::cors_runtime::__private_v1::Policy = Policy::from_checked_parts(PolicyParts { .. });
/// }
/// ```
///
/// A braced struct lives only in the type namespace and a function only in the value
/// namespace, so both share the name, and one `use` imports both. `#[cfg]` attributes of the
/// handler are repeated on the companion, which is hidden from the crate's rustdoc (the
/// handler's own docs stay). When the attribute has errors, only the errors and
/// the unchanged handler are emitted, so the rest of the crate still compiles and the errors
/// shown are the policy's own.
///
/// The policy is checked by the rule book of `cors-rules`, the same rules `Policy::from_parts`
/// runs in `const` for hand-built policies and configuration read at run time runs: the
/// attribute only adds where to point and suggestions. It runs them once, at expansion, and
/// writes the checked policy out as data, so the compiler does not evaluate them again. The
/// handler's body is not parsed: only its attributes, visibility and signature are read.
///
/// # Limitations
/// - Only free functions: a handler inside an `impl` block (a method, or an associated fn
///   without `self`) is not supported, since the companion struct cannot be declared there.
///   Methods with `self` are reported by the attribute; an associated fn without `self` cannot
///   be told from a free one, and the compiler then reports "struct is not supported in
///   `trait`s or `impl`s" at the function's name: move the handler out of the `impl`.
/// - Type and const generic parameters are not supported (the companion has none); lifetime
///   parameters are fine.
/// - An error inside a string literal highlights the whole literal: pointing at a character
///   inside it (`Span::subspan`) is not available on stable Rust.
/// - Header constants are recognized by name from the list of `http::header` constants; paths
///   such as `header::CONTENT_TYPE` and constants of other crates are not resolved (write the
///   name alone, or the header name as a string).
/// - The public-suffix check uses the Public Suffix List compiled into the `psl` crate, both
///   its ICANN and its private section, as of that crate's version in `Cargo.lock`; suffixes
///   added to the list later are known after `cargo update -p psl`. Hosts under top-level
///   domains that are not on the list (`*.localhost`, `*.internal`, `*.test`) are not refused:
///   nobody can register names there.
/// - The attribute cannot warn (stable proc macros have no warnings), so harmless redundancies
///   such as exposing an always-readable header are accepted silently.
#[proc_macro_attribute]
pub fn cors(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::cors(attr.into(), item.into()).into()
}

/// Defines a named CORS policy, shared by many handlers with `#[cors(policy = NAME)]`.
///
/// ```
/// use cors_runtime::{cors, cors_policy};
///
/// cors_policy!(pub SPA = origin = ["https://app.example.com"], headers = ["content-type"], credentials);
///
/// #[cors(policy = SPA, methods = [GET])]
/// async fn list() -> &'static str { "[]" }
///
/// #[cors(policy = SPA, methods = [DELETE], max_age = 60)]
/// async fn remove() -> &'static str { "gone" }
///
/// assert!(SPA.credentials());
/// assert_eq!(remove::POLICY.max_age(), Some(60));
/// assert!(list::POLICY.allows_origin(b"https://app.example.com"));
/// # let _ = (list, remove);
/// ```
///
/// The keys are those of [`cors`](macro@crate::cors), checked the same way. `NAME` is a
/// `const Policy` (its `methods`, when omitted, are the mounted ones), and a macro of the same
/// name that `#[cors(policy = NAME, ..)]` calls to read the keys back: the attribute's own keys
/// replace the named policy's, and the merged policy gets every check, with errors at the
/// handler's keys (or, for a rule the merge breaks in a key of the named policy, at
/// `policy = NAME`). A policy whose origins are configured (`env(..)`, `config`) or decided by
/// a predicate is shared with its handlers, slot included: load it once with
/// `NAME.load_origins()`, and its `credentials` cannot be changed per handler.
///
/// `NAME` can be used in the module that defines it and, with `use`, anywhere in the crate
/// (the macro is `pub(crate)`); other crates can read the `const` but not merge it.
#[proc_macro]
pub fn cors_policy(input: TokenStream) -> TokenStream {
    expand::cors_policy(input.into()).into()
}

/// Used by the macros `cors_policy!` defines: a handler's `#[cors(policy = NAME, ..)]` merged
/// with the keys of `NAME`. Not a public API.
#[doc(hidden)]
#[proc_macro]
pub fn cors_merged(input: TokenStream) -> TokenStream {
    expand::cors_merged(input.into()).into()
}

/// Mounts the `#[cors]` handlers of one path and answers the path's preflights.
///
/// ```text
/// cors_route!(get(list), post(create), delete(remove.layer(require_auth)))
/// ```
///
/// Expands to one axum `MethodRouter` in which
/// - each method's responses carry the policy of the handler mounted on it;
/// - `OPTIONS` preflights (`Origin` + `Access-Control-Request-Method`) are answered with the
///   policy of the handler mounted on the requested method, before any handler or layer inside
///   the route runs; a method that is not mounted is refused with `403`;
/// - other `OPTIONS` requests reach an `options(...)` handler if one is mounted, and axum's
///   `405 Method Not Allowed` otherwise, exactly as without CORS.
///
/// Each mount is `method(handler)`, where `method` is one of `get`, `head`, `post`, `put`,
/// `delete`, `patch`, `options` and `handler` is the path of an `async fn` annotated with
/// `#[cors]`, optionally followed by `.layer(...)` calls (axum's `Handler::layer`): layers
/// added there run inside CORS, so an authentication layer that answers `401` never sees a
/// preflight and its `401` still carries the CORS headers a script needs to read it.
///
/// ```
/// use axum::{middleware::{from_fn, Next}, extract::Request, response::Response, Router};
/// use cors_runtime::{cors, cors_route};
///
/// #[cors(origin = "*", methods = [GET])]
/// async fn read() -> &'static str { "item" }
///
/// #[cors(origin = "https://admin.example.com", methods = [DELETE], headers = ["authorization"], credentials)]
/// async fn remove() -> &'static str { "gone" }
///
/// async fn require_auth(req: Request, next: Next) -> Response {
///     // check the token, answer 401 ...
///     next.run(req).await
/// }
///
/// let app: Router = Router::new().route(
///     "/items/{id}",
///     cors_route!(get(read), delete(remove.layer(from_fn(require_auth)))),
/// );
/// ```
///
/// A policy without `methods` takes the methods its handler is mounted on in this path:
/// mounted on `get` and `post`, it allows preflights for GET and POST. An allowed preflight is
/// answered with the requested method and headers only, never a policy's whole lists, so the
/// browser's preflight cache cannot carry one handler's answer over to another.
///
/// # Where other layers go
/// - On the handler, inside the macro (`remove.layer(auth)`): runs after CORS decided, never
///   sees preflights, and its responses get the CORS headers. The place for authentication.
/// - For every handler of the path at once, as a `layer(...)` entry: the same as writing
///   `.layer(...)` on each handler (the expression is evaluated once and cloned per handler);
///   several `layer(...)` entries wrap in the order written, the first innermost:
///
/// ```
/// # use axum::{middleware::{from_fn, Next}, extract::Request, response::Response, Router};
/// # use cors_runtime::{cors, cors_route};
/// # #[cors(origin = "https://app.example.com", methods = [GET, PUT], credentials)]
/// # async fn profile() -> &'static str { "me" }
/// # async fn require_session(req: Request, next: Next) -> Response { next.run(req).await }
/// let app: Router = Router::new().route(
///     "/me",
///     cors_route!(get(profile), put(profile), layer(from_fn(require_session))),
/// );
/// ```
/// - On the returned router (`cors_route!(..).route_layer(auth)`): wraps the mounted methods
///   but not the fallback that answers preflights; preflights pass, but the layer's own `401`
///   is produced outside CORS, so scripts cannot read it.
/// - On the `Router` (`.layer(..)`, `.route_layer(..)`): runs before everything in the route,
///   preflights included. Fine for tracing and compression; a layer that rejects requests
///   there also rejects preflights.
///
/// # Compile-time checks
/// - a handler mounted on a method its policy does not list: one error at the mount, "`list`
///   is mounted on DELETE, but its #[cors] policy does not allow DELETE", with the fix;
/// - the same method mounted twice on one path;
/// - a handler without `#[cors]`: the compiler's own "constant provided when a type was
///   expected ... `list` is a function item, not a type" at the name (the companion type
///   that `#[cors]` would have defined is missing);
/// - an unknown method name (with a suggestion), `trace`, `connect` and `any`.
///
/// ```compile_fail
/// use axum::Router;
/// use cors_runtime::{cors, cors_route};
///
/// #[cors(origin = "https://app.example.com", methods = [GET])]
/// async fn list() -> &'static str { "[]" }
///
/// // error: `list` is mounted on DELETE, but its #[cors] policy does not allow DELETE: ...
/// let app: Router = Router::new().route("/items", cors_route!(get(list), delete(list)));
/// ```
///
/// The policy is checked by the rule book of `cors-rules`, the same rules `Policy::from_parts`
/// runs in `const` for hand-built policies and configuration read at run time runs: the
/// attribute only adds where to point and suggestions. It runs them once, at expansion, and
/// writes the checked policy out as data, so the compiler does not evaluate them again. The
/// handler's body is not parsed: only its attributes, visibility and signature are read.
///
/// # Limitations
/// - Handlers are named by path (`list`, `api::list`), optionally followed by method calls;
///   closures and other expressions have no policy to read.
/// - `any(...)` and the forbidden `trace`/`connect` cannot be mounted: each method needs its
///   own policy entry.
/// - A handler without `#[cors]` is reported in the compiler's own words, which the macro
///   cannot change: a proc macro cannot tell whether a name has a policy.
/// - The returned method router's fallback answers the path's preflights: replacing it with
///   `.fallback(...)` would hand preflights to your fallback. For the same reason
///   `Router::method_not_allowed_fallback` does not apply to `cors_route!` paths, which answer
///   unmounted methods with axum's default `405` and `Allow` header.
#[proc_macro]
pub fn cors_route(input: TokenStream) -> TokenStream {
    route::cors_route(input.into()).into()
}
