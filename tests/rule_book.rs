//! The attribute and the run-time path agree: every compile-fail case of `#[cors]` that is a
//! policy problem, fed to the rule book the way configuration read at run time will feed it
//! (`cors_rules::problems`, which also runs the Public Suffix List check), is refused too, with
//! messages the attribute's `.stderr` shows.
//!
//! A new file in `tests/ui/attr/fail/` must be listed here, either with its policy or as
//! attribute syntax only: the test fails on any file in neither list.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use cors_rules::{problems, MethodsDesc, NamesDesc, OriginsDesc, PolicyDesc};

const FAIL_DIR: &str = "tests/ui/attr/fail";

/// Cases whose error is in the attribute's own syntax, or in the item it is put on: they have
/// no policy to give the rule book.
const ATTRIBUTE_SYNTAX_ONLY: &[&str] = &[
    "attribute_not_key_value",
    "credentials_not_a_bool",
    "empty_attribute",
    "header_constant_lowercase",
    "header_constant_misspelled",
    "header_unknown_constant",
    "headers_without_brackets",
    "key_from_other_library",
    "key_missing_equals",
    "key_misspelled",
    "key_repeated",
    "key_singular_method",
    "key_unknown",
    "max_age_float",
    "max_age_negative",
    "max_age_string",
    "max_age_suffix",
    "max_age_without_value",
    "method_path",
    "methods_joined_with_bar",
    "named_policy_configured_credentials",
    "named_policy_nested",
    "named_policy_unknown",
    "methods_without_brackets",
    "on_associated_fn",
    "on_const_generic_fn",
    "on_generic_fn",
    "on_impl_block",
    "on_method",
    "on_struct",
    "on_sync_fn",
    "origin_env_bad_shape",
    "origin_from_const",
    "origin_from_env_macro",
    "origin_missing",
    "origin_not_a_list",
    "origin_not_a_string",
    "origin_without_value",
    "predicate_credentials_without_predicate",
    "predicate_wrong_signature",
    "private_network_string",
];

/// One compile-fail case that is a policy problem.
struct Case {
    file: &'static str,
    policy: PolicyDesc<'static>,
    /// Errors of the same `.stderr` that are about the attribute's syntax, not the policy.
    syntax_errors: usize,
}

fn origins(list: &'static [&'static str]) -> PolicyDesc<'static> {
    PolicyDesc::new(OriginsDesc::List(list))
}

/// `origin = "https://app.example.com"` and nothing else, for cases about another key.
fn app() -> PolicyDesc<'static> {
    origins(&["https://app.example.com"])
}

fn case(file: &'static str, policy: PolicyDesc<'static>) -> Case {
    Case {
        file,
        policy,
        syntax_errors: 0,
    }
}

fn methods(list: &'static [&'static str]) -> PolicyDesc<'static> {
    PolicyDesc {
        methods: MethodsDesc::List(list),
        ..app()
    }
}

fn headers(list: &'static [&'static str]) -> PolicyDesc<'static> {
    PolicyDesc {
        headers: NamesDesc::List(list),
        ..app()
    }
}

fn expose(list: &'static [&'static str]) -> PolicyDesc<'static> {
    PolicyDesc {
        expose: NamesDesc::List(list),
        ..app()
    }
}

