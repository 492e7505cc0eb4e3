//! Parsing `#[cors(...)]` into a plain [`Attr`].
//!
//! This module only checks the *shape* of the attribute (known keys, each given once, each with
//! a value of the right form). What the values mean is checked in `valid.rs`, with the rule
//! book of `cors_rules`. Every problem is collected in [`Errors`] so that one compile run shows
//! all of them.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, ExprArray, ExprLit, ExprPath, ExprUnary, Ident, Lit, LitInt, LitStr, Token, UnOp};

use cors_rules as rules;

use crate::errors::Errors;
use crate::suggest::{closest, edit_distance};

/// The keys the attribute knows, in the order the docs list them: the policy's keys (those of
/// the rule book), then the attribute's own.
pub(crate) const KEYS: [&str; rules::Key::ALL.len() + 2] = {
    let mut names = [""; rules::Key::ALL.len() + 2];
    let mut i = 0;
    while i < rules::Key::ALL.len() {
        names[i] = rules::Key::ALL[i].name();
        i += 1;
    }
    names[i] = POLICY;
    names[i + 1] = PREDICATE_CREDENTIALS;
    names
};

/// `policy = SPA`: start from a named policy (`cors_policy!`).
pub(crate) const POLICY: &str = "policy";
/// The opt-in for `credentials` with predicate origins.
pub(crate) const PREDICATE_CREDENTIALS: &str = "credentials_with_predicate_origins";

/// Names people reach for from other CORS libraries, and the key that means the same.
const ALIASES: &[(&str, &str)] = &[
    ("origins", "origin"),
    ("allow_origin", "origin"),
    ("allow_origins", "origin"),
    ("allowed_origins", "origin"),
    ("method", "methods"),
    ("allow_methods", "methods"),
    ("allowed_methods", "methods"),
    ("header", "headers"),
    ("allow_headers", "headers"),
    ("allowed_headers", "headers"),
    ("request_headers", "headers"),
    ("expose_headers", "expose"),
    ("exposed_headers", "expose"),
    ("allow_credentials", "credentials"),
    ("with_credentials", "credentials"),
    ("credential", "credentials"),
    ("maxage", "max_age"),
    ("max_age_secs", "max_age"),
    ("max_age_seconds", "max_age"),
    ("allow_private_network", "private_network"),
];

/// The attribute, parsed. A key that is absent, or whose value had the wrong shape, is `None`.
#[derive(Default)]
pub(crate) struct Attr {
    pub(crate) origin: Option<Origin>,
    pub(crate) methods: Option<Names>,
    pub(crate) headers: Option<Names>,
    pub(crate) expose: Option<Names>,
    pub(crate) credentials: Option<Flag>,
    pub(crate) max_age: Option<MaxAge>,
    pub(crate) private_network: Option<Flag>,
    /// `policy = SPA`.
    pub(crate) policy: Option<ExprPath>,
    /// `credentials_with_predicate_origins`.
    pub(crate) predicate_credentials: Option<Flag>,
    /// Keys taken from the named policy (`policy = SPA`) rather than written here.
    pub(crate) inherited: Vec<&'static str>,
    /// Each known key written, with its position, whether or not its value was usable.
    pub(crate) written: Vec<(&'static str, usize)>,
    /// Whether an unknown key looked like a misspelled `origin` (then a "missing `origin`"
    /// error would only repeat it).
    pub(crate) origin_misspelled: bool,
}

impl Attr {
    /// The position of `key` in the attribute, for ordering its errors.
    pub(crate) fn position(&self, key: &str) -> usize {
        self.written
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(0, |(_, position)| *position)
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.written.iter().any(|(k, _)| *k == key)
    }

    /// Whether `key` comes from the named policy.
    pub(crate) fn is_inherited(&self, key: &str) -> bool {
        self.inherited.contains(&key)
    }

