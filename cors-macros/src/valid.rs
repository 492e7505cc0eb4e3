//! What the attribute means: the policy is judged by the rule book of `cors_rules`
//! ([`rules::problems`], the same rules `cors-runtime` runs in `const`), and this module only
//! decides where to point and what to add (the value itself, did-you-mean, the corrected
//! origin). The item is checked here too: a free, non-generic `async fn`.

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Attribute, FnArg, GenericParam, Ident, Item, LitStr, Signature, Visibility};

use cors_rules::{self as rules, Key, MethodError, Problem, ProblemKind};

use crate::attr::{Attr, Name, Names, Origin};
use crate::errors::Errors;
use crate::suggest::{closest, fixed_origin, split_list};

/// A validated policy, with every name normalized, ready to be written out.
pub(crate) struct Policy {
    pub(crate) origins: Origins,
    pub(crate) methods: Methods,
    /// `None`: any header (but `authorization`).
    pub(crate) headers: Option<Vec<String>>,
    /// `None`: every header exposed.
    pub(crate) expose: Option<Vec<String>>,
    pub(crate) credentials: bool,
    pub(crate) max_age: Option<u64>,
    pub(crate) private_network: bool,
}

/// The origins to write out.
pub(crate) enum Origins {
    Any,
    List(Vec<String>),
    /// `env("VAR")`, with its default.
    Env {
        var: String,
        default: Option<Vec<String>>,
    },
    /// `config`.
    Config,
    /// A predicate: its path, as written.
    Predicate {
        path: syn::ExprPath,
        acknowledged: bool,
    },
    /// The origins of the named policy at this path, shared with it.
    Named(syn::ExprPath),
}

pub(crate) enum Methods {
    Any,
    List(Vec<String>),
    Mounted,
}

/// The values of one list key as the rule book reads them, each with the token it came from.
struct List<'a, T> {
    /// `None`: the key is `"*"`; its token is the literal.
    any: Option<&'a LitStr>,
    items: Vec<(String, &'a T)>,
    /// The brackets, for problems of the list as a whole.
    span: Span,
}

impl<'a, T> List<'a, T> {
    fn texts(&self) -> Vec<&str> {
        self.items.iter().map(|(text, _)| text.as_str()).collect()
    }
}

