//! Look-alike characters: the few that turn up in pasted user names and host names.
//!
//! A user name typed on a Cyrillic or Greek keyboard layout, or copied from a document that
//! substituted full-width forms or a no-break space, looks right and fails an exact
//! comparison. Unicode's full confusables table is large; this hand-written one covers the
//! common cases (Cyrillic and Greek letters shaped like Latin ones, full-width ASCII,
//! typographic spaces, dashes and dots, and invisible characters), which is what a person
//! will have typed or pasted. It is used to explain a difference, never to accept one.

/// A character that imitates ASCII, with the ASCII it imitates and a readable name.
/// `None` as the imitated character means an invisible one that imitates nothing.
const TABLE: &[(char, Option<char>, &str)] = &[
    // Cyrillic, small.
    ('\u{0430}', Some('a'), "Cyrillic small letter a"),
    ('\u{0435}', Some('e'), "Cyrillic small letter ie"),
    ('\u{043e}', Some('o'), "Cyrillic small letter o"),
    ('\u{0440}', Some('p'), "Cyrillic small letter er"),
    ('\u{0441}', Some('c'), "Cyrillic small letter es"),
    ('\u{0443}', Some('y'), "Cyrillic small letter u"),
    ('\u{0445}', Some('x'), "Cyrillic small letter ha"),
    ('\u{0455}', Some('s'), "Cyrillic small letter dze"),
    (
        '\u{0456}',
        Some('i'),
        "Cyrillic small letter Byelorussian-Ukrainian i",
    ),
    ('\u{0458}', Some('j'), "Cyrillic small letter je"),
    ('\u{04bb}', Some('h'), "Cyrillic small letter shha"),
    ('\u{04cf}', Some('l'), "Cyrillic small letter palochka"),
    ('\u{0501}', Some('d'), "Cyrillic small letter komi de"),
    ('\u{051b}', Some('q'), "Cyrillic small letter qa"),
    ('\u{051d}', Some('w'), "Cyrillic small letter we"),
    // Cyrillic, capital.
    ('\u{0410}', Some('A'), "Cyrillic capital letter a"),
    ('\u{0412}', Some('B'), "Cyrillic capital letter ve"),
    ('\u{0415}', Some('E'), "Cyrillic capital letter ie"),
    ('\u{041a}', Some('K'), "Cyrillic capital letter ka"),
    ('\u{041c}', Some('M'), "Cyrillic capital letter em"),
    ('\u{041d}', Some('H'), "Cyrillic capital letter en"),
    ('\u{041e}', Some('O'), "Cyrillic capital letter o"),
    ('\u{0420}', Some('P'), "Cyrillic capital letter er"),
    ('\u{0421}', Some('C'), "Cyrillic capital letter es"),
    ('\u{0422}', Some('T'), "Cyrillic capital letter te"),
    ('\u{0425}', Some('X'), "Cyrillic capital letter ha"),
    ('\u{0405}', Some('S'), "Cyrillic capital letter dze"),
    (
        '\u{0406}',
        Some('I'),
        "Cyrillic capital letter Byelorussian-Ukrainian i",
    ),
    ('\u{0408}', Some('J'), "Cyrillic capital letter je"),
    ('\u{04ae}', Some('Y'), "Cyrillic capital letter straight u"),
    // Greek, small.
    ('\u{03b1}', Some('a'), "Greek small letter alpha"),
    ('\u{03b9}', Some('i'), "Greek small letter iota"),
    ('\u{03ba}', Some('k'), "Greek small letter kappa"),
    ('\u{03bd}', Some('v'), "Greek small letter nu"),
    ('\u{03bf}', Some('o'), "Greek small letter omicron"),
    ('\u{03c1}', Some('p'), "Greek small letter rho"),
    ('\u{03c5}', Some('u'), "Greek small letter upsilon"),
    ('\u{03c7}', Some('x'), "Greek small letter chi"),
    ('\u{03f2}', Some('c'), "Greek lunate sigma symbol"),
    // Greek, capital.
    ('\u{0391}', Some('A'), "Greek capital letter alpha"),
    ('\u{0392}', Some('B'), "Greek capital letter beta"),
    ('\u{0395}', Some('E'), "Greek capital letter epsilon"),
    ('\u{0396}', Some('Z'), "Greek capital letter zeta"),
    ('\u{0397}', Some('H'), "Greek capital letter eta"),
    ('\u{0399}', Some('I'), "Greek capital letter iota"),
    ('\u{039a}', Some('K'), "Greek capital letter kappa"),
    ('\u{039c}', Some('M'), "Greek capital letter mu"),
    ('\u{039d}', Some('N'), "Greek capital letter nu"),
    ('\u{039f}', Some('O'), "Greek capital letter omicron"),
    ('\u{03a1}', Some('P'), "Greek capital letter rho"),
    ('\u{03a4}', Some('T'), "Greek capital letter tau"),
    ('\u{03a5}', Some('Y'), "Greek capital letter upsilon"),
    ('\u{03a7}', Some('X'), "Greek capital letter chi"),
    // Latin and others.
    ('\u{0131}', Some('i'), "Latin small letter dotless i"),
    ('\u{0251}', Some('a'), "Latin small letter alpha"),
    ('\u{0261}', Some('g'), "Latin small letter script g"),
    ('\u{2113}', Some('l'), "script small l"),
    ('\u{0585}', Some('o'), "Armenian small letter oh"),
    // Spaces, dashes, dots.
    ('\u{00a0}', Some(' '), "no-break space"),
    ('\u{2007}', Some(' '), "figure space"),
    ('\u{2009}', Some(' '), "thin space"),
    ('\u{202f}', Some(' '), "narrow no-break space"),
    ('\u{3000}', Some(' '), "ideographic space"),
    ('\u{2010}', Some('-'), "hyphen"),
    ('\u{2011}', Some('-'), "non-breaking hyphen"),
    ('\u{2012}', Some('-'), "figure dash"),
    ('\u{2013}', Some('-'), "en dash"),
    ('\u{2212}', Some('-'), "minus sign"),
    ('\u{3002}', Some('.'), "ideographic full stop"),
    ('\u{2024}', Some('.'), "one dot leader"),
    // Invisible.
    ('\u{00ad}', None, "soft hyphen"),
    ('\u{200b}', None, "zero width space"),
    ('\u{200c}', None, "zero width non-joiner"),
    ('\u{200d}', None, "zero width joiner"),
    ('\u{2060}', None, "word joiner"),
    (
        '\u{feff}',
        None,
        "zero width no-break space (byte order mark)",
    ),
];