    /// This attribute's keys on top of the named policy `named`: each key written here
    /// replaces the named policy's. Keys taken from `named` are reported, when a rule involving
    /// them fails, at this attribute's `policy = ..`, whose position they take.
    pub(crate) fn merge(mut self, named: Attr, errors: &mut Errors) -> Attr {
        let at = self.position(POLICY);
        // A credentials change would escape the check of origins loaded at start-up or decided
        // by a predicate, which run against the named policy's own `credentials`.
        let late_origins = matches!(
            named.origin,
            Some(Origin::Env { .. } | Origin::Config(_) | Origin::Predicate(_))
        );
        if late_origins && !self.has("origin") {
            let named_on = |f: &Option<Flag>| f.is_some_and(|f| f.value);
            for (key, mine, theirs) in [
                ("credentials", &self.credentials, &named.credentials),
                (
                    PREDICATE_CREDENTIALS,
                    &self.predicate_credentials,
                    &named.predicate_credentials,
                ),
            ] {
                if let Some(flag) = mine {
                    if flag.value != named_on(theirs) {
                        errors.set_position(self.position(key));
                        errors.at(
                            flag.span,
                            format_args!(
                                "`{key}` cannot change here: the named policy's origins are \
                                 checked at start-up (or decided by its predicate) against its \
                                 own `{key}`; set it in `cors_policy!`, define another named \
                                 policy, or write this handler's own `origin`"
                            ),
                        );
                    }
                }
            }
        }
        let named_keys: Vec<&'static str> = named.written.iter().map(|(k, _)| *k).collect();
        let mut named = named;
        macro_rules! inherit {
            ($($field:ident: $key:expr),*) => {$(
                if !self.has($key) && named_keys.contains(&$key) {
                    self.$field = named.$field.take();
                    self.inherited.push($key);
                    self.written.push(($key, at));
                }
            )*};
        }
        inherit!(
            origin: "origin",
            methods: "methods",
            headers: "headers",
            expose: "expose",
            credentials: "credentials",
            max_age: "max_age",
            private_network: "private_network",
            predicate_credentials: PREDICATE_CREDENTIALS
        );
        self
    }
}

/// `origin = "*"` or the origins written (one string is a list of one), or origins that
/// arrive later: read at start-up, or decided by a predicate.
pub(crate) enum Origin {
    Any(LitStr),
    List {
        items: Vec<LitStr>,
        span: Span,
    },
    /// `env("VAR")`, `env("VAR", default = [..])`.
    Env {
        var: LitStr,
        default: Option<(Vec<LitStr>, Span)>,
        span: Span,
    },
    /// `config`.
    Config(Ident),
    /// `path::to::predicate`.
    Predicate(ExprPath),
}

/// `methods`, `headers` or `expose`: `"*"` or a bracketed list.
pub(crate) enum Names {
    Any(LitStr),
    List { items: Vec<Name>, span: Span },
}

/// One element of a name list, as written.
pub(crate) enum Name {
    /// `GET`, `CONTENT_TYPE`.
    Ident(Ident),
    /// `"PATCH"`, `"x-api-key"`.
    Str(LitStr),
}

impl ToTokens for Name {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        match self {
            Name::Ident(ident) => ident.to_tokens(tokens),
            Name::Str(lit) => lit.to_tokens(tokens),
        }
    }
}

/// `credentials`, `credentials = true`.
#[derive(Clone, Copy)]
pub(crate) struct Flag {
    pub(crate) value: bool,
    /// The key.
    pub(crate) span: Span,
}

/// `max_age = 600`.
pub(crate) struct MaxAge {
    pub(crate) lit: LitInt,
}

/// One `key` or `key = value` of the attribute.
struct Entry {
    key: Ident,
    value: Option<Expr>,
}

impl Parse for Entry {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            return Err(syn::Error::new(
                lit.span(),
                format_args!(
                    "the attribute takes `key = value` pairs: write `origin = {}`",
                    lit.to_token_stream()
                ),
            ));
        }
        if !input.peek(Ident::peek_any) {
            return Err(input.error(
                "expected a key such as `origin`: write `key = value` pairs, e.g. \
                 `#[cors(origin = \"https://app.example.com\", methods = [GET])]`",
            ));
        }
        let key = input.call(Ident::parse_any)?;
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Some(input.parse()?)
        } else if input.is_empty() || input.peek(Token![,]) {
            None
        } else {
            return Err(input.error(format_args!(
                "expected `=` or `,` after `{key}`: write `key = value` and separate keys with `,`, \
                 e.g. `#[cors(origin = \"https://app.example.com\", methods = [GET])]`"
            )));
        };
        Ok(Entry { key, value })
    }
}

