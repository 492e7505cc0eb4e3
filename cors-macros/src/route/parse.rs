//! Reading `cors_route!(method(handler), ...)`: only the shape of each mount.

use proc_macro2::{Span, TokenStream};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Ident, Token};

use crate::errors::Errors;

/// One `method(handler)` of the invocation, as written.
pub(crate) struct Written {
    /// `get`, `delete`, ...: not checked yet.
    pub(crate) method: Ident,
    /// The whole handler expression, e.g. `remove.layer(auth)`.
    pub(crate) handler: Expr,
    /// The handler's path, e.g. `remove` or `admin::remove`.
    pub(crate) path: syn::Path,
    pub(crate) span: Span,
}

/// What `cors_route!` was given: its mounts and the layers for all of them.
pub(crate) struct Parsed {
    pub(crate) mounts: Vec<Written>,
    /// `layer(expr)` entries, in the order written: each wraps every handler of the path,
    /// inside CORS.
    pub(crate) layers: Vec<Expr>,
}

/// Every mount and layer that has the right shape; the others are reported.
pub(crate) fn parse(input: TokenStream, errors: &mut Errors) -> Parsed {
    let span = Span::call_site();
    let list = match Punctuated::<Expr, Token![,]>::parse_terminated.parse2(input) {
        Ok(list) => list,
        Err(e) => {
            errors.push(e);
            return Parsed {
                mounts: Vec::new(),
                layers: Vec::new(),
            };
        }
    };
    let mut mounts = Vec::new();
    let mut layers = Vec::new();
    for (position, expr) in list.iter().enumerate() {
        errors.set_position(position);
        match layer(expr) {
            Some(Ok(layer)) => layers.push(layer),
            Some(Err(e)) => errors.push(e),
            None => match mount(expr) {
                Ok(mount) => mounts.push(mount),
                Err(e) => errors.push(e),
            },
        }
    }
    if mounts.is_empty() && list.iter().all(|expr| layer(expr).is_some()) {
        errors.at(
            span,
            "cors_route! needs at least one mount: write e.g. `cors_route!(get(list), post(create))`",
        );
    }
    Parsed { mounts, layers }
}

/// `layer(expr)`: a layer for every handler of the path. `None` when `expr` is not one.
fn layer(expr: &Expr) -> Option<syn::Result<Expr>> {
    let Expr::Call(call) = expr else {
        return None;
    };
    let Expr::Path(func) = &*call.func else {
        return None;
    };
    if !func.path.is_ident("layer") {
        return None;
    }
    Some(if call.args.len() == 1 {
        Ok(call.args[0].clone())
    } else {
        Err(syn::Error::new(
            call.span(),
            "`layer(...)` takes one layer, which wraps every handler of the path inside CORS, e.g. `layer(from_fn(require_session))`",
        ))
    })
}

fn mount(expr: &Expr) -> syn::Result<Written> {
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
    if call.args.len() != 1 {
        return Err(syn::Error::new(
            call.args.span(),
            format!("`{method}(...)` takes one handler, e.g. `{method}(my_handler)`"),
        ));
    }
    let handler = call.args[0].clone();
    let path = handler_path(&handler)?;
    Ok(Written {
        method,
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
