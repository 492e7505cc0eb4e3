//! Suggestions appended to the rule book's messages: the nearest known word (did you mean
//! `GET`?), the origin the user most likely meant, several names written as one.

use cors_rules as rules;

/// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbours each cost 1, so `GTE` is 1 away from `GET`.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a = a.as_bytes();
    let b = b.as_bytes();
    // rows[i][j]: distance between a[..i] and b[..j].
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// The candidate nearest to `word`, if it is at most `max` edits away and the edits do not
/// rewrite most of a short word (`AB` is not a misspelling of `GET`).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
    max: usize,
) -> Option<&'a str> {
    let limit = max.min(word.len().saturating_sub(1)).max(1);
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The origin the user most likely meant, when it is valid.
pub(crate) fn fixed_origin(text: &str, error: rules::OriginError) -> Option<String> {
    use rules::OriginError as E;
    let fixed = match error {
        E::Path | E::Query | E::Fragment => without_path(text)?,
        E::UppercaseScheme | E::UppercaseHost => text.to_ascii_lowercase(),
        E::Whitespace => text.split_whitespace().collect(),
        E::MissingScheme => format!("https://{}", text.trim_start_matches("//")),
        E::DefaultPort | E::EmptyPort => text[..text.rfind(':')?].to_string(),
        E::PortLeadingZero => {
            let colon = text.rfind(':')?;
            let port = text[colon + 1..].trim_start_matches('0');
            format!("{}:{port}", &text[..colon])
        }
        E::NonCanonicalIpv6 => {
            let open = text.find('[')?;
            let close = text.find(']')?;
            let canonical = rules::canonical_ipv6(&text.as_bytes()[open + 1..close])?;
            format!("{}{}{}", &text[..=open], canonical.as_str(), &text[close..])
        }
        // A `blob:` URL's origin is the origin of the URL inside it.
        E::OpaqueScheme if text.get(..5)?.eq_ignore_ascii_case("blob:") => {
            let inner = &text[5..];
            match rules::parse_origin(inner) {
                Ok(_) => inner.to_string(),
                Err(E::Path | E::Query | E::Fragment) => without_path(inner)?,
                Err(_) => return None,
            }
        }
        _ => return None,
    };
    // Suggest only what is itself a valid origin (fixing one thing may reveal another).
    (fixed != text && rules::parse_origin(&fixed).is_ok()).then_some(fixed)
}

/// `scheme://host[:port]` without what follows it.
fn without_path(text: &str) -> Option<String> {
    let start = text.find("://")? + 3;
    let end = text[start..].find(['/', '?', '#'])? + start;
    Some(text[..end].to_string())
}

/// `"GET, POST"` -> `"GET", "POST"`, when the parts are tokens: several names written as one
/// string. Whitespace separates too when `spaces` is set (methods never contain spaces, header
/// names may be meant as one name with spaces in place of `-`).
pub(crate) fn split_list(text: &str, spaces: bool) -> Option<String> {
    if !spaces && !text.contains(',') {
        return None;
    }
    let parts: Vec<&str> = text
        .split(|c: char| c == ',' || (spaces && c.is_whitespace()))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let shown = |p: &&str| {
        // A standard method is shown as the identifier the attribute prefers.
        if spaces && rules::check_method(p.as_bytes()).is_ok() {
            p.to_string()
        } else {
            format!("{p:?}")
        }
    };
    (parts.len() > 1 && parts.iter().all(|p| rules::is_token(p.as_bytes())))
        .then(|| parts.iter().map(shown).collect::<Vec<_>>().join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_swaps_once() {
        assert_eq!(edit_distance("GET", "GET"), 0);
        assert_eq!(edit_distance("GTE", "GET"), 1);
        assert_eq!(edit_distance("POTS", "POST"), 1);
        assert_eq!(edit_distance("DELET", "DELETE"), 1);
        assert_eq!(edit_distance("", "GET"), 3);
        assert_eq!(edit_distance("PURGE", "PUT"), 3);
        assert_eq!(edit_distance("orgin", "origin"), 1);
    }

    #[test]
    fn suggests_only_close_standard_methods() {
        let methods = || rules::STANDARD_METHODS.iter().copied();
        assert_eq!(closest("GTE", methods(), 2), Some("GET"));
        assert_eq!(closest("PTACH", methods(), 2), Some("PATCH"));
        assert_eq!(closest("OPTION", methods(), 2), Some("OPTIONS"));
        assert_eq!(closest("PURGE", methods(), 2), None);
        assert_eq!(closest("MKCOL", methods(), 2), None);
        assert_eq!(closest("REPORT", methods(), 2), None);
        assert_eq!(closest("SEARCH", methods(), 2), None);
    }

    #[test]
    fn fixes_obvious_origin_mistakes() {
        use rules::OriginError as E;
        let fix = |s: &str| fixed_origin(s, rules::parse_origin(s).unwrap_err());
        assert_eq!(fix("https://a.com/"), Some("https://a.com".into()));
        assert_eq!(fix("https://a.com/app?x"), Some("https://a.com".into()));
        assert_eq!(fix("https://App.com"), Some("https://app.com".into()));
        assert_eq!(fix("https://a.com:443"), Some("https://a.com".into()));
        assert_eq!(fix("a.com"), Some("https://a.com".into()));
        assert_eq!(
            fix("https://a.com:08080"),
            Some("https://a.com:8080".into())
        );
        assert_eq!(
            fix("http://[0:0:0:0:0:0:0:1]:8080"),
            Some("http://[::1]:8080".into())
        );
        assert_eq!(fix("http://[::0:1]"), Some("http://[::1]".into()));
        assert_eq!(
            fix("http://[::FFFF:1.2.3.4]"),
            Some("http://[::ffff:102:304]".into())
        );
        assert_eq!(
            fix("blob:https://app.example.com/0b2d1c3e"),
            Some("https://app.example.com".into())
        );
        assert_eq!(
            fix("moz-extension://0B2D1C3E-4F5A-4B6C-8D7E-9F0A1B2C3D4E"),
            Some("moz-extension://0b2d1c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e".into())
        );
        assert_eq!(fix("ws://a.com:80"), None);
        assert_eq!(fix("data:text/plain,hi"), None);
        assert_eq!(fix("null"), None);
        assert_eq!(fixed_origin("https://a.com", E::Path), None);
    }
}
