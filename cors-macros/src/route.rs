//! `cors_route!`: mounts the handlers of one path and wires their policies.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Ident, Token};

/// The methods a handler can be mounted on, with their axum router method.
const METHODS: &[(&str, &str)] = &[
    ("get", "GET"),
    ("head", "HEAD"),
    ("post", "POST"),
    ("put", "PUT"),
    ("delete", "DELETE"),
    ("patch", "PATCH"),
    ("options", "OPTIONS"),
];

/// One `method(handler)` of the invocation.
struct Mount {
    method: Ident,
    /// The uppercase HTTP method.
    http: &'static str,
    /// The whole handler expression, e.g. `remove.layer(auth)`.
    handler: Expr,
    /// The handler's path, e.g. `remove` or `admin::remove`.
    path: syn::Path,
    span: Span,
}

struct Mounts(Vec<Mount>);

impl Parse for Mounts {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let span = input.span();
        let list = Punctuated::<Expr, Token![,]>::parse_terminated(input)?;
        if list.is_empty() {
            return Err(syn::Error::new(
                span,
                "cors_route! needs at least one mount: write e.g. `cors_route!(get(list), post(create))`",
            ));
        }
        let mut errors: Option<syn::Error> = None;
        let mut push = |e: syn::Error| match &mut errors {
            Some(all) => all.combine(e),
            None => errors = Some(e),
        };
        let mut mounts: Vec<Mount> = Vec::new();
        for expr in list {
            match parse_mount(&expr) {
                Ok(mount) => {
                    if let Some(first) = mounts.iter().find(|m| m.http == mount.http) {
                        push(syn::Error::new(
                            mount.method.span(),
                            format!(
                                "{} is mounted twice on this path (first as `{}`): a path has one handler per method; remove one of them",
                                mount.http,
                                first.handler.to_token_stream().to_string().replace(' ', ""),
                            ),
                        ));
                    } else {
                        mounts.push(mount);
                    }
                }
                Err(e) => push(e),
            }
        }
        match errors {
            Some(e) => Err(e),
            None => Ok(Mounts(mounts)),
        }
    }
}

fn parse_mount(expr: &Expr) -> syn::Result<Mount> {
    let shape = || {
        syn::Error::new(
            expr.span(),
            "expected `method(handler)`, e.g. `get(list)` or `delete(remove.layer(auth))`",
        )
    };
    let Expr::Call(call) = expr else {
        return Err(shape());
    };
    let Expr::Path(func) = &*call.func else {
        return Err(shape());
    };
    let Some(method) = func.path.get_ident().cloned() else {
        return Err(shape());
    };
    let name = method.to_string();
    let Some(&(_, http)) = METHODS.iter().find(|(m, _)| *m == name) else {
        return Err(unknown_method(&method, &name));
    };
    if call.args.len() != 1 {
        return Err(syn::Error::new(
            call.args.span(),
            format!("`{name}(...)` takes one handler, e.g. `{name}(my_handler)`"),
        ));
    }
    let handler = call.args[0].clone();
    let path = handler_path(&handler)?;
    Ok(Mount {
        method,
        http,
        span: expr.span(),
        handler,
        path,
    })
}

/// The handler function's path: the expression itself, or the receiver of a chain of method
/// calls such as `remove.layer(auth)`.
fn handler_path(expr: &Expr) -> syn::Result<syn::Path> {
    match expr {
        Expr::Path(p) if p.qself.is_none() => Ok(p.path.clone()),
        Expr::MethodCall(call) => handler_path(&call.receiver),
        Expr::Paren(p) => handler_path(&p.expr),
        other => Err(syn::Error::new(
            other.span(),
            "expected the name of a handler function annotated with #[cors], optionally followed by `.layer(...)` calls, e.g. `remove.layer(auth)`",
        )),
    }
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
            match crate::valid::closest(&lower, METHODS.iter().map(|(m, _)| *m), 2)
            {
                Some(m) => format!("unknown method `{name}`: did you mean `{m}`?"),
                None => format!(
                    "unknown method `{name}`: expected one of get, head, post, put, delete, patch, options"
                ),
            }
        }
    };
    syn::Error::new(method.span(), text)
}

/// Expands `cors_route!(...)`.
pub fn expand(input: TokenStream) -> TokenStream {
    let mounts = match syn::parse2::<Mounts>(input) {
        Ok(m) => m.0,
        Err(e) => return e.to_compile_error(),
    };
    let private = quote!(::cors_runtime::__private_v1);
    let mut entries = Vec::new();
    let mut chain = Vec::new();
    for mount in &mounts {
        let path = &mount.path;
        let http = mount.http;
        let handler_name = path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        let message = format!(
            "`{handler_name}` is mounted on {http}, but its #[cors] policy does not allow {http}: add {http} to its `methods = [...]`, or mount it on a method the policy lists"
        );
        let span = mount.span;
        entries.push(quote_spanned! {span=>
            {
                if !#path::POLICY.permits_mount(#http) {
                    ::core::panic!(#message)
                }
                #private::Mount::new(#http, &#path::POLICY)
            }
        });
        let method = &mount.method;
        let handler = &mount.handler;
        chain.push(quote!(.#method(#private::CorsHandler::new(#handler, __CorsTable))));
    }
    quote! {
        {
            #[allow(unused_imports)]
            use #private::axum::handler::Handler as _;
            const __CORS_MOUNTS: &[#private::Mount] = &[#(#entries),*];
            // The table is a zero-sized type, so the wrapped handlers stay zero-sized and axum
            // routes to them without a per-request allocation.
            #[derive(Clone, Copy)]
            struct __CorsTable;
            impl #private::PolicyTable for __CorsTable {
                #[inline]
                fn policies(&self) -> #private::Policies {
                    #private::Policies::Mounted(__CORS_MOUNTS)
                }
            }
            // Each handler is wrapped on its own; the fallback answers the path's preflights
            // and axum's 405 for everything else.
            #private::axum::routing::MethodRouter::new()
                #(#chain)*
                .fallback_service(#private::fallback(__CorsTable))
        }
    }
}
