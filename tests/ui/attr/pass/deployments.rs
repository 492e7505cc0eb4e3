//! Origins from configuration, predicates, any port on loopback, and named policies.
use cors_runtime::{cors, cors_policy, Methods, OriginSource, Origins};

#[cors(origin = env("APP_ORIGINS"), methods = [GET], credentials)]
async fn from_env() {}

#[cors(origin = env("APP_ORIGINS", default = ["http://localhost:5173"]), methods = [GET])]
async fn with_default() {}

#[cors(origin = config, methods = [GET])]
async fn from_config() {}

mod tenants {
    pub fn is_allowed(origin: &str) -> bool {
        origin == "https://tenant-1.example.com"
    }
}

#[cors(origin = tenants::is_allowed, methods = [GET])]
async fn tenant() {}

#[cors(origin = tenants::is_allowed, methods = [GET], credentials_with_predicate_origins)]
async fn tenant_with_cookies() {}

#[cors(origin = ["http://localhost:*", "https://app.example.com"], methods = [GET], credentials)]
async fn dev_ports() {}

cors_policy!(pub SPA = origin = ["https://app.example.com"], headers = ["content-type"], credentials, max_age = 600);
cors_policy!(CONFIGURED = origin = env("APP_ORIGINS", default = ["http://localhost:*"]), methods = [GET, POST]);

#[cors(policy = SPA, methods = [GET])]
async fn spa_get() {}

#[cors(policy = SPA, methods = [DELETE], max_age = 60, headers = ["content-type", "authorization"])]
async fn spa_delete() {}

#[cors(policy = CONFIGURED)]
async fn configured_named() {}

mod elsewhere {
    use cors_runtime::cors;

    #[cors(policy = super::SPA, methods = [PUT])]
    pub async fn put() {}

    #[cors(policy = crate::SPA, origin = "https://admin.example.com", methods = [PATCH])]
    pub async fn admin() {}
}

fn main() {
    let _ = (from_env, with_default, from_config, tenant, tenant_with_cookies, dev_ports);
    let _ = (spa_get, spa_delete, configured_named, elsewhere::put, elsewhere::admin);

    let Origins::Configured(env) = from_env::POLICY.origins() else { panic!() };
    assert_eq!(env.source(), OriginSource::Env { var: "APP_ORIGINS", default: None });
    assert_eq!(env.policy_name(), "from_env");
    assert!(!env.is_loaded());
    assert!(from_env::POLICY.credentials());
    let Origins::Configured(defaulted) = with_default::POLICY.origins() else { panic!() };
    assert!(matches!(defaulted.source(), OriginSource::Env { default: Some(list), .. } if list[0].as_str() == "http://localhost:5173"));
    let Origins::Configured(config) = from_config::POLICY.origins() else { panic!() };
    assert_eq!(config.source(), OriginSource::Config);
    // Each policy has its own slot.
    assert_ne!(from_env::POLICY.origins(), with_default::POLICY.origins());

    let Origins::Predicate(p) = tenant::POLICY.origins() else { panic!() };
    assert_eq!(p.name(), "tenants::is_allowed");
    assert!(!p.credentials_acknowledged() && !tenant::POLICY.credentials());
    assert!(tenant::POLICY.allows_origin(b"https://tenant-1.example.com"));
    assert!(!tenant::POLICY.allows_origin(b"https://tenant-2.example.com"));
    assert!(tenant::POLICY.varies_by_origin());
    assert!(tenant_with_cookies::POLICY.credentials());
    assert_eq!(
        format!("{:?}", tenant_with_cookies::POLICY),
        "Policy { origin: tenants::is_allowed, methods: [GET], credentials_with_predicate_origins: true }"
    );

    assert!(dev_ports::POLICY.allows_origin(b"http://localhost:5173"));
    assert!(dev_ports::POLICY.allows_origin(b"http://localhost:8080"));
    assert!(!dev_ports::POLICY.allows_origin(b"http://localhost.evil.example:8080"));

    assert!(SPA.credentials());
    assert_eq!(SPA.methods(), Methods::Mounted);
    assert_eq!(spa_get::POLICY.methods(), Methods::List(&["GET"]));
    assert_eq!(spa_get::POLICY.max_age(), Some(600));
    assert_eq!(spa_get::POLICY.allow_headers(), Some("content-type"));
    assert_eq!(spa_delete::POLICY.max_age(), Some(60));
    assert_eq!(spa_delete::POLICY.allow_headers(), Some("content-type, authorization"));
    assert!(spa_delete::POLICY.credentials());
    assert_eq!(spa_get::POLICY.origins(), SPA.origins());
    assert_eq!(elsewhere::put::POLICY.methods(), Methods::List(&["PUT"]));
    assert!(elsewhere::admin::POLICY.allows_origin(b"https://admin.example.com"));
    assert!(!elsewhere::admin::POLICY.allows_origin(b"https://app.example.com"));
    // A named policy's configured origins are shared, slot included.
    assert_eq!(configured_named::POLICY.origins(), CONFIGURED.origins());
    assert_eq!(configured_named::POLICY.methods(), Methods::List(&["GET", "POST"]));
}
