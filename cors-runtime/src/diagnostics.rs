//! Why a request was refused, told to `tracing` at debug level (feature `tracing`, on by
//! default).
//!
//! Browsers report CORS failures vaguely ("Failed to fetch"), so the server says exactly which
//! rule refused which value. Nothing of it goes into the response: the reason would tell an
//! attacker what to change. The values come from the request, so they are escaped and cut to
//! [`SHOWN_BYTES`] before they reach a log. With the feature off, or no subscriber listening at
//! debug level for `cors_runtime`, a refusal costs one check of `tracing`'s level filter.

use std::fmt;

use http::HeaderValue;

use crate::config::ConfiguredOrigins;
#[cfg(feature = "tracing")]
use crate::config::OriginSource;
use crate::origin::RequestOrigin;

/// Why a preflight, or the origin of an actual request, was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal<'a> {
    /// `Access-Control-Request-Method` is repeated, not a token or longer than any method.
    MalformedMethod,
    /// The requested method is not mounted on the path, or its policy does not allow it.
    MethodNotAllowed(&'a [u8]),
    /// No `Origin`, several `Origin` lines, or one longer than any allowed origin.
    MalformedOrigin,
    /// The origin is well-formed but the policy does not allow it.
    OriginNotAllowed,
    /// `Access-Control-Request-Headers` is over its bounds.
    TooManyHeaders,
    /// An element of `Access-Control-Request-Headers` is not a header name.
    MalformedHeader(&'a [u8]),
    /// A requested header the policy does not allow.
    HeaderNotAllowed(&'a [u8]),
    /// Private Network Access was asked for and the policy does not opt in.
    PrivateNetwork,
}

impl fmt::Display for Refusal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::MalformedMethod => f.write_str(
                "Access-Control-Request-Method is not one method (several lines, not a token, or too long)",
            ),
            Refusal::MethodNotAllowed(m) => write!(
                f,
                "method {} is not mounted on this path or not allowed by its policy",
                Escaped(m)
            ),
            Refusal::MalformedOrigin => {
                f.write_str("Origin is missing, repeated or longer than any allowed origin")
            }
            Refusal::OriginNotAllowed => f.write_str("origin not allowed by the policy"),
            Refusal::TooManyHeaders => f.write_str(
                "Access-Control-Request-Headers is over its bounds (4 KiB, 16 lines, 64 names)",
            ),
            Refusal::MalformedHeader(h) => {
                write!(f, "requested header {} is not a header name", Escaped(h))
            }
            Refusal::HeaderNotAllowed(h) => {
                write!(f, "requested header {} is not allowed by the policy", Escaped(h))
            }
            Refusal::PrivateNetwork => f.write_str(
                "Private Network Access was requested and the policy has no `private_network`",
            ),
        }
    }
}

/// Most bytes of a request value shown in a log line.
pub(crate) const SHOWN_BYTES: usize = 96;

/// A request value for a log: printable ASCII as is, other bytes as `\xNN`, cut after
/// [`SHOWN_BYTES`] with the full length noted.
pub(crate) struct Escaped<'a>(pub(crate) &'a [u8]);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for &b in self.0.iter().take(SHOWN_BYTES) {
            match b {
                b'"' | b'\\' => write!(f, "\\{}", b as char)?,
                0x20..=0x7e => write!(f, "{}", b as char)?,
                _ => write!(f, "\\x{b:02x}")?,
            }
        }
        f.write_str("\"")?;
        if self.0.len() > SHOWN_BYTES {
            write!(f, "... ({} bytes)", self.0.len())?;
        }
        Ok(())
    }
}

/// The request's origin for a log line.
#[cfg(feature = "tracing")]
struct ShownOrigin<'a>(RequestOrigin<'a>);

#[cfg(feature = "tracing")]
impl fmt::Display for ShownOrigin<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            RequestOrigin::Absent => f.write_str("none"),
            RequestOrigin::Invalid => f.write_str("several lines, or oversized"),
            RequestOrigin::One(v) => Escaped(v.as_bytes()).fmt(f),
        }
    }
}

