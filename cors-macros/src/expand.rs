//! Writing out the handler and its companion `POLICY`.
//!
//! The handler's tokens are passed through untouched. Next to it goes a braced struct with the
//! handler's name: a fn lives in the value namespace and a braced struct only in the type
//! namespace, so both coexist, one `use` imports both, and `handler::POLICY` names the policy.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{FnArg, GenericParam, Ident, Item, ItemFn, Visibility};

use crate::attr::{self, Errors};
use crate::fallback;
use crate::valid::{self, Methods, Policy};

/// `#[cors(attr)] item`.
pub(crate) fn cors(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let policy = attr::parse(attr, &mut errors).map(|parsed| valid::check(&parsed, &mut errors));
    // Errors about the item come after the attribute's.
    errors.set_position(usize::MAX);
    let handler = handler(&item, &mut errors);
    match (errors.finish(), handler, policy) {
        (None, Some(handler), Some(policy)) => {
            let companion = companion(&handler, &policy);
            quote! {
                #item
                #companion
            }
        }
        (Some(error), _, _) => fallback::handler_with_errors(item, error),
        // The item does not parse: the compiler reports that on the unchanged tokens.
        (None, _, _) => item,
    }
}

/// What the companion needs to know about the handler.
pub(crate) struct Handler {
    ident: Ident,
    vis: Visibility,
    /// `#[cfg]` attributes, repeated on the companion so that both exist together.
    cfgs: Vec<syn::Attribute>,
}

