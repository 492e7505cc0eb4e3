//! Host grammar: DNS labels (with punycode), and IPv6 literals in their serialized form.
//!
//! One label grammar serves the policy syntax ([`crate::parse_origin`]), the lenient reading of
//! a request's `Origin` ([`crate::is_request_origin`]) and the subdomain-pattern matcher of
//! `cors-runtime`, so the three cannot disagree.

use crate::bytes::{bytes_eq, slice};
use crate::origin::OriginError;

/// Longest DNS label, in bytes (RFC 1035).
pub const MAX_LABEL_LEN: usize = 63;

/// Longest host name, in bytes, without a trailing dot (RFC 1035: 255 octets on the wire).
pub const MAX_HOST_LEN: usize = 253;

/// Checks one DNS label as browsers serialize it: 1 to 63 bytes of lowercase ASCII letters,
/// digits, `-` and `_`, not starting or ending with `-`; a label starting with `xn--` must be
/// valid punycode (see [`check_labels`]).
///
/// `_` is accepted because browsers send such hosts (`https://my_site.example.com`): the URL
/// standard does not apply the STD3 letter-digit-hyphen rule.
pub const fn check_label(label: &[u8]) -> Result<(), OriginError> {
    if label.is_empty() {
        return Err(OriginError::EmptyLabel);
    }
    let mut i = 0;
    while i < label.len() {
        let c = label[i];
        if c >= 0x80 {
            return Err(OriginError::NonAsciiHost);
        }
        if c.is_ascii_uppercase() {
            return Err(OriginError::UppercaseHost);
        }
        if !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_') {
            return Err(OriginError::BadHostChar);
        }
        i += 1;
    }
    if label.len() > MAX_LABEL_LEN {
        return Err(OriginError::LabelTooLong);
    }
    if label[0] == b'-' || label[label.len() - 1] == b'-' {
        return Err(OriginError::HyphenEdge);
    }
    if label.len() >= 4 && bytes_eq(slice(label, 0, 4), b"xn--") && !is_punycode_label(label) {
        return Err(OriginError::BadPunycode);
    }
    Ok(())
}

/// Checks dot-separated labels with [`check_label`]: none empty (so no leading, trailing or
/// doubled dot). The total length is not checked: see [`check_host_name`].
///
/// An `xn--` label must decode as RFC 3492 punycode to a label with at least one non-ASCII
/// code point, none of them a control character, a surrogate or a noncharacter. Full UTS-46
/// validity of the decoded label (normalization, bidi and joiner rules, disallowed code points)
/// is not checked.
///
/// ```
/// use cors_rules::{check_labels, OriginError};
///
/// assert_eq!(check_labels(b"my_site.example.com"), Ok(()));
/// assert_eq!(check_labels(b"xn--bcher-kva.example"), Ok(()));
/// assert_eq!(check_labels(b"xn--a.com"), Err(OriginError::BadPunycode));
/// assert_eq!(check_labels(b"a..com"), Err(OriginError::EmptyLabel));
/// assert_eq!(check_labels(b"-a.com"), Err(OriginError::HyphenEdge));
/// ```
pub const fn check_labels(name: &[u8]) -> Result<(), OriginError> {
    let mut start = 0;
    let mut i = 0;
    while i <= name.len() {
        if i == name.len() || name[i] == b'.' {
            if let Err(e) = check_label(slice(name, start, i)) {
                return Err(e);
            }
            start = i + 1;
        }
        i += 1;
    }
    Ok(())
}

/// Checks a whole host name: at most [`MAX_HOST_LEN`] bytes (refused before any scan), then
/// [`check_labels`].
pub const fn check_host_name(name: &[u8]) -> Result<(), OriginError> {
    if name.len() > MAX_HOST_LEN {
        return Err(OriginError::HostTooLong);
    }
    check_labels(name)
}

