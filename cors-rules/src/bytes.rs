//! Byte helpers usable in `const` (the standard library's are not, on the supported Rust).

/// Whether `s` has no ASCII uppercase letter, usable in `const`.
pub const fn is_lowercase(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        if s[i].is_ascii_uppercase() {
            return false;
        }
        i += 1;
    }
    true
}

/// Byte equality, usable in `const`.
pub const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// ASCII case-insensitive equality, usable in `const`.
#[allow(clippy::manual_ignore_case_cmp)] // `eq_ignore_ascii_case` is not a `const fn`
pub const fn eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i].to_ascii_lowercase() != b[i].to_ascii_lowercase() {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `s` starts with `prefix`.
pub const fn starts_with(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && bytes_eq(slice(s, 0, prefix.len()), prefix)
}

/// Whether `s` ends with `suffix`.
pub const fn ends_with(s: &[u8], suffix: &[u8]) -> bool {
    s.len() >= suffix.len() && bytes_eq(slice(s, s.len() - suffix.len(), s.len()), suffix)
}

pub(crate) const fn starts_with_ignore_case(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && eq_ignore_case(slice(s, 0, prefix.len()), prefix)
}

pub(crate) const fn slice(s: &[u8], start: usize, end: usize) -> &[u8] {
    let (head, _) = s.split_at(end);
    let (_, tail) = head.split_at(start);
    tail
}

pub(crate) const fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i + needle.len() <= hay.len() {
        if bytes_eq(slice(hay, i, i + needle.len()), needle) {
            return Some(i);
        }
        i += 1;
    }
    None
}

pub(crate) const fn rfind_byte(hay: &[u8], needle: u8) -> Option<usize> {
    let mut i = hay.len();
    while i > 0 {
        if hay[i - 1] == needle {
            return Some(i - 1);
        }
        i -= 1;
    }
    None
}