/// Parses the attribute's tokens. Returns what could be read, or `None` when the tokens are
/// not a list of `key = value` at all; every problem goes to `errors`.
pub(crate) fn parse(tokens: TokenStream, errors: &mut Errors) -> Option<Attr> {
    let mut attr = Attr::default();
    let tokens = without_invisible_groups(tokens);
    let entries = match Punctuated::<Entry, Token![,]>::parse_terminated.parse2(tokens) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
    for (position, entry) in entries.into_iter().enumerate() {
        errors.set_position(position);
        let key = entry.key.unraw().to_string();
        let Some(known) = KEYS.iter().copied().find(|k| *k == key) else {
            let suggestion = suggest_key(&key);
            attr.origin_misspelled |= suggestion == Some("origin");
            errors.at(entry.key.span(), unknown_key(&key, suggestion));
            continue;
        };
        if attr.has(known) {
            errors.at(
                entry.key.span(),
                format_args!("`{key}` is given twice: keep one of them"),
            );
            continue;
        }
        attr.written.push((known, position));
        let value = entry.value.as_ref();
        let k = &entry.key;
        match known {
            "origin" => attr.origin = origin(k, value, errors),
            "methods" => attr.methods = names(k, value, errors),
            "headers" => attr.headers = names(k, value, errors),
            "expose" => attr.expose = names(k, value, errors),
            "credentials" => attr.credentials = flag(k, value, errors),
            "private_network" => attr.private_network = flag(k, value, errors),
            "max_age" => attr.max_age = max_age(k, value, errors),
            POLICY => attr.policy = policy(k, value, errors),
            PREDICATE_CREDENTIALS => attr.predicate_credentials = flag(k, value, errors),
            _ => unreachable!("every key of KEYS is handled"),
        }
    }
    Some(attr)
}

/// The key an unknown key most likely meant.
fn suggest_key(key: &str) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map(|(_, key)| *key)
        .or_else(|| closest(&lower, KEYS.iter().copied(), 2))
        .or_else(|| {
            // `allow_methos`, `expose_header`: close to an alias.
            ALIASES
                .iter()
                .filter(|(alias, _)| edit_distance(&lower, alias) <= 2)
                .map(|(_, key)| *key)
                .next()
        })
}

fn unknown_key(key: &str, suggestion: Option<&str>) -> String {
    match suggestion {
        Some(s) => format!("unknown key `{key}`: did you mean `{s}`?"),
        None => format!(
            "unknown key `{key}`: the keys are {}",
            KEYS.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn str_lit(expr: &Expr) -> Option<&LitStr> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s),
        _ => None,
    }
}

/// A path of one identifier, such as `GET` (not `Method::GET`).
fn single_ident(path: &ExprPath) -> Option<&Ident> {
    if path.qself.is_none() && path.path.leading_colon.is_none() {
        path.path.get_ident()
    } else {
        None
    }
}

fn origin(key: &Ident, value: Option<&Expr>, errors: &mut Errors) -> Option<Origin> {
    const SHAPE: &str = "write one origin `origin = \"https://app.example.com\"`, a list \
        `origin = [\"https://app.example.com\", \"https://*.example.com\"]`, `origin = \"*\"` \
        for any origin, or `origin = env(\"APP_ORIGINS\")` to read them at start-up";
    let Some(value) = value else {
        errors.at(key.span(), format_args!("`origin` needs a value: {SHAPE}"));
        return None;
    };
    match value {
        Expr::Call(call) => return env_origin(call, errors),
        Expr::Path(path) => return origin_path(path, errors),
        Expr::Macro(mac) => {
            let name = mac
                .mac
                .path
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default();
            let hint = if name == "env" || name == "option_env" {
                "; to read the origins from the environment, write `origin = env(\"APP_ORIGINS\")` \
                 (without `!`): the variable is then read when the program starts, with \
                 `handler::POLICY.load_origins()`"
            } else {
                ""
            };
            errors.spanned(
                value,
                format_args!(
                    "`origin` cannot take a macro call: the attribute reads its tokens before \
                     macros expand, so it cannot check what `{name}!` produces; write the \
                     origins as string literals{hint}"
                ),
            );
            return None;
        }
        _ => {}
    }
    if let Some(lit) = str_lit(value) {
        return Some(if lit.value() == "*" {
            Origin::Any(lit.clone())
        } else {
            Origin::List {
                items: vec![lit.clone()],
                span: lit.span(),
            }
        });
    }
    let Expr::Array(array) = value else {
        errors.spanned(
            value,
            format_args!("`origin` takes a string or a list of strings: {SHAPE}"),
        );
        return None;
    };
    let mut items = Vec::new();
    let mut ok = true;
    for elem in &array.elems {
        match str_lit(elem) {
            Some(lit) => items.push(lit.clone()),
            None => {
                ok = false;
                errors.spanned(
                    elem,
                    "write each origin as a string literal, e.g. \"https://app.example.com\"",
                );
            }
        }
    }
    ok.then(|| Origin::List {
        items,
        span: array.bracket_token.span.join(),
    })
}