/// Whether an `xn--` label decodes as punycode to an acceptable Unicode label.
const fn is_punycode_label(label: &[u8]) -> bool {
    const BASE: u32 = 36;
    const TMIN: u32 = 1;
    const TMAX: u32 = 26;
    let input = slice(label, 4, label.len());
    if input.is_empty() {
        return false;
    }
    // The decoded label, as code points; never longer than the input.
    let mut output = [0u32; MAX_LABEL_LEN];
    let mut len = 0;
    // Basic code points: everything before the last `-`.
    let mut digits_start = 0;
    let mut k = input.len();
    while k > 0 {
        if input[k - 1] == b'-' {
            let mut j = 0;
            while j < k - 1 {
                output[len] = input[j] as u32;
                len += 1;
                j += 1;
            }
            digits_start = k;
            break;
        }
        k -= 1;
    }
    let mut n: u32 = 0x80;
    let mut i: u32 = 0;
    let mut bias: u32 = 72;
    let mut pos = digits_start;
    let mut non_ascii = false;
    while pos < input.len() {
        let old_i = i;
        let mut w: u32 = 1;
        let mut k = BASE;
        loop {
            if pos >= input.len() {
                return false;
            }
            let c = input[pos];
            pos += 1;
            let digit = match c {
                b'a'..=b'z' => (c - b'a') as u32,
                b'0'..=b'9' => (c - b'0') as u32 + 26,
                _ => return false,
            };
            i = match digit.checked_mul(w) {
                Some(d) => match i.checked_add(d) {
                    Some(v) => v,
                    None => return false,
                },
                None => return false,
            };
            let t = if k <= bias {
                TMIN
            } else if k >= bias + TMAX {
                TMAX
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            w = match w.checked_mul(BASE - t) {
                Some(v) => v,
                None => return false,
            };
            k += BASE;
        }
        let out_len = len as u32 + 1;
        bias = adapt(i - old_i, out_len, old_i == 0);
        n = match n.checked_add(i / out_len) {
            Some(v) => v,
            None => return false,
        };
        i %= out_len;
        let bad = n > 0x10_FFFF
            || (n >= 0x80 && n <= 0x9F) // C1 controls
            || (n >= 0xD800 && n <= 0xDFFF) // surrogates
            || (n >= 0xFDD0 && n <= 0xFDEF)
            || (n & 0xFFFE) == 0xFFFE; // noncharacters
        if bad || len >= MAX_LABEL_LEN {
            return false;
        }
        // Insert `n` at position `i`.
        let mut j = len;
        while j > i as usize {
            output[j] = output[j - 1];
            j -= 1;
        }
        output[i as usize] = n;
        len += 1;
        i += 1;
        non_ascii = true;
    }
    non_ascii
}

/// Bias adaptation of RFC 3492, section 6.1.
const fn adapt(delta: u32, num_points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / 700 } else { delta / 2 };
    delta += delta / num_points;
    let mut k = 0;
    while delta > ((36 - 1) * 26) / 2 {
        delta /= 36 - 1;
        k += 36;
    }
    k + (36 * delta) / (delta + 38)
}

/// An IPv6 address as browsers serialize it in a URL (without the brackets): lowercase hex,
/// no leading zeros, the first longest run of two or more zero pieces written `::`, and no
/// embedded IPv4 notation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ipv6Text {
    bytes: [u8; 39],
    len: usize,
}

impl Ipv6Text {
    /// The serialization, e.g. `::ffff:102:304`.
    pub const fn as_bytes(&self) -> &[u8] {
        slice(&self.bytes, 0, self.len)
    }

    /// The serialization as a string.
    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.as_bytes()) {
            Ok(s) => s,
            Err(_) => "",
        }
    }
}

/// Parses the text between the brackets of an IPv6 host the way the URL standard does (any
/// case, leading zeros, `::` anywhere, an embedded dotted IPv4 address), and returns the form
/// browsers serialize, or `None` when it is not an IPv6 address at all.
///
/// ```
/// use cors_rules::canonical_ipv6;
///
/// assert_eq!(canonical_ipv6(b"0:0:0:0:0:0:0:1").unwrap().as_str(), "::1");
/// assert_eq!(canonical_ipv6(b"::ffff:1.2.3.4").unwrap().as_str(), "::ffff:102:304");
/// assert_eq!(canonical_ipv6(b"2001:DB8:0:0:1:0:0:1").unwrap().as_str(), "2001:db8::1:0:0:1");
/// assert!(canonical_ipv6(b"1:::2").is_none());
/// ```
pub const fn canonical_ipv6(text: &[u8]) -> Option<Ipv6Text> {
    match parse_ipv6(text) {
        Some(pieces) => Some(serialize_ipv6(pieces)),
        None => None,
    }
}

