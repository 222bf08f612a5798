//! Punycode (RFC 3492), decoding only: the `xn--` labels of a host spelled in ASCII.
//!
//! A browser turns `аcme.okta.com` (Cyrillic `а`) into `xn--cme-5cd.okta.com` and shows
//! either; an admin may paste either. The look-alike checks read the characters a person
//! would see, so an `xn--` label is decoded back to them here. Nothing is validated beyond
//! what decoding needs (IDNA's mapping and normalisation are left out): the result is only
//! used to explain a host, never to accept one.

/// RFC 3492's parameters for Punycode (section 5).
const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// The longest label DNS allows; longer input is no host label, and decoding stays linear.
const MAX_LABEL: usize = 63;

/// The value of a Punycode digit: `a`-`z` (either case) are 0-25, `0`-`9` are 26-35.
fn digit(b: u8) -> Option<u32> {
    match b {
        b'a'..=b'z' => Some(u32::from(b - b'a')),
        b'A'..=b'Z' => Some(u32::from(b - b'A')),
        b'0'..=b'9' => Some(u32::from(b - b'0') + 26),
        _ => None,
    }
}

/// The bias adaptation of RFC 3492, section 6.1.
fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points.max(1);
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

/// Decodes the Punycode part of a label (what follows `xn--`); `None` when it is not valid
/// Punycode (a bad digit, an overflow, a code point that is not a character).
pub fn decode(input: &str) -> Option<String> {
    if input.len() > MAX_LABEL {
        return None;
    }
    // Basic code points come before the last delimiter, the encoded deltas after it.
    let (basic, deltas) = match input.bytes().rposition(|b| b == b'-') {
        Some(at) => (input.get(..at)?, input.get(at + 1..)?),
        None => ("", input),
    };
    if !basic.is_ascii() {
        return None;
    }
    let mut output: Vec<char> = Vec::with_capacity(input.len());
    output.extend(basic.chars());
    let mut n = INITIAL_N;
    let mut i: u32 = 0;
    let mut bias = INITIAL_BIAS;
    let mut digits = deltas.bytes();
    while digits.len() > 0 {
        let old_i = i;
        let mut w: u32 = 1;
        let mut k = BASE;
        loop {
            let d = digit(digits.next()?)?;
            i = i.checked_add(d.checked_mul(w)?)?;
            let t = if k <= bias {
                T_MIN
            } else if k >= bias + T_MAX {
                T_MAX
            } else {
                k - bias
            };
            if d < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let count = u32::try_from(output.len()).ok()? + 1;
        bias = adapt(i - old_i, count, old_i == 0);
        n = n.checked_add(i / count)?;
        i %= count;
        // `i` is below `count`, so at most `output.len()`: the insertion is in bounds.
        let at = usize::try_from(i).ok()?.min(output.len());
        output.insert(at, char::from_u32(n)?);
        i += 1;
    }
    let mut text = String::with_capacity(output.len());
    for c in output {
        text.push(c);
    }
    Some(text)
}

/// The host with every `xn--` label decoded; `None` when it has no such label or one does
/// not decode. `host` is a lowercase ASCII host.
pub fn decode_host(host: &str) -> Option<String> {
    let mut out = String::with_capacity(host.len());
    let mut any = false;
    for (i, label) in host.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        match label.strip_prefix("xn--") {
            Some(encoded) => {
                out.push_str(&decode(encoded)?);
                any = true;
            }
            None => out.push_str(label),
        }
    }
    any.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_3492_samples_and_hosts() {
        // Samples from RFC 3492, section 7.1, with their uppercase letters lowercased as
        // the host parser leaves them.
        let samples: &[(&str, &str)] = &[
            ("egbpdaj6bu4bxfgehfvwxn", "\u{644}\u{64a}\u{647}\u{645}\u{627}\u{628}\u{62a}\u{643}\u{644}\u{645}\u{648}\u{634}\u{639}\u{631}\u{628}\u{64a}\u{61f}"),
            ("ihqwcrb4cv8a8dqg056pqjye", "\u{4ed6}\u{4eec}\u{4e3a}\u{4ec0}\u{4e48}\u{4e0d}\u{8bf4}\u{4e2d}\u{6587}"),
            ("proprostnemluvesky-uyb24dma41a", "pro\u{10d}prost\u{11b}nemluv\u{ed}\u{10d}esky"),
            ("-> $1.00 <--", "-> $1.00 <-"),
            ("bcher-kva", "b\u{fc}cher"),
            ("cme-5cd", "\u{430}cme"),
        ];
        for (encoded, decoded) in samples {
            assert_eq!(decode(encoded).as_deref(), Some(*decoded), "{encoded}");
        }
        assert_eq!(
            decode_host("login.xn--cme-5cd.okta.com").as_deref(),
            Some("login.\u{430}cme.okta.com")
        );
        assert_eq!(decode_host("acme.okta.com"), None);
        for bad in [
            "xn--cme-5c!",
            "xn--99999999999",
            "xn--a-ecp.xn--\u{e9}",
            "xn--",
        ] {
            assert_ne!(decode_host(bad).map(|h| h.is_ascii()), Some(false), "{bad}");
        }
        assert_eq!(decode(&"a".repeat(64)), None);
    }
}
