//! Classifying a request and reading the preflight's request headers, with bounded work.

use http::header::{
    GetAll, HeaderMap, HeaderValue, ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD,
};
use http::Method;

use crate::origin::RequestOrigin;

/// Most `Access-Control-Request-Headers` bytes (all lines together) a preflight may carry.
/// Browsers send a few hundred at most; beyond this the preflight is refused unread.
pub(crate) const MAX_REQUEST_HEADERS_BYTES: usize = 4096;
/// Most `Access-Control-Request-Headers` lines a preflight may carry.
pub(crate) const MAX_REQUEST_HEADERS_LINES: usize = 16;
/// Most header names a preflight may ask for.
pub(crate) const MAX_REQUEST_HEADER_NAMES: usize = 64;

/// What a request is, for CORS, with the values read to decide it: each header is looked up
/// once per request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RequestKind<'a> {
    /// `OPTIONS` with `Origin` and `Access-Control-Request-Method`: answered without the
    /// handler. `method` is the requested method when it is one well-formed line.
    Preflight {
        origin: RequestOrigin<'a>,
        method: Option<&'a HeaderValue>,
    },
    /// Anything else: the handler runs; CORS headers follow the origin, which is
    /// [`RequestOrigin::Absent`] for a request that is not a CORS request at all.
    Actual { origin: RequestOrigin<'a> },
}

impl<'a> RequestKind<'a> {
    /// Classifies a request by its method and headers.
    #[inline]
    pub(crate) fn of(method: &Method, headers: &'a HeaderMap) -> Self {
        let origin = RequestOrigin::of(headers);
        if origin != RequestOrigin::Absent && method == Method::OPTIONS {
            let mut lines = headers.get_all(ACCESS_CONTROL_REQUEST_METHOD).iter();
            if let Some(first) = lines.next() {
                let method = (lines.next().is_none()
                    && first.len() <= MAX_METHOD_LEN
                    && cors_rules::is_token(first.as_bytes()))
                .then_some(first);
                return RequestKind::Preflight { origin, method };
            }
        }
        RequestKind::Actual { origin }
    }
}

/// Longest `Access-Control-Request-Method` value looked at. The methods a route can mount
/// are at most seven bytes long; anything longer is refused without being read.
pub(crate) const MAX_METHOD_LEN: usize = 16;

/// Why a preflight's `Access-Control-Request-Headers` is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderListError<'a> {
    /// Too many bytes, lines or names: refused before reading further.
    TooLarge,
    /// An element is not a token.
    NotToken(&'a [u8]),
    /// A well-formed name the policy does not allow.
    NotAllowed(&'a [u8]),
}

/// A preflight's `Access-Control-Request-Headers`, checked to be a bounded list of tokens that
/// the policy allows.
///
/// Accepts what HTTP allows even where browsers are tidier: several lines, optional whitespace
/// around elements, empty elements, any case. Work is linear in the header bytes and bounded by
/// [`MAX_REQUEST_HEADERS_BYTES`], [`MAX_REQUEST_HEADERS_LINES`] and
/// [`MAX_REQUEST_HEADER_NAMES`]; the bounds are checked before any element is read.
pub(crate) struct RequestedHeaders<'a> {
    lines: GetAll<'a, HeaderValue>,
    names: usize,
}

impl<'a> RequestedHeaders<'a> {
    /// Reads the list and checks every name with `allows`, in one pass after the bounds.
    #[inline]
    pub(crate) fn read(
        headers: &'a HeaderMap,
        allows: impl Fn(&[u8]) -> bool,
    ) -> Result<Self, HeaderListError<'a>> {
        let lines = headers.get_all(ACCESS_CONTROL_REQUEST_HEADERS);
        // First pass: bound the input before parsing any of it.
        let mut total = 0usize;
        for (count, line) in lines.iter().enumerate() {
            total += line.len();
            if count >= MAX_REQUEST_HEADERS_LINES || total > MAX_REQUEST_HEADERS_BYTES {
                return Err(HeaderListError::TooLarge);
            }
        }
        let mut names = 0usize;
        for name in split_names(&lines) {
            names += 1;
            if names > MAX_REQUEST_HEADER_NAMES {
                return Err(HeaderListError::TooLarge);
            }
            if !cors_rules::is_token(name) {
                return Err(HeaderListError::NotToken(name));
            }
            if !allows(name) {
                return Err(HeaderListError::NotAllowed(name));
            }
        }
        Ok(RequestedHeaders { lines, names })
    }

    /// Whether no header name was asked for.
    pub(crate) fn is_empty(&self) -> bool {
        self.names == 0
    }

    /// The requested names, as sent (any case).
    pub(crate) fn names(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        split_names(&self.lines)
    }

    /// The header lines as received, for echoing in `Access-Control-Allow-Headers`; none when
    /// no name was asked for.
    pub(crate) fn lines(&self) -> impl Iterator<Item = &'a HeaderValue> + 'a {
        let any = !self.is_empty();
        self.lines.iter().filter(move |_| any)
    }
}