fn credentialed(policy: PolicyDesc<'static>) -> PolicyDesc<'static> {
    PolicyDesc {
        credentials: true,
        ..policy
    }
}

fn cases() -> Vec<Case> {
    let long_host: &'static str = Box::leak(
        format!("https://{}.example.com", vec!["a".repeat(60); 4].join(".")).into_boxed_str(),
    );
    let long_host: &'static [&'static str] = Box::leak(Box::new([long_host]));
    vec![
        Case {
            file: "combined_errors",
            // `credentials = 1` and the key `orgin` are syntax errors; the rest is policy.
            policy: PolicyDesc {
                methods: MethodsDesc::List(&["GET", "GTE"]),
                headers: NamesDesc::List(&["cookie"]),
                max_age: Some("100000"),
                ..origins(&["https://app.example.com/", "*"])
            },
            syntax_errors: 2,
        },
        case(
            "credentials_with_any_expose",
            credentialed(PolicyDesc {
                expose: NamesDesc::Any,
                ..app()
            }),
        ),
        case(
            "credentials_with_any_headers",
            credentialed(PolicyDesc {
                headers: NamesDesc::Any,
                ..app()
            }),
        ),
        case(
            "credentials_with_any_methods",
            credentialed(PolicyDesc {
                methods: MethodsDesc::Any,
                ..app()
            }),
        ),
        case(
            "credentials_with_any_origin",
            credentialed(PolicyDesc::new(OriginsDesc::Any)),
        ),
        case(
            "credentials_with_hosting_suffix_pattern",
            credentialed(origins(&["https://*.s3.us-east-1.amazonaws.com"])),
        ),
        case(
            "credentials_with_http_origin",
            credentialed(origins(&[
                "https://app.example.com",
                "http://app.example.com",
            ])),
        ),
        case(
            "credentials_with_icann_suffix_pattern",
            credentialed(origins(&["https://*.gov.au"])),
        ),
        case(
            "credentials_with_public_suffix_pattern",
            credentialed(origins(&["https://*.github.io"])),
        ),
        case(
            "credentials_with_tld_pattern",
            credentialed(origins(&["https://*.com"])),
        ),
        // `ETAG` is the `http::header` constant for `etag`.
        case("expose_duplicate", expose(&["etag", "etag"])),
        case("expose_not_a_token", expose(&["x-request-id, x-trace-id"])),
        case("expose_set_cookie", expose(&["x-request-id", "set-cookie"])),
        case("handler_kept_on_error", origins(&["https://app.example.com/"])),
        case(
            "header_access_control",
            headers(&["access-control-allow-origin"]),
        ),
        case(
            "header_duplicate_case_insensitive",
            headers(&["content-type", "Content-Type"]),
        ),
        case("header_forbidden", headers(&["content-type", "cookie"])),
        case("header_forbidden_constant", headers(&["content-type", "host"])),
        case("header_not_a_token", headers(&["x api key"])),
        case("header_sec_prefix", headers(&["sec-fetch-mode"])),
        case("header_star_in_list", headers(&["*"])),
        case(
            "max_age_too_large",
            PolicyDesc {
                max_age: Some("604800"),
                ..app()
            },
        ),
        case("method_any_ident", methods(&["ANY"])),
        case("method_custom_as_ident", methods(&["GET", "PURGE"])),
        case("method_custom_string", methods(&["GET", "PURGE"])),
        case("method_duplicate", methods(&["GET", "POST", "GET"])),
        case("method_forbidden", methods(&["GET", "TRACE"])),
        case("method_forbidden_string", methods(&["CONNECT"])),
        case("method_lowercase_get", methods(&["get"])),
        case("method_lowercase_patch", methods(&["GET", "patch"])),
        case("method_lowercase_string", methods(&["GET", "patch"])),
        case("method_misspelled", methods(&["GET", "POTS"])),
        case("method_misspelled_string", methods(&["PTACH"])),
        case("method_not_a_token", methods(&["GET POST"])),
        case("method_star_in_list", methods(&["GET", "*"])),
        case("methods_empty_list", methods(&[])),
        case(
            "named_policy_invalid",
            PolicyDesc {
                headers: NamesDesc::List(&["content-type"]),
                ..origins(&["https://app.example.com/"])
            },
        ),
        // The named policy's keys with the handler's on top.
        case(
            "named_policy_merge_breaks_named_key",
            credentialed(PolicyDesc {
                methods: MethodsDesc::List(&["GET"]),
                headers: NamesDesc::Any,
                ..app()
            }),
        ),
        case(
            "named_policy_override_checked",
            credentialed(PolicyDesc {
                methods: MethodsDesc::Any,
                headers: NamesDesc::List(&["content-type"]),
                ..app()
            }),
        ),
        case(
            "origin_any_port_not_loopback",
            origins(&["http://localhost:*", "https://dev.example.com:*"]),
        ),
        case("origin_any_port_with_pattern", origins(&["http://*.localhost:*"])),
        case("origin_app_with_port", origins(&["tauri://localhost:1420"])),
        case("origin_bad_punycode", origins(&["https://xn--a.com"])),
        case(
            "origin_blob_url",
            origins(&["blob:https://app.example.com/7f3e2a10-1c1d-4a4b-9d52-0d3c7a1c8e11"]),
        ),
        case(
            "origin_chrome_extension_bad_id",
            origins(&["chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai1"]),
        ),
        case("origin_data_url", origins(&["data:text/html,hello"])),
        case("origin_default_port", origins(&["https://app.example.com:443"])),
        case(
            "origin_duplicate",
            origins(&[
                "https://a.example.com",
                "https://b.example.com",
                "https://a.example.com",
            ]),
        ),
        case("origin_empty_label", origins(&["https://app..example.com"])),
        case("origin_empty_list", origins(&[])),
        case("origin_extension_wildcard", origins(&["chrome-extension://*"])),
        // The default of `env(..)` is checked at compile time, like a list.
        case(
            "origin_env_default_checked",
            credentialed(origins(&[
                "http://localhost:5173",
                "http://app.example.com",
                "https://app.example.com/",
            ])),
        ),
        case("origin_file_scheme", origins(&["file:///srv/index.html"])),
        case("origin_host_too_long", origins(long_host)),
        case(
            "origin_http_default_port",
            origins(&["http://app.example.com:80"]),
        ),
        case(
            "origin_ipv6_embedded_ipv4",
            origins(&["http://[::ffff:127.0.0.1]:3000"]),
        ),
        case(
            "origin_ipv6_not_canonical",
            origins(&["http://[0:0:0:0:0:0:0:1]:8080"]),
        ),
        case("origin_ipv6_unbracketed", origins(&["http://::1:3000"])),
        case(
            "origin_label_too_long",
            origins(&["https://this-label-is-much-longer-than-the-sixty-three-bytes-a-dns-label-may-have.example.com"]),
        ),
        case(
            "origin_misplaced_wildcard",
            origins(&["https://api.*.example.com"]),
        ),
        case("origin_missing_scheme", origins(&["app.example.com"])),
        case(
            "origin_moz_extension_not_uuid",
            origins(&["moz-extension://{0b2d1c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e}"]),
        ),
        case("origin_non_ascii_host", origins(&["https://bücher.example"])),
        case("origin_null", origins(&["null"])),
        case("origin_port_leading_zero", origins(&["http://localhost:03000"])),
        case("origin_port_not_digits", origins(&["http://localhost:30a0"])),
        case(
            "origin_port_too_large",
            origins(&["https://app.example.com:70000"]),
        ),
        case("origin_port_zero", origins(&["https://app.example.com:0"])),
        case(
            "origin_safari_web_extension",
            origins(&["safari-web-extension://140BB581-A2C0-422A-9DD3-6982A5ABEE5E"]),
        ),
        case("origin_trailing_slash", origins(&["https://app.example.com/"])),
        case(
            "origin_unsupported_scheme",
            origins(&["ftp://files.example.com"]),
        ),
        case("origin_uppercase_host", origins(&["https://App.Example.com"])),
        case(
            "origin_uppercase_scheme",
            origins(&["HTTPS://app.example.com"]),
        ),
        case("origin_websocket_scheme", origins(&["wss://app.example.com"])),
        case("origin_whitespace", origins(&["https://app.example.com "])),
        case(
            "origin_wildcard_in_list",
            origins(&["https://app.example.com", "*"]),
        ),
        case(
            "origin_wildcard_inner_label",
            origins(&["https://api.*.example.com"]),
        ),
        case(
            "origin_with_fragment",
            origins(&["https://app.example.com#top"]),
        ),
        case("origin_with_path", origins(&["https://app.example.com/api"])),
        case("origin_with_query", origins(&["https://app.example.com?x=1"])),
        case(
            "origin_with_userinfo",
            origins(&["https://admin@app.example.com"]),
        ),
        case(
            "predicate_with_credentials",
            credentialed(PolicyDesc {
                methods: MethodsDesc::List(&["GET"]),
                ..PolicyDesc::new(OriginsDesc::Predicate {
                    credentials_acknowledged: false,
                })
            }),
        ),
    ]
}