/// Checks the attribute with the rule book. The result is only meaningful when no error was
/// pushed.
pub(crate) fn check(attr: &Attr, errors: &mut Errors) -> Policy {
    let acknowledged = attr.predicate_credentials.is_some_and(|f| f.value);
    let credentials = attr.credentials.is_some_and(|f| f.value) || acknowledged;
    if let Some(flag) = attr.predicate_credentials {
        if !matches!(attr.origin, Some(Origin::Predicate(_))) && attr.origin.is_some() {
            errors.set_position(attr.position(crate::attr::PREDICATE_CREDENTIALS));
            errors.at(
                flag.span,
                "`credentials_with_predicate_origins` is only for origins decided by a predicate \
                 (`origin = tenants::is_allowed`): with these origins write `credentials`",
            );
        }
    }
    // Keys written with a value that could not be read: that was reported, and the rule book's
    // verdict on a stand-in value would only repeat it.
    let mut unread: Vec<Key> = Vec::new();

    errors.set_position(attr.position("origin"));
    let origins: Option<List<LitStr>> = match &attr.origin {
        None => {
            if !attr.has("origin") && !attr.origin_misspelled {
                errors.at(
                    Span::call_site(),
                    "missing `origin`: say which origins may call this handler, e.g. \
                     `#[cors(origin = \"https://app.example.com\")]`, or `origin = \"*\"` for any origin",
                );
            }
            unread.push(Key::Origin);
            None
        }
        Some(Origin::Any(lit)) => Some(List {
            any: Some(lit),
            items: Vec::new(),
            span: lit.span(),
        }),
        Some(Origin::List { items, span })
        | Some(Origin::Env {
            default: Some((items, span)),
            ..
        }) => Some(List {
            any: None,
            items: items.iter().map(|lit| (lit.value(), lit)).collect(),
            span: *span,
        }),
        // Origins that arrive later: nothing to list now.
        Some(Origin::Env { span, .. }) => Some(List {
            any: None,
            items: Vec::new(),
            span: *span,
        }),
        Some(Origin::Config(ident)) => Some(List {
            any: None,
            items: Vec::new(),
            span: ident.span(),
        }),
        Some(Origin::Predicate(path)) => Some(List {
            any: None,
            items: Vec::new(),
            span: path.span(),
        }),
    };
    errors.set_position(attr.position("methods"));
    let methods = attr.methods.as_ref().map(|names| {
        list(names, |name, _| {
            Some(match name {
                Name::Ident(ident) => ident.unraw().to_string(),
                Name::Str(lit) => lit.value(),
            })
        })
    });
    if attr.has("methods") && methods.is_none() {
        unread.push(Key::Methods);
    }
    let headers = header_list(attr, Key::Headers, attr.headers.as_ref(), errors);
    let expose = header_list(attr, Key::Expose, attr.expose.as_ref(), errors);
    for (key, read) in [(Key::Headers, &headers), (Key::Expose, &expose)] {
        if attr.has(key.name()) && read.is_none() {
            unread.push(key);
        }
    }
    if attr.has("max_age") && attr.max_age.is_none() {
        unread.push(Key::MaxAge);
    }
    let max_age = attr.max_age.as_ref().map(|age| {
        // `0600` is 600: the attribute reads integers as Rust does.
        let digits = age.lit.base10_digits().trim_start_matches('0');
        if digits.is_empty() { "0" } else { digits }.to_string()
    });

    let origin_texts = origins.as_ref().map(List::texts).unwrap_or_default();
    let method_texts = methods.as_ref().map(List::texts).unwrap_or_default();
    let header_texts = headers.as_ref().map(List::texts).unwrap_or_default();
    let expose_texts = expose.as_ref().map(List::texts).unwrap_or_default();
    let names_desc = |list: &Option<List<Name>>, texts| match list {
        Some(List { any: Some(_), .. }) => rules::NamesDesc::Any,
        _ => rules::NamesDesc::List(texts),
    };
    let desc = rules::PolicyDesc {
        origin: match (&attr.origin, &origins) {
            (_, Some(List { any: Some(_), .. })) => rules::OriginsDesc::Any,
            (Some(Origin::Env { default: None, .. } | Origin::Config(_)), Some(_)) => {
                rules::OriginsDesc::Configured
            }
            (Some(Origin::Predicate(_)), Some(_)) => rules::OriginsDesc::Predicate {
                credentials_acknowledged: acknowledged,
            },
            (_, Some(_)) => rules::OriginsDesc::List(&origin_texts),
            // Missing or unreadable, and reported: a stand-in whose problems are skipped.
            (_, None) => rules::OriginsDesc::Any,
        },
        methods: match &methods {
            None => rules::MethodsDesc::Mounted,
            Some(List { any: Some(_), .. }) => rules::MethodsDesc::Any,
            Some(_) => rules::MethodsDesc::List(&method_texts),
        },
        headers: names_desc(&headers, &header_texts),
        expose: names_desc(&expose, &expose_texts),
        credentials,
        max_age: max_age.as_deref(),
        private_network: attr.private_network.is_some_and(|f| f.value),
    };
    let lists = Lists {
        origins: origins.as_ref(),
        methods: methods.as_ref(),
        headers: headers.as_ref(),
        expose: expose.as_ref(),
    };
    for problem in rules::problems(&desc) {
        if unread.contains(&problem.at.key) {
            continue;
        }
        errors.set_position(attr.position(problem.at.key.name()));
        errors.set_element(problem.at.index);
        report(&problem, &lists, attr, errors);
    }
    errors.set_element(None);

    let strings = |texts: &[&str]| texts.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    Policy {
        origins: match (&attr.policy, &attr.origin) {
            (Some(path), _) if attr.is_inherited("origin") => Origins::Named(path.clone()),
            (_, Some(Origin::Env { var, default, .. })) => Origins::Env {
                var: var.value(),
                default: default.as_ref().map(|_| strings(&origin_texts)),
            },
            (_, Some(Origin::Config(_))) => Origins::Config,
            (_, Some(Origin::Predicate(path))) => Origins::Predicate {
                path: path.clone(),
                acknowledged,
            },
            _ => match desc.origin {
                rules::OriginsDesc::Any => Origins::Any,
                _ => Origins::List(strings(&origin_texts)),
            },
        },
        methods: match desc.methods {
            rules::MethodsDesc::Any => Methods::Any,
            rules::MethodsDesc::Mounted => Methods::Mounted,
            rules::MethodsDesc::List(_) => Methods::List(strings(&method_texts)),
        },
        headers: match desc.headers {
            rules::NamesDesc::Any => None,
            rules::NamesDesc::List(_) => Some(strings(&header_texts)),
        },
        expose: match desc.expose {
            rules::NamesDesc::Any => None,
            rules::NamesDesc::List(_) => Some(strings(&expose_texts)),
        },
        credentials,
        max_age: desc.max_age.and_then(rules::max_age_seconds).map(u64::from),
        private_network: desc.private_network,
    }
}