/// A refused preflight.
#[inline]
pub(crate) fn preflight_refused(
    refusal: &Refusal<'_>,
    path: &str,
    origin: RequestOrigin<'_>,
    method: Option<&HeaderValue>,
) {
    #[cfg(feature = "tracing")]
    tracing::debug!(
        target: "cors_runtime",
        path = %Escaped(path.as_bytes()),
        origin = %ShownOrigin(origin),
        method = %Escaped(method.map_or(&b""[..], HeaderValue::as_bytes)),
        reason = %refusal,
        "CORS preflight refused (403)"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = (refusal, path, origin, method);
}

/// An actual request whose origin is refused: the handler runs, the response carries no CORS
/// headers, and the browser keeps it from the script.
#[inline]
pub(crate) fn origin_refused(path: &str, origin: RequestOrigin<'_>, method: &str) {
    #[cfg(feature = "tracing")]
    tracing::debug!(
        target: "cors_runtime",
        path = %Escaped(path.as_bytes()),
        origin = %ShownOrigin(origin),
        method = %Escaped(method.as_bytes()),
        reason = %if matches!(origin, RequestOrigin::One(_)) {
            Refusal::OriginNotAllowed
        } else {
            Refusal::MalformedOrigin
        },
        "CORS origin refused: the response carries no CORS headers"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = (path, origin, method);
}

/// A request met a configured policy whose origins were never loaded: it is refused, and the
/// server log says which start-up call is missing (at `error` level: every cross-origin
/// request of the route fails until it is made).
#[cold]
pub(crate) fn origins_not_loaded(configured: &ConfiguredOrigins) {
    #[cfg(feature = "tracing")]
    tracing::error!(
        target: "cors_runtime",
        policy = configured.policy_name(),
        "CORS origins not loaded: `{}` takes its origins from {}, and they were never loaded, \
         so every cross-origin request is refused; call `{}::POLICY.load_origins()` (or \
         `set_origins`) at start-up, before serving",
        configured.policy_name(),
        match configured.source() {
            OriginSource::Env { var, .. } => var,
            OriginSource::Config => "configuration",
        },
        configured.policy_name(),
    );
    #[cfg(not(feature = "tracing"))]
    let _ = configured;
}

// ---------------------------------------------------------------------------------------------
// A `#[cors]` handler mounted without CORS
// ---------------------------------------------------------------------------------------------

#[cfg(debug_assertions)]
thread_local! {
    /// Set while CORS polls the handler it wraps.
    static INSIDE_CORS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Polls `poll` as the handler CORS wraps (debug builds only; nothing in release builds).
#[inline]
pub(crate) fn inside_cors<T>(poll: impl FnOnce() -> T) -> T {
    #[cfg(debug_assertions)]
    {
        let outer = INSIDE_CORS.with(|flag| flag.replace(true));
        let result = poll();
        INSIDE_CORS.with(|flag| flag.set(outer));
        result
    }
    #[cfg(not(debug_assertions))]
    poll()
}

/// Called at the start of every `#[cors]` handler in debug builds: warns once per handler
/// when it runs outside the CORS wiring, which is how a handler mounted with plain axum
/// routing (`get(list)` instead of `cors_route!(get(list))`) shows itself. A unit test that
/// calls the handler directly warns too; the test harness keeps that output unless the test
/// fails.
pub fn check_mounted(handler: &str, warned: &std::sync::atomic::AtomicBool) {
    #[cfg(debug_assertions)]
    {
        use std::sync::atomic::Ordering;
        if INSIDE_CORS.with(std::cell::Cell::get) || warned.swap(true, Ordering::Relaxed) {
            return;
        }
        eprintln!(
            "warning: the #[cors] handler `{handler}` ran without its CORS policy: it was \
             mounted with plain axum routing, so its responses carry no CORS headers and its \
             preflights get a 405. Mount it with cors_route!(get({handler}), ...). (Shown \
             once, in debug builds only.)"
        );
        #[cfg(feature = "tracing")]
        tracing::warn!(
            target: "cors_runtime",
            handler,
            "a #[cors] handler ran without its CORS policy: mount it with cors_route!"
        );
    }
    #[cfg(not(debug_assertions))]
    let _ = (handler, warned);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_cuts_request_bytes() {
        assert_eq!(Escaped(b"https://a.com").to_string(), "\"https://a.com\"");
        assert_eq!(
            Escaped(b"a\"b\\c\n\xff").to_string(),
            "\"a\\\"b\\\\c\\x0a\\xff\""
        );
        let long = vec![b'a'; 1000];
        let shown = Escaped(&long).to_string();
        assert!(shown.ends_with("\"... (1000 bytes)"), "{shown}");
        assert_eq!(shown.len(), SHOWN_BYTES + 2 + "... (1000 bytes)".len());
    }
}
