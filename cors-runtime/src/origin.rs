//! Reading the request's `Origin` header.

use http::header::{HeaderMap, HeaderValue, ORIGIN};

/// Longest `Origin` value looked at; anything longer is refused without further work.
///
/// No origin a policy can allow is longer: a 253-byte host behind the longest scheme, with a
/// port.
pub(crate) const MAX_ORIGIN_LEN: usize = cors_rules::MAX_ORIGIN_LEN;

/// What a request says about its origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RequestOrigin<'a> {
    /// No `Origin` header: not a CORS request.
    Absent,
    /// Exactly one `Origin` line.
    One(&'a HeaderValue),
    /// Several `Origin` lines, which no browser sends, or a value longer than any origin a
    /// policy can allow: never allowed, and not read further.
    Invalid,
}

impl<'a> RequestOrigin<'a> {
    /// Reads the `Origin` lines of a request.
    pub(crate) fn of(headers: &'a HeaderMap) -> Self {
        let mut lines = headers.get_all(ORIGIN).iter();
        match (lines.next(), lines.next()) {
            (None, _) => RequestOrigin::Absent,
            (Some(v), None) if v.len() <= MAX_ORIGIN_LEN => RequestOrigin::One(v),
            (Some(_), _) => RequestOrigin::Invalid,
        }
    }
}

/// Whether `value` is one serialized origin as a browser sends it, or `null`.
///
/// Used for any-origin policies, which do not compare against a list but still refuse garbage.
pub(crate) fn is_serialized_origin(value: &[u8]) -> bool {
    value == b"null" || is_tuple_origin(value)
}

/// Whether `value` is one serialized `scheme://host[:port]` origin (not `null`), no longer
/// than any origin a policy can allow: what a predicate of tenant origins is shown.
pub(crate) fn is_tuple_origin(value: &[u8]) -> bool {
    value.len() <= MAX_ORIGIN_LEN && cors_rules::is_request_origin(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialized_origins() {
        assert!(is_serialized_origin(b"https://a.com"));
        assert!(is_serialized_origin(b"http://localhost:3000"));
        assert!(is_serialized_origin(b"null"));
        for bad in [
            &b""[..],
            b"*",
            b"https://a.com/",
            b"https://*.a.com",
            b"https://a.com/path",
            b"a.com",
            b"https://a.com, https://b.com",
            b"HTTPS://A.COM",
        ] {
            assert!(
                !is_serialized_origin(bad),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        assert!(!is_serialized_origin(&vec![b'a'; 10_000]));
    }

    #[test]
    fn counts_origin_lines() {
        let mut h = HeaderMap::new();
        assert_eq!(RequestOrigin::of(&h), RequestOrigin::Absent);
        h.append(ORIGIN, HeaderValue::from_static("https://a.com"));
        assert!(matches!(RequestOrigin::of(&h), RequestOrigin::One(_)));
        h.append(ORIGIN, HeaderValue::from_static("https://a.com"));
        assert_eq!(RequestOrigin::of(&h), RequestOrigin::Invalid);
        let mut h = HeaderMap::new();
        let long = format!("https://{}.example.com", "a".repeat(400));
        h.append(ORIGIN, HeaderValue::from_str(&long).unwrap());
        assert_eq!(RequestOrigin::of(&h), RequestOrigin::Invalid);
    }
}
