//! String helpers that give the same results as the standard library's, for less WebAssembly.
//!
//! Searching a string for a `&str` (`contains`, `find`, `split_once`…) brings in the standard
//! library's two-way search, its panic message for a bad slice and, through that message, the
//! tables for printing any character with `{:?}`: about 2 KB of the gzipped module, for a
//! handful of searches for short, fixed needles. `join` brings a generic routine of its own.

/// Where `needle` first occurs in `haystack`: `haystack.find(needle)`.
///
/// Comparing bytes finds the same place: UTF-8 is self-synchronising, so bytes that equal a
/// whole encoded `needle` start and end on character boundaries.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w == needle)
}

/// Where `needle` last occurs in `haystack`: `haystack.rfind(needle)`.
pub fn rfind(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(haystack.len());
    }
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .rposition(|w| w == needle)
}

/// `haystack.contains(needle)`.
pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `haystack.contains(c)` for a character. (The standard one searches for a non-ASCII
/// character as for a `&str`, which brings in that search.)
pub fn has(haystack: &str, c: char) -> bool {
    haystack.chars().any(|h| h == c)
}

/// What follows the first `needle` in `haystack`: `haystack.split_once(needle)`'s second part.
pub fn after_first<'a>(haystack: &'a str, needle: &str) -> Option<&'a str> {
    haystack.get(find(haystack, needle)? + needle.len()..)
}

/// What follows the last `needle` in `haystack`: `haystack.rsplit_once(needle)`'s second part.
pub fn after_last<'a>(haystack: &'a str, needle: &str) -> Option<&'a str> {
    haystack.get(rfind(haystack, needle)? + needle.len()..)
}

/// The first `count` characters of `s` (all of it when shorter), as
/// `s.chars().take(count).collect::<String>()` gives them, without a copy.
pub fn first_chars(s: &str, count: usize) -> &str {
    match s.char_indices().nth(count) {
        Some((end, _)) => s.get(..end).unwrap_or(s),
        None => s,
    }
}

/// Where the first `?` or `#` of `s` is, as `s.find(['?', '#'])` says.
pub fn query_or_fragment_start(s: &str) -> Option<usize> {
    s.bytes().position(|b| b == b'?' || b == b'#')
}

/// `parts.join(separator)`.
pub fn join<S: AsRef<str>>(parts: &[S], separator: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(part.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to `len` characters from a set with one-, two-, three- and
    /// four-byte characters, and characters that share bytes with others.
    fn strings(len: usize) -> Vec<String> {
        let set = ['a', 'b', '/', '\u{e9}', '\u{c3}', '\u{2028}', '\u{1f600}'];
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..len {
            last = last
                .iter()
                .flat_map(|s| set.iter().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn the_same_answers_as_the_standard_library() {
        let needles = strings(2);
        for haystack in strings(4) {
            for needle in &needles {
                let n = needle.as_str();
                assert_eq!(find(&haystack, n), haystack.find(n), "{haystack:?} {n:?}");
                assert_eq!(rfind(&haystack, n), haystack.rfind(n), "{haystack:?} {n:?}");
                assert_eq!(contains(&haystack, n), haystack.contains(n));
                for c in n.chars() {
                    assert_eq!(has(&haystack, c), haystack.contains(c));
                }
                let first = haystack.split_once(n).map(|(_, after)| after);
                assert_eq!(after_first(&haystack, n), first, "{haystack:?} {n:?}");
                let last = haystack.rsplit_once(n).map(|(_, after)| after);
                assert_eq!(after_last(&haystack, n), last, "{haystack:?} {n:?}");
            }
        }
    }

    #[test]
    fn first_chars_and_query_or_fragment_start() {
        for s in strings(4) {
            for count in 0..6 {
                let expected: String = s.chars().take(count).collect();
                assert_eq!(first_chars(&s, count), expected);
            }
        }
        for s in ["", "a", "a?b", "a#b?c", "\u{e9}?", "#", "?#"] {
            assert_eq!(query_or_fragment_start(s), s.find(['?', '#']), "{s:?}");
        }
    }

    #[test]
    fn join_joins() {
        for parts in [vec![], vec!["a"], vec!["a", "", "b\u{e9}"]] {
            assert_eq!(join(&parts, ", "), parts.join(", "));
            let owned: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
            assert_eq!(join(&owned, " and "), owned.join(" and "));
        }
    }
}