/// Reads `headers` or `expose`: string literals, and `http::header` constant names.
fn header_list<'a>(
    attr: &Attr,
    key: Key,
    names: Option<&'a Names>,
    errors: &mut Errors,
) -> Option<List<'a, Name>> {
    errors.set_position(attr.position(key.name()));
    names.map(|names| {
        list(names, |name, index| {
            errors.set_element(Some(index));
            match name {
                Name::Ident(ident) => header_constant(ident, errors),
                Name::Str(lit) => Some(lit.value().to_ascii_lowercase()),
            }
        })
    })
}

/// Reads a name list; `read` turns each element into its text, or reports why it cannot.
fn list<'a>(
    names: &'a Names,
    mut read: impl FnMut(&'a Name, usize) -> Option<String>,
) -> List<'a, Name> {
    match names {
        Names::Any(lit) => List {
            any: Some(lit),
            items: Vec::new(),
            span: lit.span(),
        },
        Names::List { items, span } => List {
            any: None,
            items: items
                .iter()
                .enumerate()
                .filter_map(|(index, name)| Some((read(name, index)?, name)))
                .collect(),
            span: *span,
        },
    }
}

struct Lists<'l, 'a> {
    origins: Option<&'l List<'a, LitStr>>,
    methods: Option<&'l List<'a, Name>>,
    headers: Option<&'l List<'a, Name>>,
    expose: Option<&'l List<'a, Name>>,
}

/// Points one problem of the rule book at its token, with what only the attribute can add.
///
/// A problem of a key taken from the named policy comes from this attribute's other keys (the
/// named policy alone was accepted): it is reported at `policy = ..`, naming the key.
fn report(problem: &Problem, lists: &Lists, attr: &Attr, errors: &mut Errors) {
    if let Some(path) = attr
        .policy
        .as_ref()
        .filter(|_| attr.is_inherited(problem.at.key.name()))
    {
        let mut inner = Errors::default();
        report_at_token(problem, lists, attr, &mut inner);
        let named = quote::ToTokens::to_token_stream(path)
            .to_string()
            .replace(' ', "");
        let key = problem.at.key.name();
        if let Some(error) = inner.finish() {
            errors.spanned(
                path,
                format_args!("the `{key}` of `{named}`, with this handler's keys: {error}"),
            );
        }
        return;
    }
    report_at_token(problem, lists, attr, errors);
}

fn report_at_token(problem: &Problem, lists: &Lists, attr: &Attr, errors: &mut Errors) {
    let message = problem.message();
    let names = match problem.at.key {
        Key::Methods => lists.methods,
        Key::Headers => lists.headers,
        Key::Expose => lists.expose,
        _ => None,
    };
    // The value as a whole.
    let Some(index) = problem.at.index else {
        let span = match problem.at.key {
            Key::Origin => lists.origins.map(|l| l.any.map_or(l.span, LitStr::span)),
            Key::MaxAge => attr.max_age.as_ref().map(|age| age.lit.span()),
            Key::Credentials => attr.credentials.map(|f| f.span),
            _ => names.map(|l| l.any.map_or(l.span, LitStr::span)),
        };
        errors.at(span.unwrap_or_else(Span::call_site), message);
        return;
    };
    if problem.at.key == Key::Origin {
        let Some((text, lit)) = lists.origins.and_then(|l| l.items.get(index)) else {
            return errors.at(Span::call_site(), message);
        };
        let message = match problem.kind {
            ProblemKind::Origin(e) => match fixed_origin(text, e) {
                Some(fixed) => format!("{message}; did you mean \"{fixed}\"?"),
                None => message.to_string(),
            },
            ProblemKind::CredentialsOnPublicSuffix(_) => {
                let suffix = String::from_utf8_lossy(rules::host_of(text));
                let deeper = text.replacen("*.", "*.your-domain.", 1);
                format!("`{suffix}`: {message}, such as \"{deeper}\"")
            }
            _ => message.to_string(),
        };
        return errors.spanned(lit, message);
    }
    let Some((text, name)) = names.and_then(|l| l.items.get(index)) else {
        return errors.at(Span::call_site(), message);
    };
    match problem.kind {
        ProblemKind::Method(e) => errors.spanned(name, method_message(text, name, e, message)),
        ProblemKind::Header(_) | ProblemKind::Expose(_) => {
            let addition = header_addition(text);
            errors.spanned(name, format_args!("`{text}`: {message}{addition}"))
        }
        ProblemKind::WildcardInMethods
        | ProblemKind::WildcardInHeaders
        | ProblemKind::WildcardInExpose => errors.spanned(name, message),
        _ => errors.spanned(name, format_args!("`{text}`: {message}")),
    }
}

