//! Origins browsers really send that need more than `https://host`: extension and app origins,
//! `_` in a host, punycode, IPv6 in its serialized form, and short registrable domains.
use cors_runtime::{cors, Origins};

#[cors(
    origin = [
        "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai",
        "moz-extension://0b2d1c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
        "tauri://localhost",
        "capacitor://localhost",
        "ionic://localhost",
    ],
    credentials
)]
async fn apps() {}

#[cors(origin = ["https://my_site.example.com", "https://*.my_team.example.com"])]
async fn underscores() {}

#[cors(origin = ["https://xn--bcher-kva.example", "https://*.xn--mnchen-3ya.example"])]
async fn punycode() {}

#[cors(origin = ["http://[::1]:8080", "http://[2001:db8::1:0:0:1]", "http://[::ffff:7f00:1]"])]
async fn ipv6() {}

// `fb.me` and `wa.me` are registrable names under `me`, not public suffixes.
#[cors(origin = ["https://*.fb.me", "https://*.wa.me"], credentials)]
async fn short_domains() {}

// Hosts under top-level domains nobody can register are not public suffixes.
#[cors(origin = ["http://*.localhost:3000", "https://*.corp.internal"], credentials)]
async fn private_tlds() {}

fn texts(origins: Origins) -> Vec<&'static str> {
    match origins {
        Origins::List(list) => list.iter().map(|o| o.as_str()).collect(),
        other => panic!("expected a list, got {other:?}"),
    }
}

fn main() {
    let _ = (apps, underscores, punycode, ipv6, short_domains, private_tlds);

    assert_eq!(
        texts(apps::POLICY.origins()),
        [
            "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai",
            "moz-extension://0b2d1c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
            "tauri://localhost",
            "capacitor://localhost",
            "ionic://localhost",
        ]
    );
    assert!(apps::POLICY.credentials());
    assert!(apps::POLICY.allows_origin(b"tauri://localhost"));
    assert!(apps::POLICY.allows_origin(b"chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai"));
    assert!(!apps::POLICY.allows_origin(b"chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));

    assert!(underscores::POLICY.allows_origin(b"https://my_site.example.com"));
    assert!(underscores::POLICY.allows_origin(b"https://pr_7.my_team.example.com"));
    assert!(!underscores::POLICY.allows_origin(b"https://my_team.example.com"));

    assert!(punycode::POLICY.allows_origin(b"https://xn--bcher-kva.example"));
    assert!(punycode::POLICY.allows_origin(b"https://shop.xn--mnchen-3ya.example"));
    assert!(!punycode::POLICY.allows_origin(b"https://xn--a.xn--mnchen-3ya.example"));

    assert_eq!(
        texts(ipv6::POLICY.origins()),
        [
            "http://[::1]:8080",
            "http://[2001:db8::1:0:0:1]",
            "http://[::ffff:7f00:1]"
        ]
    );
    assert!(ipv6::POLICY.allows_origin(b"http://[::1]:8080"));

    assert!(short_domains::POLICY.credentials());
    assert!(short_domains::POLICY.allows_origin(b"https://m.fb.me"));
    assert!(!short_domains::POLICY.allows_origin(b"https://fb.me"));

    assert!(private_tlds::POLICY.allows_origin(b"http://app.localhost:3000"));
    assert!(private_tlds::POLICY.allows_origin(b"https://wiki.corp.internal"));
}
