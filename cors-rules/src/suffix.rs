//! Public suffixes, from the Public Suffix List compiled into the `psl` crate.

use psl::Psl;

/// The section of the Public Suffix List an entry comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuffixKind {
    /// The ICANN section: top-level domains and the registries under them (`com`, `co.uk`,
    /// `gov.au`), where anyone can register a name.
    Icann,
    /// The private section: domains whose owner hands out subdomains to unrelated customers
    /// (`github.io`, `eu.org`, `ngrok.app`, `s3.us-east-1.amazonaws.com`).
    Private,
}

impl SuffixKind {
    /// How to name the entry in a message: "an ICANN entry" or "a private entry".
    pub const fn describe(self) -> &'static str {
        match self {
            SuffixKind::Icann => "an ICANN entry",
            SuffixKind::Private => "a private entry",
        }
    }
}

/// Whether `host` (lowercase ASCII, punycode for internationalized names, no trailing dot) is
/// itself a public suffix, and from which section of the Public Suffix List.
///
/// A `*.` pattern on such a host would trust every site that anyone registers under it. Only
/// entries of the list count, wildcard and exception rules included: a host under a top-level
/// domain the list does not know (`localhost`, `internal`, `test`) is not a public suffix
/// here, since nobody can register names there.
///
/// Not a `const fn`: the list is a large generated `match` in the `psl` crate. The attribute
/// calls it at compile time; `cors-runtime` cannot check it in `const`.
///
/// ```
/// use cors_rules::{public_suffix, SuffixKind};
///
/// assert_eq!(public_suffix(b"com"), Some(SuffixKind::Icann));
/// assert_eq!(public_suffix(b"github.io"), Some(SuffixKind::Private));
/// assert_eq!(public_suffix(b"example.com"), None);
/// assert_eq!(public_suffix(b"localhost"), None);
/// ```
pub fn public_suffix(host: &[u8]) -> Option<SuffixKind> {
    if host.is_empty() || host.ends_with(b".") {
        return None;
    }
    let suffix = psl::List.suffix(host)?;
    if suffix.as_bytes().len() != host.len() {
        // Something is left in front of the suffix: a registrable name.
        return None;
    }
    match suffix.typ()? {
        psl::Type::Icann => Some(SuffixKind::Icann),
        psl::Type::Private => Some(SuffixKind::Private),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_of_both_sections() {
        let cases = [
            ("com", SuffixKind::Icann),
            ("shop", SuffixKind::Icann),
            ("top", SuffixKind::Icann),
            ("gov.au", SuffixKind::Icann),
            ("com.mx", SuffixKind::Icann),
            ("co.uk", SuffixKind::Icann),
            ("eu.org", SuffixKind::Private),
            ("uk.com", SuffixKind::Private),
            ("azurestaticapps.net", SuffixKind::Private),
            ("ngrok.app", SuffixKind::Private),
            ("trycloudflare.com", SuffixKind::Private),
            ("s3.us-east-1.amazonaws.com", SuffixKind::Private),
            ("github.io", SuffixKind::Private),
        ];
        for (host, kind) in cases {
            assert_eq!(public_suffix(host.as_bytes()), Some(kind), "{host}");
        }
    }

    #[test]
    fn registrable_names_and_unknown_tlds() {
        for host in [
            "fb.me",
            "wa.me",
            "example.com",
            "user.github.io",
            "localhost",
            "internal",
            "test",
            "corp.internal",
            "",
            "com.",
        ] {
            assert_eq!(public_suffix(host.as_bytes()), None, "{host}");
        }
    }
}
