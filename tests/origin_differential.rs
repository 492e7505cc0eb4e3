//! The origin validator against the WHATWG URL parser (the `url` crate).
//!
//! For a generated `http`/`https` string `s`, browsers send `s` as an `Origin` exactly when it
//! is its own serialized origin: `Url::parse(s)?.origin().ascii_serialization() == s`. The
//! policy validator `cors_rules::parse_origin` should accept `s` as an exact origin exactly
//! then. Where the two disagree by design, the case is classified in [`KNOWN`] with the reason;
//! any other disagreement fails the test.
//!
//! `CORS_PROPTEST_CASES` sets the number of cases (default 10 000).

use cors_rules::{parse_origin, OriginShape};
use proptest::prelude::*;
use proptest::sample::select;

/// Whether browsers serialize `s` as an origin, as the URL standard says.
fn browser_origin(s: &str) -> bool {
    url::Url::parse(s).is_ok_and(|u| u.origin().ascii_serialization() == s)
}

fn crate_exact(s: &str) -> bool {
    parse_origin(s) == Ok(OriginShape::Exact)
}

fn host(s: &str) -> &str {
    let rest = s.split_once("://").map_or("", |(_, r)| r);
    if rest.starts_with('[') {
        return rest.split_inclusive(']').next().unwrap_or(rest);
    }
    rest.rsplit_once(':').map_or(rest, |(h, _)| h)
}

fn port(s: &str) -> Option<&str> {
    let rest = s.split_once("://")?.1;
    let after = if rest.starts_with('[') {
        rest.split_once(']')?.1
    } else {
        rest
    };
    after.rsplit_once(':').map(|(_, p)| p)
}

/// A known disagreement: (name, which side accepts, matcher, reason).
type Known = (&'static str, Side, fn(&str) -> bool, &'static str);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// Browsers can send it; the crate refuses it in a policy.
    BrowserOnly,
    /// The crate accepts it; browsers never send it.
    CrateOnly,
}

/// Every disagreement found, with why it is accepted.
const KNOWN: &[Known] = &[
    (
        "port 0",
        Side::BrowserOnly,
        |s| port(s) == Some("0"),
        "the URL parser keeps port 0, but nothing can listen on it: a policy listing it is a typo",
    ),
    (
        "a label starting or ending with `-`",
        Side::BrowserOnly,
        |s| {
            host(s)
                .split('.')
                .any(|l| l.starts_with('-') || l.ends_with('-'))
        },
        "URL hosts are not checked against the DNS hyphen rule; no registrable name has such a label",
    ),
    (
        "a label longer than 63 bytes",
        Side::BrowserOnly,
        |s| host(s).split('.').any(|l| l.len() > 63),
        "URL parsing without strict mode keeps it; DNS cannot resolve it",
    ),
    (
        "a trailing dot",
        Side::BrowserOnly,
        |s| host(s).ends_with('.'),
        "`https://example.com.` is a distinct origin browsers do send; policies list the name without it (requests with it are still refused, byte for byte)",
    ),
    (
        "an empty label (leading or doubled dot)",
        Side::BrowserOnly,
        |s| {
            let h = host(s);
            !h.starts_with('[') && h.strip_suffix('.').unwrap_or(h).split('.').any(str::is_empty)
        },
        "the URL parser keeps `https://.a` and `https://a..b`; DNS cannot resolve them, so no page has such an origin worth listing",
    ),
    (
        "a `*` in the host",
        Side::BrowserOnly,
        |s| host(s).contains('*'),
        "the URL parser allows `*` in a host, but no DNS name has one; in a policy `*` is the subdomain-pattern syntax (`https://*.example.com`), never an exact origin",
    ),
    (
        "a host whose last label is a number to the URL parser",
        Side::CrateOnly,
        |s| {
            let h = host(s);
            let last = h.rsplit('.').next().unwrap_or("");
            let hex = last
                .strip_prefix("0x")
                .or_else(|| last.strip_prefix("0X"))
                .is_some_and(|d| d.bytes().all(|c| c.is_ascii_hexdigit()));
            !h.starts_with('[')
                && !last.is_empty()
                && (hex || last.bytes().all(|c| c.is_ascii_digit()))
        },
        "the URL parser reads such a host as an IPv4 address (`https://0x7f` is `https://0.0.0.127`), so browsers never send it as written; the crate's label grammar accepts the label, and the policy entry then never matches (harmless, but a typo the attribute could report)",
    ),
];