/// A method's problem: the rule book's message, with the method and the likely fix.
fn method_message(m: &str, name: &Name, error: MethodError, rule: &str) -> String {
    let upper = m.to_ascii_uppercase();
    match error {
        MethodError::NotToken => match split_list(m, true) {
            Some(parts) => format!("`{m}`: {rule}; write one method per element, `[{parts}]`"),
            None => format!("`{m}`: {rule}"),
        },
        MethodError::Forbidden => format!("`{m}`: {rule}"),
        MethodError::WrongCase if rules::NORMALIZED_METHODS.contains(&upper.as_str()) => {
            format!("write `{upper}`: {rule}, so `{m}` never matches")
        }
        MethodError::WrongCase => {
            format!("write `{upper}`: {rule}, so `{m}` matches nothing; scripts must write `{upper}` too")
        }
        MethodError::Custom => {
            if matches!(name, Name::Ident(_)) && (upper == "ANY" || upper == "ALL") {
                format!(
                    "`{m}` is not a method: to allow any method write `methods = \"*\"` (without \
                     brackets), or list the methods ({rule})"
                )
            } else if let Some(near) = closest(&upper, rules::STANDARD_METHODS.iter().copied(), 2) {
                format!("unknown method `{m}`: did you mean `{near}`? {rule}")
            } else {
                format!("`{m}` cannot be allowed: {rule}; remove it")
            }
        }
    }
}

/// What to add to a header name's problem: how to split or join what was meant as names.
fn header_addition(lower: &str) -> String {
    if rules::is_token(lower.as_bytes()) {
        String::new()
    } else if let Some(parts) = split_list(lower, false) {
        format!("; write one name per element, `[{parts}]`")
    } else {
        let joined = lower.split_whitespace().collect::<Vec<_>>().join("-");
        if joined != lower && rules::is_token(joined.as_bytes()) {
            format!("; did you mean \"{joined}\"?")
        } else {
            String::new()
        }
    }
}