/// What a character imitates: `Some(Some(ascii))` for a look-alike, `Some(None)` for an
/// invisible character, `None` for a character that is not in the table.
pub fn imitates(c: char) -> Option<Option<char>> {
    if let Some(ascii) = full_width(c) {
        return Some(Some(ascii));
    }
    TABLE.iter().find(|(k, _, _)| *k == c).map(|(_, a, _)| *a)
}

/// The ASCII form of a full-width character (U+FF01..U+FF5E).
fn full_width(c: char) -> Option<char> {
    let n = u32::from(c);
    if (0xff01..=0xff5e).contains(&n) {
        char::from_u32(n - 0xfee0)
    } else {
        None
    }
}

/// The string with every known look-alike replaced by the ASCII it imitates and every
/// invisible character removed. Equal skeletons of unequal strings mean a look-alike.
pub fn skeleton(s: &str) -> String {
    s.chars()
        .filter_map(|c| match imitates(c) {
            Some(ascii) => ascii,
            None => Some(c),
        })
        .collect()
}

/// Describes a character for a message: `'а' (U+0430, Cyrillic small letter a, which looks
/// like the Latin 'a')`.
pub fn describe(c: char) -> String {
    let code = format!("U+{:04X}", u32::from(c));
    let name = if full_width(c).is_some() {
        Some("full-width form")
    } else {
        TABLE.iter().find(|(k, _, _)| *k == c).map(|(_, _, n)| *n)
    };
    match (imitates(c), name) {
        (Some(Some(' ')), Some(name)) => {
            format!("'{c}' ({code}, {name}, which looks like a space)")
        }
        (Some(Some(ascii)), Some(name)) => {
            format!("'{c}' ({code}, {name}, which looks like '{ascii}')")
        }
        (Some(None), Some(name)) => format!("an invisible {name} ({code})"),
        _ if c.is_control() => format!("a control character ({code})"),
        _ => format!("'{c}' ({code})"),
    }
}