fn classify(s: &str, browser: bool) -> Option<&'static Known> {
    let side = if browser {
        Side::BrowserOnly
    } else {
        Side::CrateOnly
    };
    KNOWN.iter().find(|k| k.1 == side && (k.2)(s))
}

fn cases() -> u32 {
    std::env::var("CORS_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// Strings shaped like origins, with the pieces browsers normalize or refuse.
fn candidate() -> impl Strategy<Value = String> {
    let scheme = select(vec!["http", "https", "HTTP", "Https"]);
    let sep = select(vec!["://", "://", "://", ":/", ":\\\\", "://u@", ":"]);
    let label = select(vec![
        "a",
        "example",
        "com",
        "xn--bcher-kva",
        "xn--a",
        "my_site",
        "A",
        "-a",
        "a-",
        "a--b",
        "1",
        "255",
        "0x7f",
        "%41",
        "b\u{fc}cher",
        "a b",
        "*",
        "",
        "localhost",
        "0",
    ]);
    let long = Just("a".repeat(64));
    let labels = proptest::collection::vec(prop_oneof![20 => label, 1 => long.boxed().prop_map(|s: String| Box::leak(s.into_boxed_str()) as &str)], 1..=4)
        .prop_map(|l| l.join("."));
    let ip = select(vec![
        "127.0.0.1",
        "127.1",
        "010.0.0.1",
        "256.0.0.1",
        "[::1]",
        "[0:0:0:0:0:0:0:1]",
        "[::A]",
        "[::ffff:1.2.3.4]",
        "[2001:db8::1]",
        "[::1",
    ]);
    let host = prop_oneof![4 => labels, 1 => ip.prop_map(str::to_owned)];
    let port = select(vec![
        "", "", "", ":0", ":80", ":443", ":8080", ":08080", ":65535", ":65536", ":", ":x",
    ]);
    let tail = select(vec!["", "", "", "/", "/p", "?q", "#f", " ", "."]);
    (scheme, sep, host, port, tail)
        .prop_map(|(scheme, sep, host, port, tail)| format!("{scheme}{sep}{host}{port}{tail}"))
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(cases()) })]

    #[test]
    fn parse_origin_accepts_exactly_the_serialized_origins(s in candidate()) {
        let browser = browser_origin(&s);
        let ours = crate_exact(&s);
        if browser != ours {
            prop_assert!(
                classify(&s, browser).is_some(),
                "unexplained disagreement on {:?}: browsers {}, parse_origin {:?}",
                s,
                if browser { "send it" } else { "never send it" },
                parse_origin(&s)
            );
        }
    }
}

/// The table is not dead: each entry is a real disagreement today, so a change on either side
/// shows up here.
#[test]
fn each_known_disagreement_happens() {
    let long = format!("https://{}.com", "a".repeat(64));
    for (s, browser) in [
        ("https://a.com:0", true),
        ("https://-a.com", true),
        (long.as_str(), true),
        ("https://example.com.", true),
        ("https://0x7f", false),
    ] {
        assert_eq!(browser_origin(s), browser, "{s}");
        assert_eq!(crate_exact(s), !browser, "{s}");
        assert!(classify(s, browser).is_some(), "{s}");
    }
}

/// Agreements that matter, spelled out.
#[test]
fn agreements() {
    for s in [
        "https://app.example.com",
        "http://localhost:5173",
        "http://127.0.0.1:8080",
        "https://[::1]:8443",
        "https://xn--bcher-kva.example",
        "https://my_site.example.net",
    ] {
        assert!(browser_origin(s) && crate_exact(s), "{s}");
    }
    for s in [
        "https://App.example.com",
        "https://app.example.com/",
        "https://app.example.com:443",
        "http://[0:0:0:0:0:0:0:1]",
        "https://xn--a.com",
        "https://u@a.com",
    ] {
        assert!(!browser_origin(s) && !crate_exact(s), "{s}");
    }
}
