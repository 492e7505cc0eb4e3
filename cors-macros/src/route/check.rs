//! Judging the mounts: each method is one axum routes (the method table of `cors_rules`), and
//! each is mounted once.

use quote::ToTokens;
use syn::Ident;

use cors_rules as rules;

use super::parse::Written;
use crate::errors::Errors;
use crate::suggest::closest;

/// A mount that passed the checks.
pub(crate) struct Mount {
    pub(crate) written: Written,
    /// The uppercase HTTP method.
    pub(crate) http: &'static str,
}

/// The mounts that passed; every problem of the others is reported.
pub(crate) fn check(written: Vec<Written>, errors: &mut Errors) -> Vec<Mount> {
    let mut mounts: Vec<Mount> = Vec::new();
    for (position, mount) in written.into_iter().enumerate() {
        errors.set_position(position);
        let name = mount.method.to_string();
        let Some(http) = rules::router_method(&name) else {
            errors.push(unknown_method(&mount.method, &name));
            continue;
        };
        if let Some(first) = mounts.iter().find(|m| m.http == http) {
            errors.at(
                mount.method.span(),
                format!(
                    "{http} is mounted twice on this path (first as `{}`): a path has one handler per method; remove one of them",
                    first.written.handler.to_token_stream().to_string().replace(' ', ""),
                ),
            );
            continue;
        }
        mounts.push(Mount {
            written: mount,
            http,
        });
    }
    mounts
}

fn unknown_method(method: &Ident, name: &str) -> syn::Error {
    let text = match name {
        "trace" | "connect" => format!(
            "browsers cannot send {} requests, so they never need CORS: mount this handler with plain axum routing",
            name.to_uppercase()
        ),
        "any" => "cors_route! needs each method spelled out so each gets its policy: write `get(h), post(h), ...`".to_owned(),
        _ => {
            let lower = name.to_ascii_lowercase();
            let functions: Vec<String> = rules::STANDARD_METHODS
                .iter()
                .map(|m| m.to_ascii_lowercase())
                .collect();
            match closest(&lower, functions.iter().map(String::as_str), 2) {
                Some(m) => format!("unknown method `{name}`: did you mean `{m}`?"),
                None => format!(
                    "unknown method `{name}`: expected one of {}",
                    functions.join(", ")
                ),
            }
        }
    };
    syn::Error::new(method.span(), text)
}