/// `env("VAR")` or `env("VAR", default = [..])`.
fn env_origin(call: &syn::ExprCall, errors: &mut Errors) -> Option<Origin> {
    const SHAPE: &str = "write `origin = env(\"APP_ORIGINS\")`, or with origins for when the \
        variable is not set, `origin = env(\"APP_ORIGINS\", default = [\"http://localhost:5173\"])`";
    let is_env =
        matches!(&*call.func, Expr::Path(p) if single_ident(p).is_some_and(|i| i == "env"));
    if !is_env {
        errors.spanned(
            &call.func,
            format_args!(
                "`origin` takes origins as string literals, `env(..)` to read them at start-up, \
                 `config` to pass them at start-up, or the path of a predicate fn: {SHAPE}"
            ),
        );
        return None;
    }
    let mut args = call.args.iter();
    let var = match args.next().and_then(str_lit) {
        Some(var) => var.clone(),
        None => {
            errors.at(
                call.paren_token.span.join(),
                format_args!("`env` needs the variable's name as a string literal: {SHAPE}"),
            );
            return None;
        }
    };
    let name = var.value();
    if name.is_empty() || name.contains(['=', '\0']) {
        errors.spanned(
            &var,
            "an environment variable's name is not empty and has no `=` or NUL: write e.g. \
             \"APP_ORIGINS\"",
        );
        return None;
    }
    let mut default = None;
    for arg in args {
        let Expr::Assign(assign) = arg else {
            errors.spanned(
                arg,
                format_args!("`env` takes the variable and `default = [..]`: {SHAPE}"),
            );
            return None;
        };
        let is_default = matches!(&*assign.left, Expr::Path(p) if single_ident(p).is_some_and(|i| i == "default"));
        if !is_default || default.is_some() {
            errors.spanned(
                &assign.left,
                format_args!("`env` takes one `default = [..]`: {SHAPE}"),
            );
            return None;
        }
        let (items, span) = match &*assign.right {
            Expr::Array(array) => {
                let mut items = Vec::new();
                for elem in &array.elems {
                    match str_lit(elem) {
                        Some(lit) => items.push(lit.clone()),
                        None => {
                            errors.spanned(
                                elem,
                                "write each default origin as a string literal, e.g. \
                                 \"http://localhost:5173\"",
                            );
                            return None;
                        }
                    }
                }
                (items, array.bracket_token.span.join())
            }
            other => match str_lit(other) {
                Some(lit) if lit.value() != "*" => (vec![lit.clone()], lit.span()),
                _ => {
                    errors.spanned(
                        other,
                        "the default is a list of origins as string literals, e.g. \
                         `default = [\"http://localhost:5173\"]` (not `*`: a policy for any \
                         origin is written `origin = \"*\"`)",
                    );
                    return None;
                }
            },
        };
        default = Some((items, span));
    }
    Some(Origin::Env {
        var,
        default,
        span: call.span(),
    })
}

/// `config`, a predicate's path, or a constant the attribute cannot read.
fn origin_path(path: &ExprPath, errors: &mut Errors) -> Option<Origin> {
    if let Some(ident) = single_ident(path) {
        if ident == "config" {
            return Some(Origin::Config(ident.clone()));
        }
    }
    let last = path.path.segments.last()?.ident.to_string();
    let constant = last.chars().any(|c| c.is_ascii_uppercase())
        && !last.chars().any(|c| c.is_ascii_lowercase());
    if constant {
        errors.spanned(
            path,
            format_args!(
                "`origin` cannot read the constant `{last}`: the attribute sees only its own \
                 tokens, so it cannot check a value defined elsewhere; write the origins here, \
                 share them with a named policy (`cors_policy!(SPA = origin = [..], ..)` and \
                 `#[cors(policy = SPA)]`), or read them at start-up with \
                 `origin = env(\"APP_ORIGINS\")`"
            ),
        );
        return None;
    }
    Some(Origin::Predicate(path.clone()))
}

