//! Writing the method router: each handler wrapped with its policy, a `const` table of the
//! path's mounts (checked by the compiler against each policy), and the fallback that answers
//! the path's preflights.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::check::Mount;

/// The method router of checked mounts, each handler wrapped by `layers` inside CORS.
pub(crate) fn expand(mounts: &[Mount], layers: &[syn::Expr]) -> TokenStream {
    let private = quote!(::cors_runtime::__private_v1);
    // Each layer expression is evaluated once; every handler gets a clone.
    let layer_names: Vec<syn::Ident> = (0..layers.len())
        .map(|i| quote::format_ident!("__cors_layer_{i}"))
        .collect();
    let mut entries = Vec::new();
    let mut chain = Vec::new();
    for mount in mounts {
        let path = &mount.written.path;
        let http = mount.http;
        let span = mount.written.span;
        // The mount check is a trait bound, so a method the policy does not list is one error
        // at this mount, worded by `AllowsMethod`.
        // One generic call per mount: its bounds check that the handler has a policy and that
        // the policy allows the method, each worded by `#[diagnostic::on_unimplemented]`.
        let mount_fn = quote::format_ident!("mount_{}", http.to_ascii_lowercase(), span = span);
        entries.push(quote_spanned! {span=>
            #private::#mount_fn::<#path>()
        });
        let method = &mount.written.method;
        let handler = &mount.written.handler;
        chain.push(quote!(
            .#method(#private::CorsHandler::new(
                #handler #(.layer(::core::clone::Clone::clone(&#layer_names)))*,
                __CorsTable,
            ))
        ));
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
            #(let #layer_names = #layers;)*
            // Each handler is wrapped on its own; the fallback answers the path's preflights
            // and axum's 405 for everything else.
            #private::axum::routing::MethodRouter::new()
                #(#chain)*
                .fallback_service(#private::fallback(__CorsTable))
        }
    }
}