/// Names of the constants of `http::header`; each is its header name uppercased with `-` as `_`.
const HEADER_CONSTANTS: &[&str] = &[
    "ACCEPT",
    "ACCEPT_CHARSET",
    "ACCEPT_ENCODING",
    "ACCEPT_LANGUAGE",
    "ACCEPT_RANGES",
    "ACCESS_CONTROL_ALLOW_CREDENTIALS",
    "ACCESS_CONTROL_ALLOW_HEADERS",
    "ACCESS_CONTROL_ALLOW_METHODS",
    "ACCESS_CONTROL_ALLOW_ORIGIN",
    "ACCESS_CONTROL_EXPOSE_HEADERS",
    "ACCESS_CONTROL_MAX_AGE",
    "ACCESS_CONTROL_REQUEST_HEADERS",
    "ACCESS_CONTROL_REQUEST_METHOD",
    "AGE",
    "ALLOW",
    "ALT_SVC",
    "AUTHORIZATION",
    "CACHE_CONTROL",
    "CACHE_STATUS",
    "CDN_CACHE_CONTROL",
    "CONNECTION",
    "CONTENT_DISPOSITION",
    "CONTENT_ENCODING",
    "CONTENT_LANGUAGE",
    "CONTENT_LENGTH",
    "CONTENT_LOCATION",
    "CONTENT_RANGE",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    "CONTENT_TYPE",
    "COOKIE",
    "DNT",
    "DATE",
    "ETAG",
    "EXPECT",
    "EXPIRES",
    "FORWARDED",
    "FROM",
    "HOST",
    "IF_MATCH",
    "IF_MODIFIED_SINCE",
    "IF_NONE_MATCH",
    "IF_RANGE",
    "IF_UNMODIFIED_SINCE",
    "LAST_MODIFIED",
    "LINK",
    "LOCATION",
    "MAX_FORWARDS",
    "ORIGIN",
    "PRAGMA",
    "PROXY_AUTHENTICATE",
    "PROXY_AUTHORIZATION",
    "PUBLIC_KEY_PINS",
    "PUBLIC_KEY_PINS_REPORT_ONLY",
    "RANGE",
    "REFERER",
    "REFERRER_POLICY",
    "REFRESH",
    "RETRY_AFTER",
    "SEC_WEBSOCKET_ACCEPT",
    "SEC_WEBSOCKET_EXTENSIONS",
    "SEC_WEBSOCKET_KEY",
    "SEC_WEBSOCKET_PROTOCOL",
    "SEC_WEBSOCKET_VERSION",
    "SERVER",
    "SET_COOKIE",
    "STRICT_TRANSPORT_SECURITY",
    "TE",
    "TRAILER",
    "TRANSFER_ENCODING",
    "USER_AGENT",
    "UPGRADE",
    "UPGRADE_INSECURE_REQUESTS",
    "VARY",
    "VIA",
    "WARNING",
    "WWW_AUTHENTICATE",
    "X_CONTENT_TYPE_OPTIONS",
    "X_DNS_PREFETCH_CONTROL",
    "X_FRAME_OPTIONS",
    "X_XSS_PROTECTION",
];

/// `CONTENT_TYPE` -> `content-type`.
pub(crate) fn constant_to_header(constant: &str) -> String {
    constant.to_ascii_lowercase().replace('_', "-")
}

/// Resolves an `http::header` constant name, or explains why it is not one.
fn header_constant(ident: &syn::Ident, errors: &mut Errors) -> Option<String> {
    let name = ident.unraw().to_string();
    if HEADER_CONSTANTS.contains(&name.as_str()) {
        return Some(constant_to_header(&name));
    }
    let as_header = constant_to_header(&name);
    let upper = name.to_ascii_uppercase();
    let message = if HEADER_CONSTANTS.contains(&upper.as_str()) {
        format!(
            "the constants of `http::header` are uppercase: write `{upper}`, or the name as a \
             string literal, \"{as_header}\""
        )
    } else if let Some(near) = closest(&upper, HEADER_CONSTANTS.iter().copied(), 2) {
        format!("`{name}` is not a constant of `http::header`: did you mean `{near}`?")
    } else {
        format!(
            "`{name}` is not a constant of `http::header`: write the header name as a string \
             literal, \"{as_header}\""
        )
    };
    errors.spanned(ident, message);
    None
}

// ---------------------------------------------------------------------------------------------
// The item

/// What the companion needs to know about the handler.
pub(crate) struct Handler {
    pub(crate) ident: Ident,
    pub(crate) vis: Visibility,
    /// `#[cfg]` attributes, repeated on the companion so that both exist together.
    pub(crate) cfgs: Vec<Attribute>,
}

/// A function item, its body left unparsed: only the signature matters here, and parsing every
/// statement of every handler with syn would cost compile time for nothing.
struct FnHead {
    attrs: Vec<Attribute>,
    vis: Visibility,
    sig: Signature,
}

impl Parse for FnHead {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        let sig = input.parse()?;
        let body;
        syn::braced!(body in input);
        body.parse::<TokenStream>()?;
        Ok(FnHead { attrs, vis, sig })
    }
}