/// The stems of the compile-fail cases on disk.
fn fail_cases() -> BTreeSet<String> {
    fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(FAIL_DIR))
        .expect("the compile-fail directory")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn every_fail_case_is_classified() {
    let table: BTreeSet<String> = cases().iter().map(|c| c.file.to_string()).collect();
    let syntax: BTreeSet<String> = ATTRIBUTE_SYNTAX_ONLY
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert!(
        table.is_disjoint(&syntax),
        "in both lists: {:?}",
        table.intersection(&syntax).collect::<Vec<_>>()
    );
    let on_disk = fail_cases();
    let known: BTreeSet<String> = table.union(&syntax).cloned().collect();
    let new: Vec<_> = on_disk.difference(&known).collect();
    assert!(
        new.is_empty(),
        "compile-fail cases without an entry in tests/rule_book.rs (add the policy to `cases()`, \
         or the name to ATTRIBUTE_SYNTAX_ONLY if it has no policy): {new:?}"
    );
    let gone: Vec<_> = known.difference(&on_disk).collect();
    assert!(
        gone.is_empty(),
        "entries without a compile-fail case: {gone:?}"
    );
}

#[test]
fn the_rule_book_refuses_what_the_attribute_refuses_with_the_same_words() {
    for case in cases() {
        let stderr_path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(FAIL_DIR)
            .join(format!("{}.stderr", case.file));
        let stderr = fs::read_to_string(&stderr_path).expect("a .stderr snapshot");
        let found: Vec<_> = problems(&case.policy).collect();
        assert!(
            !found.is_empty(),
            "{}: the attribute refuses this policy, the rule book accepts it",
            case.file
        );
        for problem in &found {
            assert!(
                stderr.contains(problem.message()),
                "{}: the attribute's errors do not contain the rule book's message for {:?} \
                 at {:?}:\n  {}\n--- {}:\n{stderr}",
                case.file,
                problem.kind,
                problem.at,
                problem.message(),
                stderr_path.display()
            );
        }
        let errors = stderr.lines().filter(|l| l.starts_with("error")).count();
        assert_eq!(
            errors,
            found.len() + case.syntax_errors,
            "{}: the attribute reports {errors} errors, the rule book finds {:?}",
            case.file,
            found.iter().map(|p| p.kind).collect::<Vec<_>>()
        );
    }
}
