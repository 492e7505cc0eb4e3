//! `credentials`, `private_network` and `max_age` in all their forms.
use cors_runtime::cors;

#[cors(origin = "https://app.example.com", credentials)]
async fn bare_flag() {}

#[cors(
    origin = "https://app.example.com",
    credentials = true,
    private_network = true
)]
async fn explicit_true() {}

#[cors(origin = "*", credentials = false, private_network = false)]
async fn explicit_false() {}

#[cors(origin = "https://app.example.com", private_network)]
async fn private() {}

#[cors(origin = "https://app.example.com", max_age = 600)]
async fn ten_minutes() {}

#[cors(origin = "https://app.example.com", max_age = 0)]
async fn no_cache() {}

#[cors(origin = "https://app.example.com", max_age = 86_400)]
async fn one_day() {}

#[cors(origin = "https://app.example.com")]
async fn defaults() {}

const _: () = assert!(bare_flag::POLICY.credentials());
const _: () = assert!(explicit_true::POLICY.credentials());
const _: () = assert!(explicit_true::POLICY.private_network());
const _: () = assert!(!explicit_false::POLICY.credentials());
const _: () = assert!(!explicit_false::POLICY.private_network());
const _: () = assert!(private::POLICY.private_network());
const _: () = assert!(!defaults::POLICY.credentials());
const _: () = assert!(!defaults::POLICY.private_network());

fn main() {
    let _ = (
        bare_flag,
        explicit_true,
        explicit_false,
        private,
        ten_minutes,
        no_cache,
        one_day,
    );
    assert_eq!(ten_minutes::POLICY.max_age(), Some(600));
    assert_eq!(no_cache::POLICY.max_age(), Some(0));
    assert_eq!(one_day::POLICY.max_age(), Some(86_400));
    assert_eq!(defaults::POLICY.max_age(), None);
}