/// `policy = SPA`: the path of a named policy.
fn policy(key: &Ident, value: Option<&Expr>, errors: &mut Errors) -> Option<ExprPath> {
    match value {
        Some(Expr::Path(path)) if path.qself.is_none() => Some(path.clone()),
        Some(other) => {
            errors.spanned(
                other,
                "`policy` takes the name of a policy defined with `cors_policy!`, e.g. \
                 `policy = SPA`",
            );
            None
        }
        None => {
            errors.at(
                key.span(),
                "`policy` needs a value: the name of a policy defined with `cors_policy!`, e.g. \
                 `policy = SPA`",
            );
            None
        }
    }
}

/// What a name list holds, for messages.
struct ListKind {
    example: &'static str,
    any: &'static str,
    item: &'static str,
}

fn list_kind(key: &str) -> ListKind {
    match key {
        "methods" => ListKind {
            example: "[GET, POST]",
            any: "any method",
            item: "one of GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, as an identifier (`GET`) or an uppercase string literal (\"GET\")",
        },
        "headers" => ListKind {
            example: "[\"content-type\", \"x-api-key\"]",
            any: "any header but `authorization`",
            item: "a header name as a string literal (\"x-api-key\") or an `http::header` constant name (`CONTENT_TYPE`)",
        },
        _ => ListKind {
            example: "[\"x-request-id\"]",
            any: "every header",
            item: "a header name as a string literal (\"x-request-id\") or an `http::header` constant name (`ETAG`)",
        },
    }
}

fn names(key: &Ident, value: Option<&Expr>, errors: &mut Errors) -> Option<Names> {
    let k = key.to_string();
    let kind = list_kind(&k);
    let Some(value) = value else {
        errors.at(
            key.span(),
            format_args!(
                "`{k}` needs a value: write `{k} = {}`, or `{k} = \"*\"` for {}",
                kind.example, kind.any
            ),
        );
        return None;
    };
    let array = match value {
        Expr::Array(array) => array,
        _ => {
            if let Some(lit) = str_lit(value) {
                if lit.value() == "*" {
                    return Some(Names::Any(lit.clone()));
                }
            }
            // Show the value the user wrote, inside brackets.
            let inner = list_elements(value).join(", ");
            errors.spanned(
                value,
                format_args!(
                    "`{k}` takes a list in brackets: write `{k} = [{inner}]`, or `{k} = \"*\"` for {}",
                    kind.any
                ),
            );
            return None;
        }
    };
    list_items(&k, array, &kind, errors)
}

/// The elements a non-list value most likely meant: `GET | POST` and `(GET, POST)` are two.
fn list_elements(value: &Expr) -> Vec<String> {
    match value {
        Expr::Binary(syn::ExprBinary {
            left,
            op: syn::BinOp::BitOr(_),
            right,
            ..
        }) => {
            let mut all = list_elements(left);
            all.extend(list_elements(right));
            all
        }
        Expr::Tuple(tuple) => tuple.elems.iter().flat_map(list_elements).collect(),
        Expr::Paren(paren) => list_elements(&paren.expr),
        other => vec![other.to_token_stream().to_string()],
    }
}

fn list_items(k: &str, array: &ExprArray, kind: &ListKind, errors: &mut Errors) -> Option<Names> {
    let mut items = Vec::new();
    let mut ok = true;
    for elem in &array.elems {
        match elem {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => items.push(Name::Str(s.clone())),
            Expr::Path(path) => match single_ident(path) {
                Some(ident) => items.push(Name::Ident(ident.clone())),
                None => {
                    ok = false;
                    let message = match path.path.segments.last() {
                        Some(last) => format!(
                            "`{k}` lists names, not paths (the attribute cannot resolve them): \
                             write `{}`",
                            last.ident
                        ),
                        None => format!("each element of `{k}` is {}", kind.item),
                    };
                    errors.spanned(elem, message);
                }
            },
            _ => {
                ok = false;
                errors.spanned(elem, format_args!("each element of `{k}` is {}", kind.item));
            }
        }
    }
    ok.then(|| Names::List {
        items,
        span: array.bracket_token.span.join(),
    })
}