/// Checks that the item is a free, non-generic `async fn`.
pub(crate) fn handler(item: &TokenStream, errors: &mut Errors) -> Option<Handler> {
    if let Ok(func) = syn::parse2::<FnHead>(item.clone()) {
        return check_fn(&func.sig, errors).then(|| Handler {
            ident: func.sig.ident.clone(),
            vis: func.vis,
            cfgs: func
                .attrs
                .into_iter()
                .filter(|a| a.path().is_ident("cfg"))
                .collect(),
        });
    }
    // Not a function: parse it whole, to say what it is.
    let parsed: Item = match syn::parse2(item.clone()) {
        Ok(parsed) => parsed,
        // Not an item at all: the compiler's own error on the unchanged tokens says it best.
        Err(_) => return None,
    };
    let Item::Fn(func) = parsed else {
        let (span, what) = item_kind(&parsed);
        errors.at(
            span,
            format_args!(
                "`#[cors]` goes on an `async fn` request handler, not on {what}: put it on a free \
                 handler function, e.g. `#[cors(origin = \"https://app.example.com\")] async fn \
                 list() -> Json<Vec<Item>>`"
            ),
        );
        return None;
    };
    // A function the head parser refused (a body it cannot split off): check it the same way.
    check_fn(&func.sig, errors).then(|| Handler {
        ident: func.sig.ident.clone(),
        vis: func.vis.clone(),
        cfgs: func
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("cfg"))
            .cloned()
            .collect(),
    })
}

fn check_fn(sig: &Signature, errors: &mut Errors) -> bool {
    let mut ok = true;
    if sig.asyncness.is_none() {
        ok = false;
        errors.at(
            sig.fn_token.span,
            format_args!(
                "`#[cors]` goes on an `async fn` request handler: write `async fn {}`",
                sig.ident
            ),
        );
    }
    if let Some(FnArg::Receiver(receiver)) = sig.inputs.first() {
        ok = false;
        errors.spanned(
            receiver,
            "`#[cors]` goes on a free `async fn`, not on a method: its policy is stored in a \
             companion struct next to the function, which cannot live in an `impl` block; make \
             the handler a free function (it can take `State<T>` instead of `self`)",
        );
    }
    for param in &sig.generics.params {
        let what = match param {
            GenericParam::Type(_) => "type",
            GenericParam::Const(_) => "const",
            // Lifetimes do not reach the companion struct, and axum handlers rarely have them.
            GenericParam::Lifetime(_) => continue,
        };
        ok = false;
        errors.spanned(
            param,
            format_args!(
                "`#[cors]` handlers cannot have {what} parameters: the policy is stored in a \
                 companion struct `{}` that cannot depend on them; write a concrete handler \
                 that calls the generic function",
                sig.ident
            ),
        );
    }
    ok
}

/// Where to point, and how to name an item that is not a fn.
fn item_kind(item: &Item) -> (Span, &'static str) {
    match item {
        Item::Struct(i) => (i.struct_token.span, "a struct"),
        Item::Enum(i) => (i.enum_token.span, "an enum"),
        Item::Union(i) => (i.union_token.span, "a union"),
        Item::Impl(i) => (i.impl_token.span, "an impl block"),
        Item::Trait(i) => (i.trait_token.span, "a trait"),
        Item::Mod(i) => (i.mod_token.span, "a module"),
        Item::Const(i) => (i.const_token.span, "a const"),
        Item::Static(i) => (i.static_token.span, "a static"),
        Item::Type(i) => (i.type_token.span, "a type alias"),
        Item::Use(i) => (i.use_token.span, "a `use`"),
        other => (other.span(), "this item"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_constants_convert_to_names() {
        assert_eq!(constant_to_header("CONTENT_TYPE"), "content-type");
        assert_eq!(constant_to_header("AUTHORIZATION"), "authorization");
        assert_eq!(constant_to_header("X_XSS_PROTECTION"), "x-xss-protection");
        for constant in HEADER_CONSTANTS {
            let name = constant_to_header(constant);
            assert!(rules::is_token(name.as_bytes()), "{name}");
            assert!(!name.contains('_'), "{name}");
        }
    }

    #[test]
    fn reads_only_the_signature() {
        let mut errors = Errors::default();
        let item = quote::quote!(
            #[cfg(test)]
            pub async fn list(a: u8) -> u8 {
                let x = 1;
                match x {
                    _ => a,
                }
            }
        );
        let handler = handler(&item, &mut errors).expect("a handler");
        assert!(errors.is_empty());
        assert_eq!(handler.ident, "list");
        assert_eq!(handler.cfgs.len(), 1);
        let sync = quote::quote!(
            fn list() {}
        );
        assert!(handler_of(&sync).is_none());
        let strukt = quote::quote!(
            struct S;
        );
        assert!(handler_of(&strukt).is_none());
    }

    fn handler_of(item: &TokenStream) -> Option<Handler> {
        let mut errors = Errors::default();
        let handler = handler(item, &mut errors);
        assert!(handler.is_some() == errors.is_empty());
        handler
    }
}