/// The 1-based position and the character of the first non-ASCII character, if any.
pub fn first_non_ascii(s: &str) -> Option<(usize, char)> {
    s.chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii())
        .map(|(i, c)| (i + 1, c))
}

/// A host with characters outside ASCII, as written or in punycode, explained for a message.
pub struct ForeignHost {
    /// The host quoted as written (and decoded, when it has `xn--` labels) and its first
    /// character outside ASCII: `'аcme.okta.com' contains characters outside ASCII:
    /// character 1 is 'а' (U+0430, …)`.
    pub text: String,
    /// The plain ASCII host it imitates, when every character outside ASCII is a look-alike.
    pub imitates: Option<String>,
}

/// Explains a host whose characters are not all ASCII once its punycode (`xn--` labels) is
/// decoded: `аcme.okta.com` and `xn--cme-5cd.okta.com` alike. `None` for a plain ASCII host,
/// and for `xn--` labels that are not valid punycode.
pub fn foreign_host(host: &str) -> Option<ForeignHost> {
    let seen = super::punycode::decode_host(host).unwrap_or_else(|| host.to_string());
    if seen.is_ascii() {
        return None;
    }
    let mut text = format!("'{host}'");
    if seen != host {
        text = format!("{text} ('{seen}' once its punycode is decoded)");
    }
    text.push_str(" contains characters outside ASCII");
    if let Some((pos, c)) = first_non_ascii(&seen) {
        text = format!("{text}: character {pos} is {}", describe(c));
    }
    let imitates = Some(skeleton(&seen)).filter(|s| s.is_ascii());
    Some(ForeignHost { text, imitates })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_and_descriptions() {
        assert_eq!(skeleton("j\u{043e}hn\u{200b}.d\u{043e}e"), "john.doe");
        assert_eq!(skeleton("\u{ff4a}doe"), "jdoe");
        assert!(describe('\u{0430}').contains("U+0430, Cyrillic small letter a"));
        assert!(describe('\u{200b}').starts_with("an invisible zero width space"));
        assert_eq!(first_non_ascii("ab\u{0441}"), Some((3, '\u{0441}')));
    }

    #[test]
    fn foreign_hosts_as_written_and_in_punycode() {
        for host in ["\u{0430}cme.okta.com", "xn--cme-5cd.okta.com"] {
            let f = foreign_host(host).expect(host);
            assert!(
                f.text
                    .contains("outside ASCII: character 1 is '\u{0430}' (U+0430"),
                "{}",
                f.text
            );
            assert_eq!(f.imitates.as_deref(), Some("acme.okta.com"));
            assert!(f.text.starts_with(&format!("'{host}'")));
        }
        let f = foreign_host("xn--cme-5cd.okta.com").expect("punycode");
        assert!(
            f.text.contains("('\u{0430}cme.okta.com' once"),
            "{}",
            f.text
        );
        let f = foreign_host("sso.xn--bcher-kva.example").expect("internationalised");
        assert_eq!(f.imitates, None);
        for plain in ["acme.okta.com", "xn--zz!.example", "xn--abc-.example", ""] {
            assert!(foreign_host(plain).is_none(), "{plain}");
        }
    }
}