/// Checks that the item is a free, non-generic `async fn`.
fn handler(item: &TokenStream, errors: &mut Errors) -> Option<Handler> {
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
    check_fn(&func, errors).then(|| Handler {
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

fn check_fn(func: &ItemFn, errors: &mut Errors) -> bool {
    let sig = &func.sig;
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

/// The companion struct and its `POLICY`.
fn companion(handler: &Handler, policy: &Policy) -> TokenStream {
    let Handler { ident, vis, cfgs } = handler;
    let shown = ident.unraw();
    let doc = format!("CORS policy of the [`{shown}()`] handler, generated by `#[cors]`.");
    let const_doc = format!(" The CORS policy of [`{shown}()`].");
    let parts = parts(policy);
    // The struct takes the handler name's span, so "go to definition" on `list::POLICY` lands
    // on the handler; the generated body keeps call-site spans.
    let name = ident;
    let def = quote_spanned! {ident.span()=>
        #vis struct #name {}
    };
    quote! {
        #(#cfgs)*
        #[doc = #doc]
        #[allow(non_camel_case_types, dead_code)]
        #def
        #(#cfgs)*
        impl #name {
            #[doc = #const_doc]
            pub const POLICY: ::cors_runtime::__private::Policy =
                ::cors_runtime::__private::Policy::from_parts(#parts);
        }
    }
}

/// The `PolicyParts { .. }` literal.
fn parts(policy: &Policy) -> TokenStream {
    let p = quote!(::cors_runtime::__private);
    let origins = match &policy.origins {
        None => quote!(#p::Origins::Any),
        Some(list) => quote!(#p::Origins::List(&[#(#p::AllowedOrigin::parse(#list)),*])),
    };
    let (methods, allow_methods) = match &policy.methods {
        Methods::Any => (quote!(#p::Methods::Any), "*".to_string()),
        Methods::Mounted => (quote!(#p::Methods::Mounted), String::new()),
        Methods::List(list) => (quote!(#p::Methods::List(&[#(#list),*])), list.join(", ")),
    };
    let (headers, allow_headers) = match &policy.headers {
        None => (quote!(#p::RequestHeaders::Any), "*".to_string()),
        Some(list) => (
            quote!(#p::RequestHeaders::List(&[#(#list),*])),
            list.join(", "),
        ),
    };
    let (expose, expose_any, expose_headers) = match &policy.expose {
        None => (quote!(&[]), true, "*".to_string()),
        Some(list) => (quote!(&[#(#list),*]), false, list.join(", ")),
    };
    let credentials = policy.credentials;
    let max_age = policy.max_age.map(|s| s.to_string()).unwrap_or_default();
    let private_network = policy.private_network;
    quote! {
        #p::PolicyParts {
            origins: #origins,
            methods: #methods,
            allow_methods: #allow_methods,
            headers: #headers,
            allow_headers: #allow_headers,
            expose: #expose,
            expose_any: #expose_any,
            expose_headers: #expose_headers,
            credentials: #credentials,
            max_age: #max_age,
            private_network: #private_network,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(attr: TokenStream, item: TokenStream) -> String {
        cors(attr, item).to_string()
    }

    #[test]
    fn writes_the_handler_and_a_companion() {
        let out = expand(
            quote!(
                origin = ["https://a.com", "https://*.b.com"],
                methods = [GET, "PATCH"],
                headers = [CONTENT_TYPE, "X-Api-Key"],
                expose = ["x-request-id"],
                credentials,
                max_age = 600
            ),
            quote!(
                /// Lists.
                pub async fn list() -> &'static str {
                    "[]"
                }
            ),
        );
        for part in [
            "pub async fn list () -> & 'static str { \"[]\" }",
            "pub struct list { }",
            "impl list",
            "pub const POLICY : :: cors_runtime :: __private :: Policy",
            "origins : :: cors_runtime :: __private :: Origins :: List (& [:: cors_runtime :: __private :: AllowedOrigin :: parse (\"https://a.com\") , :: cors_runtime :: __private :: AllowedOrigin :: parse (\"https://*.b.com\")])",
            "methods : :: cors_runtime :: __private :: Methods :: List (& [\"GET\" , \"PATCH\"])",
            "allow_methods : \"GET, PATCH\"",
            "headers : :: cors_runtime :: __private :: RequestHeaders :: List (& [\"content-type\" , \"x-api-key\"])",
            "allow_headers : \"content-type, x-api-key\"",
            "expose : & [\"x-request-id\"]",
            "expose_any : false",
            "expose_headers : \"x-request-id\"",
            "credentials : true",
            "max_age : \"600\"",
            "private_network : false",
        ] {
            assert!(out.contains(part), "missing `{part}` in\n{out}");
        }
    }

    #[test]
    fn wildcards_and_defaults() {
        let out = expand(
            quote!(origin = "*", methods = "*", headers = "*", expose = "*"),
            quote!(
                async fn any() {}
            ),
        );
        for part in [
            "origins : :: cors_runtime :: __private :: Origins :: Any",
            "methods : :: cors_runtime :: __private :: Methods :: Any",
            "allow_methods : \"*\"",
            "headers : :: cors_runtime :: __private :: RequestHeaders :: Any",
            "allow_headers : \"*\"",
            "expose : & []",
            "expose_any : true",
            "expose_headers : \"*\"",
            "credentials : false",
            "max_age : \"\"",
        ] {
            assert!(out.contains(part), "missing `{part}` in\n{out}");
        }
        let out = expand(
            quote!(origin = "https://a.com"),
            quote!(
                async fn mounted() {}
            ),
        );
        for part in [
            "methods : :: cors_runtime :: __private :: Methods :: Mounted",
            "allow_methods : \"\"",
            "headers : :: cors_runtime :: __private :: RequestHeaders :: List (& [])",
            "allow_headers : \"\"",
        ] {
            assert!(out.contains(part), "missing `{part}` in\n{out}");
        }
    }

    #[test]
    fn on_error_emits_the_handler_and_no_companion() {
        let out = expand(
            quote!(origin = "https://a.com/"),
            quote!(
                async fn list() {}
            ),
        );
        assert!(out.contains("compile_error !"), "{out}");
        assert!(out.contains("async fn list () { }"), "{out}");
        assert!(!out.contains("struct"), "{out}");
        assert!(!out.contains("POLICY"), "{out}");
    }
}