fn flag(key: &Ident, value: Option<&Expr>, errors: &mut Errors) -> Option<Flag> {
    match value {
        None => Some(Flag {
            value: true,
            span: key.span(),
        }),
        Some(Expr::Lit(ExprLit {
            lit: Lit::Bool(b), ..
        })) => Some(Flag {
            value: b.value,
            span: key.span(),
        }),
        Some(other) => {
            errors.spanned(
                other,
                format_args!(
                    "`{key}` is a flag: write `{key}` alone (or `{key} = true`), or `{key} = false`"
                ),
            );
            None
        }
    }
}

fn max_age(key: &Ident, value: Option<&Expr>, errors: &mut Errors) -> Option<MaxAge> {
    const SHAPE: &str =
        "`max_age` is a whole number of seconds, 0 to 86400: write e.g. `max_age = 600`";
    let Some(value) = value else {
        errors.at(
            key.span(),
            "`max_age` needs a value: write how many seconds browsers may cache the preflight, \
             0 to 86400, e.g. `max_age = 600`",
        );
        return None;
    };
    match value {
        Expr::Lit(ExprLit {
            lit: Lit::Int(lit), ..
        }) => {
            if !lit.suffix().is_empty() {
                errors.spanned(
                    lit,
                    format_args!(
                        "`max_age` takes plain seconds without a type suffix: write `max_age = {}`",
                        lit.base10_digits()
                    ),
                );
                return None;
            }
            Some(MaxAge { lit: lit.clone() })
        }
        Expr::Unary(ExprUnary {
            op: UnOp::Neg(_), ..
        }) => {
            errors.spanned(
                value,
                "`max_age` cannot be negative (browsers would ignore it and cache for 5 seconds): \
                 write a number of seconds from 0 to 86400, e.g. `max_age = 600`",
            );
            None
        }
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) if s.value().parse::<u64>().is_ok() => {
            errors.spanned(
                value,
                format_args!(
                    "`max_age` takes a number, not a string: write `max_age = {}`",
                    s.value()
                ),
            );
            None
        }
        Expr::Lit(ExprLit {
            lit: Lit::Float(_), ..
        }) => {
            errors.spanned(
                value,
                "browsers read `access-control-max-age` as whole seconds: write an integer, e.g. `max_age = 600`",
            );
            None
        }
        _ => {
            errors.spanned(value, SHAPE);
            None
        }
    }
}

/// The tokens with every invisible group opened. A policy written by a `macro_rules!` macro
/// passes its fragments (`$origin:literal`, `$m:ident`, `$list:expr`) wrapped in groups with
/// no delimiter, which would otherwise hide a literal or a list from the grammar; spans are
/// kept, so errors still point at the user's tokens.
fn without_invisible_groups(tokens: TokenStream) -> TokenStream {
    tokens
        .into_iter()
        .flat_map(|tree| match tree {
            TokenTree::Group(group) if group.delimiter() == Delimiter::None => {
                without_invisible_groups(group.stream())
                    .into_iter()
                    .collect::<Vec<_>>()
            }
            TokenTree::Group(group) => {
                let mut opened =
                    Group::new(group.delimiter(), without_invisible_groups(group.stream()));
                opened.set_span(group.span());
                vec![TokenTree::Group(opened)]
            }
            other => vec![other],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_keys() {
        assert_eq!(suggest_key("orgin"), Some("origin"));
        assert_eq!(suggest_key("origins"), Some("origin"));
        assert_eq!(suggest_key("method"), Some("methods"));
        assert_eq!(suggest_key("header"), Some("headers"));
        assert_eq!(suggest_key("allow_credentials"), Some("credentials"));
        assert_eq!(suggest_key("allow_methos"), Some("methods"));
        assert_eq!(suggest_key("maxAge"), Some("max_age"));
        assert_eq!(suggest_key("timeout"), None);
        assert!(unknown_key("timeout", None).contains("the keys are"));
    }
}