/// The non-empty, trimmed elements of comma-separated header lines.
fn split_names<'a>(lines: &GetAll<'a, HeaderValue>) -> impl Iterator<Item = &'a [u8]> + 'a {
    lines
        .iter()
        .flat_map(|line| line.as_bytes().split(|&c| c == b','))
        .map(trim_ows)
        .filter(|name| !name.is_empty())
}

/// Strips HTTP optional whitespace (spaces and tabs) from both ends.
fn trim_ows(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{AllowedOrigin, Methods, Origins, Policy, PolicyParts, RequestHeaders};
    use http::header::ORIGIN;

    const POLICY: Policy = Policy::from_parts(PolicyParts {
        origins: Origins::List(&[AllowedOrigin::parse("https://a.com")]),
        methods: Methods::List(&["GET"]),
        allow_methods: "GET",
        headers: RequestHeaders::List(&["content-type", "x-api-key"]),
        allow_headers: "content-type, x-api-key",
        expose: &[],
        expose_any: false,
        expose_headers: "",
        credentials: false,
        max_age: "",
        private_network: false,
    });

    /// `Ok(true)` when every requested name is allowed, `Ok(false)` when one is not, `Err`
    /// with the error's name otherwise.
    fn check(lines: &[&str]) -> Result<bool, &'static str> {
        let mut h = HeaderMap::new();
        for l in lines {
            h.append(
                ACCESS_CONTROL_REQUEST_HEADERS,
                HeaderValue::from_str(l).unwrap(),
            );
        }
        match RequestedHeaders::read(&h, |name| POLICY.allows_request_header(name)) {
            Ok(_) => Ok(true),
            Err(HeaderListError::NotAllowed(_)) => Ok(false),
            Err(HeaderListError::NotToken(_)) => Err("not a token"),
            Err(HeaderListError::TooLarge) => Err("too large"),
        }
    }

    #[test]
    fn parses_browser_and_non_browser_shapes() {
        assert_eq!(check(&[]), Ok(true));
        assert_eq!(check(&["content-type"]), Ok(true));
        assert_eq!(check(&["content-type,x-api-key"]), Ok(true));
        assert_eq!(check(&[" Content-Type ,\tX-API-Key "]), Ok(true));
        assert_eq!(check(&[",,content-type,, ,"]), Ok(true));
        assert_eq!(check(&["content-type", "x-api-key"]), Ok(true));
        assert_eq!(check(&[""]), Ok(true));
    }

    #[test]
    fn refuses_unknown_and_malformed_names() {
        assert_eq!(check(&["x-other"]), Ok(false));
        assert_eq!(check(&["content-type", "x-other"]), Ok(false));
        assert_eq!(check(&["content type"]), Err("not a token"));
        assert_eq!(check(&["content-type;x"]), Err("not a token"));
    }

    #[test]
    fn bounds_hostile_input() {
        let commas = ",".repeat(1 << 20);
        assert_eq!(check(&[&commas]), Err("too large"));
        let many = vec!["content-type"; 17];
        assert_eq!(check(&many), Err("too large"));
        let names = vec!["content-type"; 65].join(",");
        assert_eq!(check(&[&names]), Err("too large"));
    }

    fn kind(method: &Method, h: &HeaderMap) -> &'static str {
        match RequestKind::of(method, h) {
            RequestKind::Preflight {
                method: Some(_), ..
            } => "preflight",
            RequestKind::Preflight { method: None, .. } => "preflight, bad method",
            RequestKind::Actual {
                origin: RequestOrigin::Absent,
            } => "not cors",
            RequestKind::Actual { .. } => "actual",
        }
    }

    #[test]
    fn classifies_and_reads_one_method_token() {
        let mut h = HeaderMap::new();
        assert_eq!(kind(&Method::OPTIONS, &h), "not cors");
        h.insert(
            ACCESS_CONTROL_REQUEST_METHOD,
            HeaderValue::from_static("PUT"),
        );
        assert_eq!(kind(&Method::OPTIONS, &h), "not cors");
        h.insert(ORIGIN, HeaderValue::from_static("https://a.com"));
        assert_eq!(kind(&Method::OPTIONS, &h), "preflight");
        assert_eq!(kind(&Method::GET, &h), "actual");
        for bad in ["P T", "AVERYLONGMETHODNAME", ""] {
            h.insert(ACCESS_CONTROL_REQUEST_METHOD, HeaderValue::from_static(bad));
            assert_eq!(
                kind(&Method::OPTIONS, &h),
                "preflight, bad method",
                "{bad:?}"
            );
        }
        h.insert(
            ACCESS_CONTROL_REQUEST_METHOD,
            HeaderValue::from_static("PUT"),
        );
        h.append(
            ACCESS_CONTROL_REQUEST_METHOD,
            HeaderValue::from_static("PUT"),
        );
        assert_eq!(kind(&Method::OPTIONS, &h), "preflight, bad method");
        h.remove(ACCESS_CONTROL_REQUEST_METHOD);
        assert_eq!(kind(&Method::OPTIONS, &h), "actual");
    }
}
