//! The fuzz targets. `run.sh` runs each under libFuzzer (`cargo bolero test <name>`); a plain
//! `cargo test` replays the committed corpus and a batch of random inputs.

use std::sync::OnceLock;

use axum::body::Body;
use axum::Router;
mod common;

use common::{check_response, decode, router, send};
use cors_runtime::AllowedOrigin;
use http::header::{
    HeaderValue, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_REQUEST_HEADERS, ORIGIN,
};
use http::{Method, Request, StatusCode};

fn app() -> &'static Router {
    static APP: OnceLock<Router> = OnceLock::new();
    APP.get_or_init(router)
}

/// Any request to the router: method, path, Origin, ACRM, ACRH and ACRPN lines, all fuzzed.
/// Nothing panics, and every response passes `check_response`.
#[test]
fn request() {
    bolero::check!().for_each(|data: &[u8]| {
        let Some(request) = decode(data) else {
            return;
        };
        let headers = request.headers().clone();
        let method = request.method().clone();
        let response = send(app(), request);
        check_response(&headers, &method, &response);
    });
}

const PATTERNS: [AllowedOrigin; 3] = [
    AllowedOrigin::parse("https://*.example.org"),
    AllowedOrigin::parse("http://*.a.test:8080"),
    AllowedOrigin::parse("https://*.xn--bcher-kva.example"),
];
const EXACT: AllowedOrigin = AllowedOrigin::parse("https://app.example.com");

/// A label as the pattern documentation defines it, written independently of the crate:
/// 1 to 63 lowercase letters, digits, `-` or `_`, not starting or ending with `-`.
fn plain_label(label: &[u8]) -> bool {
    (1..=63).contains(&label.len())
        && label
            .iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_')
        && label[0] != b'-'
        && label[label.len() - 1] != b'-'
}

/// The origin validator and matcher: `parse_origin` never panics; an exact entry matches only
/// itself; a pattern matches exactly `prefix` + labels + suffix (with a whole host of at most
/// 253 bytes), and whatever it matches is a valid exact origin.
#[test]
fn origin() {
    bolero::check!().for_each(|data: &[u8]| {
        if let Ok(text) = std::str::from_utf8(data) {
            let shape = cors_rules::parse_origin(text);
            if let Ok(cors_rules::OriginShape::Exact) = shape {
                assert!(cors_rules::is_request_origin(data), "{text:?}");
            }
        }
        assert_eq!(EXACT.matches(data), data == EXACT.as_str().as_bytes());
        for pattern in &PATTERNS {
            let text = pattern.as_str();
            let star = text.find('*').unwrap();
            let (prefix, suffix) = (&text[..star], &text[star + 1..]);
            let matched = pattern.matches(data);
            let shaped = data.len() > prefix.len() + suffix.len()
                && data.starts_with(prefix.as_bytes())
                && data.ends_with(suffix.as_bytes());
            if !shaped {
                assert!(
                    !matched,
                    "{text} matched {:?}",
                    String::from_utf8_lossy(data)
                );
                continue;
            }
            let labels = &data[prefix.len()..data.len() - suffix.len()];
            let host_len = labels.len() + 1 + cors_rules::host_of(text).len();
            let punycode = labels.split(|&c| c == b'.').any(|l| l.starts_with(b"xn--"));
            let expected = host_len <= 253 && labels.split(|&c| c == b'.').all(plain_label);
            if matched {
                assert!(
                    expected,
                    "{text} matched {:?}",
                    String::from_utf8_lossy(data)
                );
                let s = std::str::from_utf8(data).unwrap();
                assert_eq!(
                    cors_rules::parse_origin(s),
                    Ok(cors_rules::OriginShape::Exact),
                    "{s}"
                );
            } else if !punycode {
                // `xn--` labels must also be valid punycode, which this oracle does not decode.
                assert!(
                    !expected,
                    "{text} refused {:?}",
                    String::from_utf8_lossy(data)
                );
            }
        }
    });
}

/// The `Access-Control-Request-Headers` parser, through preflights: lines split on `\n`.
/// Expected, from the documented rules: allowed exactly when the list has at most 16 lines,
/// 4096 bytes and 64 non-empty elements, every element (trimmed) is a token, and the policy
/// allows each one; an allowed answer echoes the lines.
#[test]
fn header_list() {
    bolero::check!().for_each(|data: &[u8]| {
        let Some((&which, rest)) = data.split_first() else {
            return;
        };
        let lines: Vec<HeaderValue> = if rest.is_empty() {
            Vec::new()
        } else {
            rest.split(|&c| c == b'\n')
                .filter_map(|l| HeaderValue::from_bytes(l).ok())
                .collect()
        };
        // `/items` DELETE: a list policy; `/open` PUT: `headers = "*"`.
        let (path, method, any) = if which & 1 == 0 {
            ("/items", "DELETE", false)
        } else {
            ("/open", "PUT", true)
        };
        let mut request = Request::builder()
            .method(Method::OPTIONS)
            .uri(path)
            .header(ORIGIN, "https://app.example.com")
            .header("access-control-request-method", method)
            .body(Body::empty())
            .unwrap();
        for line in &lines {
            request
                .headers_mut()
                .append(ACCESS_CONTROL_REQUEST_HEADERS, line.clone());
        }
        let headers = request.headers().clone();
        let response = send(app(), request);
        check_response(&headers, &Method::OPTIONS, &response);

        let bytes: usize = lines.iter().map(HeaderValue::len).sum();
        let elements: Vec<&[u8]> = lines
            .iter()
            .flat_map(|l| l.as_bytes().split(|&c| c == b','))
            .map(|e| e.trim_ascii())
            .filter(|e| !e.is_empty())
            .collect();
        let allowed = |e: &[u8]| {
            if any {
                !e.eq_ignore_ascii_case(b"authorization")
            } else {
                ["content-type", "authorization", "x-api-key"]
                    .iter()
                    .any(|a| a.as_bytes().eq_ignore_ascii_case(e))
            }
        };
        let expected = lines.len() <= 16
            && bytes <= 4096
            && elements.len() <= 64
            && elements
                .iter()
                .all(|e| e.iter().all(|&c| cors_rules::is_tchar(c)) && allowed(e));
        let status = response.status();
        assert_eq!(
            status == StatusCode::NO_CONTENT,
            expected,
            "{status} for {lines:?}"
        );
        if expected {
            let acah: Vec<&HeaderValue> = response
                .headers()
                .get_all(ACCESS_CONTROL_ALLOW_HEADERS)
                .iter()
                .collect();
            if elements.is_empty() {
                assert!(acah.is_empty(), "ACAH for no names: {acah:?}");
            } else {
                assert_eq!(acah, lines.iter().collect::<Vec<_>>());
            }
        }
    });
}