/// The IPv6 parser of the URL standard.
const fn parse_ipv6(input: &[u8]) -> Option<[u16; 8]> {
    let mut address = [0u16; 8];
    let mut piece: usize = 0;
    let mut compress: usize = usize::MAX;
    let mut p = 0;
    let n = input.len();
    if n == 0 {
        return None;
    }
    if input[0] == b':' {
        if n < 2 || input[1] != b':' {
            return None;
        }
        p = 2;
        piece = 1;
        compress = 1;
    }
    while p < n {
        if piece == 8 {
            return None;
        }
        if input[p] == b':' {
            if compress != usize::MAX {
                return None;
            }
            p += 1;
            piece += 1;
            compress = piece;
            continue;
        }
        let mut value: u32 = 0;
        let mut length = 0;
        while length < 4 && p < n && input[p].is_ascii_hexdigit() {
            value = value * 16 + hex_value(input[p]);
            p += 1;
            length += 1;
        }
        if p < n && input[p] == b'.' {
            // An embedded IPv4 address fills the last two pieces.
            if length == 0 || piece > 6 {
                return None;
            }
            p -= length;
            let mut seen = 0;
            while p < n {
                if seen > 0 {
                    if input[p] == b'.' && seen < 4 {
                        p += 1;
                    } else {
                        return None;
                    }
                }
                if p >= n || !input[p].is_ascii_digit() {
                    return None;
                }
                let mut number: u32 = u32::MAX;
                while p < n && input[p].is_ascii_digit() {
                    let d = (input[p] - b'0') as u32;
                    if number == u32::MAX {
                        number = d;
                    } else if number == 0 {
                        return None;
                    } else {
                        number = number * 10 + d;
                    }
                    if number > 255 {
                        return None;
                    }
                    p += 1;
                }
                address[piece] = (address[piece] as u32 * 0x100 + number) as u16;
                seen += 1;
                if seen == 2 || seen == 4 {
                    piece += 1;
                }
            }
            if seen != 4 {
                return None;
            }
            break;
        } else if p < n && input[p] == b':' {
            p += 1;
            if p >= n {
                return None;
            }
        } else if p < n {
            return None;
        }
        address[piece] = value as u16;
        piece += 1;
    }
    if compress != usize::MAX {
        let mut swaps = piece - compress;
        let mut i = 7;
        while i != 0 && swaps > 0 {
            let t = address[i];
            address[i] = address[compress + swaps - 1];
            address[compress + swaps - 1] = t;
            i -= 1;
            swaps -= 1;
        }
    } else if piece != 8 {
        return None;
    }
    Some(address)
}

const fn hex_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => (c - b'0') as u32,
        b'a'..=b'f' => (c - b'a') as u32 + 10,
        _ => (c - b'A') as u32 + 10,
    }
}

/// The IPv6 serializer of the URL standard.
const fn serialize_ipv6(address: [u16; 8]) -> Ipv6Text {
    // The first longest run of two or more zero pieces.
    let mut compress = usize::MAX;
    let mut best = 1;
    let mut i = 0;
    while i < 8 {
        let mut j = i;
        while j < 8 && address[j] == 0 {
            j += 1;
        }
        if j - i > best {
            best = j - i;
            compress = i;
        }
        i = if j > i { j } else { i + 1 };
    }
    let mut out = Ipv6Text {
        bytes: [0; 39],
        len: 0,
    };
    let mut ignore_zero = false;
    i = 0;
    while i < 8 {
        if ignore_zero && address[i] == 0 {
            i += 1;
            continue;
        }
        ignore_zero = false;
        if compress == i {
            if i == 0 {
                out = push(out, b':');
            }
            out = push(out, b':');
            ignore_zero = true;
            i += 1;
            continue;
        }
        let v = address[i];
        let mut shift = 12;
        let mut started = false;
        loop {
            let d = ((v >> shift) & 0xF) as u8;
            if d != 0 || started || shift == 0 {
                started = true;
                out = push(out, if d < 10 { b'0' + d } else { b'a' + d - 10 });
            }
            if shift == 0 {
                break;
            }
            shift -= 4;
        }
        if i != 7 {
            out = push(out, b':');
        }
        i += 1;
    }
    out
}

const fn push(mut text: Ipv6Text, c: u8) -> Ipv6Text {
    text.bytes[text.len] = c;
    text.len += 1;
    text
}

/// Whether `host` is a bracketed IPv6 literal exactly as browsers serialize it.
pub(crate) const fn is_canonical_ipv6_literal(host: &[u8]) -> bool {
    let n = host.len();
    if n < 4 || host[0] != b'[' || host[n - 1] != b']' {
        return false;
    }
    let inner = slice(host, 1, n - 1);
    match canonical_ipv6(inner) {
        Some(text) => bytes_eq(text.as_bytes(), inner),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punycode_labels() {
        for ok in [
            &b"xn--bcher-kva"[..],
            b"xn--mnchen-3ya",
            b"xn--p1ai",
            b"xn--fiqs8s",
            b"xn--80ak6aa92e",
        ] {
            assert_eq!(
                check_label(ok),
                Ok(()),
                "{}",
                core::str::from_utf8(ok).unwrap()
            );
        }
        for bad in [
            &b"xn--a"[..],         // decodes to U+0080, a control character
            b"xn--99999999999999", // overflow
            b"xn--ab_c",           // not a punycode digit
        ] {
            assert_eq!(
                check_label(bad),
                Err(OriginError::BadPunycode),
                "{}",
                core::str::from_utf8(bad).unwrap()
            );
        }
        // Only ASCII after `xn--` ends with the delimiter, or is nothing at all.
        assert_eq!(check_label(b"xn--abc-"), Err(OriginError::HyphenEdge));
        assert_eq!(check_label(b"xn--"), Err(OriginError::HyphenEdge));
        // Other double hyphens are ordinary labels.
        assert_eq!(check_label(b"ab--cd"), Ok(()));
    }

    #[test]
    fn label_and_host_lengths() {
        let mut long = [b'a'; 64];
        assert_eq!(check_label(&long[..63]), Ok(()));
        assert_eq!(check_label(&long), Err(OriginError::LabelTooLong));
        long[0] = b'-';
        assert_eq!(check_label(&long[..63]), Err(OriginError::HyphenEdge));
        // 4 labels of 63 bytes and 3 dots: 255 bytes.
        let mut host = [b'a'; 255];
        for dot in [63, 127, 191] {
            host[dot] = b'.';
        }
        assert_eq!(check_labels(&host), Ok(()));
        assert_eq!(check_host_name(&host), Err(OriginError::HostTooLong));
        assert_eq!(check_host_name(&host[..253]), Ok(()));
    }

    #[test]
    fn labels() {
        assert_eq!(check_labels(b"my_site.example.com"), Ok(()));
        assert_eq!(check_labels(b"_dmarc.example.com"), Ok(()));
        assert_eq!(check_labels(b"a.com."), Err(OriginError::EmptyLabel));
        assert_eq!(check_labels(b".a.com"), Err(OriginError::EmptyLabel));
        assert_eq!(check_labels(b""), Err(OriginError::EmptyLabel));
        assert_eq!(check_labels(b"a-.com"), Err(OriginError::HyphenEdge));
        assert_eq!(check_labels(b"A.com"), Err(OriginError::UppercaseHost));
        assert_eq!(check_labels(b"a*.com"), Err(OriginError::BadHostChar));
    }

    fn canon(s: &str) -> Option<&'static str> {
        let text = canonical_ipv6(s.as_bytes())?;
        // Leak for the comparison's convenience in tests only.
        Some(std::boxed::Box::leak(
            std::string::String::from(text.as_str()).into_boxed_str(),
        ))
    }

    extern crate std;

    #[test]
    fn ipv6_serialization() {
        let cases = [
            ("::1", "::1"),
            ("::", "::"),
            ("0:0:0:0:0:0:0:1", "::1"),
            ("::0:1", "::1"),
            ("0:0:0:0:0:0:0:0", "::"),
            ("2001:db8::1", "2001:db8::1"),
            ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ("2001:DB8::A", "2001:db8::a"),
            ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
            ("1:0:0:2:0:0:3:4", "1::2:0:0:3:4"),
            ("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"),
            ("1::", "1::"),
            ("::ffff:1.2.3.4", "::ffff:102:304"),
            ("::1.2.3.4", "::102:304"),
            ("fe80::1:2", "fe80::1:2"),
        ];
        for (input, want) in cases {
            assert_eq!(canon(input), Some(want), "{input}");
        }
        for bad in [
            "",
            ":",
            ":1",
            "1:",
            "1:::2",
            "1::2::3",
            "12345::",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7",
            "::1.2.3",
            "::1.2.3.256",
            "::01.2.3.4",
            "::1.2.3.4.5",
            "g::",
            "1:2:3:4:5:6:7:1.2.3.4",
        ] {
            assert_eq!(canon(bad), None, "{bad}");
        }
        assert!(is_canonical_ipv6_literal(b"[::1]"));
        assert!(!is_canonical_ipv6_literal(b"[::0:1]"));
        assert!(!is_canonical_ipv6_literal(b"[::ffff:1.2.3.4]"));
    }
}
