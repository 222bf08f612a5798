//! `str::to_lowercase`, with the same result, in a fraction of its WebAssembly size.
//!
//! The identity checks compare user names without case in all of Unicode (`ÉLODIE` and
//! `élodie`, `ΟΔΥΣΣΕΥΣ` and `οδυσσευς`). The standard library's `to_lowercase` carries a
//! table of every mapping, one entry per character, and its code: about 10 KB of the gzipped
//! WebAssembly, more than a third of the component's budget. The same mappings fit in a few
//! hundred bytes as runs, since letters come in blocks that map by one offset, one after
//! another or every other one (`À`..`Þ` by +32, `Ā`..`Ķ` by +1 on every second character).
//!
//! What it reproduces, from the Unicode rules the standard library follows:
//! - each character's lowercase mapping, which is one character for all but `İ` (U+0130,
//!   lowercased to `i` and a combining dot above);
//! - the one mapping that depends on context: a capital sigma `Σ` becomes `ς` at the end of a
//!   word (a cased letter before it and none after it, skipping case-ignorable characters
//!   such as apostrophes and combining marks), and `σ` elsewhere. That needs to know which
//!   characters are cased and which are case-ignorable, kept here as runs as well.
//!
//! The tables are made from the standard library itself by `tables::generate` and checked
//! against it in the tests, every character and the sigma rule; a toolchain with a newer
//! Unicode version fails `the_tables_are_those_of_the_standard_library`, whose message holds
//! the new tables to paste here.

/// Lowercases `s` exactly as `s.to_lowercase()` does.
pub fn to_lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '\u{3a3}' => out.push(if is_final_sigma(s, i) {
                '\u{3c2}'
            } else {
                '\u{3c3}'
            }),
            '\u{130}' => out.push_str("i\u{307}"),
            _ => out.push(lowercase_char(c)),
        }
    }
    out
}

/// The lowercase of a character whose lowercase is one character.
fn lowercase_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let n = u32::from(c);
    if n > LAST_MAPPED {
        return c;
    }
    let mut bytes = MAPPINGS.iter();
    let mut next = 0;
    while let Some(gap) = varint(&mut bytes) {
        let first = next + gap;
        let shape = bytes.next().copied().unwrap_or(0);
        let offset = zigzag(varint(&mut bytes).unwrap_or(0));
        let step = u32::from(shape & 1) + 1;
        let last = first + u32::from(shape >> 1) * step;
        if n < first {
            break;
        }
        if n <= last && (n - first) % step == 0 {
            let lower = n.checked_add_signed(offset).and_then(char::from_u32);
            return lower.unwrap_or(c);
        }
        next = last + 1;
    }
    c
}

/// Whether the `Σ` at byte `at` of `s` ends a word, which makes its lowercase `ς`.
fn is_final_sigma(s: &str, at: usize) -> bool {
    let before = s.get(..at).unwrap_or("").chars().rev();
    let after = s.get(at + '\u{3a3}'.len_utf8()..).unwrap_or("").chars();
    cased_after_ignorables(before) && !cased_after_ignorables(after)
}

/// Whether the first character that is not case-ignorable is a cased one.
fn cased_after_ignorables(chars: impl Iterator<Item = char>) -> bool {
    chars
        .map(class)
        .find(|&class| class != IGNORABLE)
        .is_some_and(|class| class == CASED)
}

/// Neither cased nor case-ignorable.
const OTHER: u32 = 0;
/// Case-ignorable (cased or not: the rule skips these first).
const IGNORABLE: u32 = 1;
/// Cased and not case-ignorable.
const CASED: u32 = 2;

/// The class of a character for the sigma rule.
fn class(c: char) -> u32 {
    let n = u32::from(c);
    let mut bytes = CLASSES.iter();
    let mut end = 0;
    while let Some(run) = varint(&mut bytes) {
        end += run >> 2;
        if n < end {
            return run & 3;
        }
    }
    OTHER
}

/// Reads an unsigned LEB128 number: seven bits a byte, low bits first.
fn varint(bytes: &mut std::slice::Iter<'_, u8>) -> Option<u32> {
    let mut value = 0;
    let mut shift = 0;
    loop {
        let byte = *bytes.next()?;
        value |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(value);
        }
        shift += 7;
    }
}

/// A signed number stored as an unsigned one: 0, -1, 1, -2, 2… as 0, 1, 2, 3, 4…
fn zigzag(n: u32) -> i32 {
    (n >> 1) as i32 ^ -((n & 1) as i32)
}

/// The lowercase mappings of non-ASCII characters to one other character, as runs, each
/// `gap, shape, offset`: the run's first character is `gap` after the end of the previous
/// run; `shape` is `(count - 1) << 1 | (step - 1)`; every `step`-th character of the run
/// maps to itself plus `offset` (zigzag-encoded). `gap` and `offset` are LEB128 numbers.
#[rustfmt::skip]
const MAPPINGS: &[u8] = &[
    192, 1, 44, 64, 1, 12, 64, 33, 47, 2, 3, 5, 2, 2, 15, 2, 2, 45, 2, 1, 0, 241, 1, 0,
    5, 2, 3, 0, 164, 3, 0, 3, 2, 1, 0, 156, 3, 0, 0, 2, 1, 2, 154, 3, 0, 0, 2, 2,
    0, 158, 1, 0, 0, 148, 3, 0, 0, 150, 3, 0, 0, 2, 1, 0, 154, 3, 0, 0, 158, 3, 1, 0,
    166, 3, 0, 0, 162, 3, 0, 0, 2, 3, 0, 166, 3, 0, 0, 170, 3, 1, 0, 172, 3, 0, 5, 2,
    1, 0, 180, 3, 0, 0, 2, 1, 0, 180, 3, 2, 0, 2, 1, 0, 180, 3, 0, 0, 2, 1, 2, 178,
    3, 0, 3, 2, 1, 0, 182, 3, 0, 0, 2, 3, 0, 2, 7, 0, 4, 0, 0, 2, 1, 0, 4, 0,
    0, 2, 1, 0, 4, 0, 17, 2, 2, 17, 2, 2, 0, 4, 0, 3, 2, 1, 0, 193, 1, 0, 0, 111,
    0, 39, 2, 1, 0, 131, 2, 1, 17, 2, 7, 0, 214, 168, 1, 0, 0, 2, 1, 0, 197, 2, 0, 0,
    208, 168, 1, 2, 0, 2, 1, 0, 133, 3, 0, 0, 138, 1, 0, 0, 142, 1, 0, 9, 2, 161, 2, 3,
    2, 3, 0, 2, 8, 0, 232, 1, 6, 0, 76, 1, 4, 74, 1, 0, 128, 1, 1, 2, 126, 1, 32, 64,
    1, 16, 64, 35, 0, 16, 8, 23, 2, 5, 0, 119, 2, 0, 2, 1, 0, 13, 0, 0, 2, 2, 4, 131,
    2, 0, 30, 160, 1, 0, 62, 64, 48, 33, 2, 9, 53, 2, 1, 0, 30, 0, 13, 2, 2, 95, 2, 2,
    74, 96, 201, 22, 74, 192, 113, 1, 0, 192, 113, 5, 0, 192, 113, 210, 5, 158, 160, 223, 4, 0, 10, 16,
    147, 17, 0, 2, 6, 84, 255, 46, 2, 4, 255, 46, 192, 2, 149, 2, 9, 0, 253, 118, 1, 95, 2, 9,
    14, 15, 8, 10, 15, 10, 14, 15, 8, 14, 15, 8, 10, 15, 11, 7, 15, 8, 14, 15, 24, 14, 15, 8,
    14, 15, 8, 14, 15, 8, 2, 15, 0, 2, 147, 1, 0, 0, 17, 11, 6, 171, 1, 0, 0, 17, 11, 2,
    15, 0, 2, 199, 1, 12, 2, 15, 0, 2, 223, 1, 0, 0, 13, 11, 2, 255, 1, 0, 2, 251, 1, 0,
    0, 17, 169, 2, 0, 185, 117, 3, 0, 253, 130, 1, 0, 0, 139, 129, 1, 6, 0, 56, 45, 30, 32, 19,
    0, 2, 178, 6, 50, 52, 176, 14, 94, 96, 48, 0, 2, 1, 0, 237, 167, 1, 0, 0, 203, 59, 0, 0,
    205, 167, 1, 2, 5, 2, 1, 0, 183, 168, 1, 0, 0, 249, 167, 1, 0, 0, 189, 168, 1, 0, 0, 187,
    168, 1, 1, 0, 2, 2, 0, 2, 8, 2, 253, 168, 1, 0, 99, 2, 8, 3, 2, 4, 0, 2, 205, 242,
    1, 45, 2, 19, 27, 2, 135, 1, 13, 2, 3, 61, 2, 10, 3, 2, 1, 0, 135, 168, 4, 0, 9, 2,
    4, 0, 2, 1, 0, 207, 148, 5, 2, 3, 2, 3, 19, 2, 1, 0, 135, 149, 5, 0, 0, 157, 149, 5,
    0, 0, 149, 149, 5, 0, 0, 129, 149, 5, 0, 0, 135, 149, 5, 1, 0, 163, 148, 5, 0, 0, 211, 148,
    5, 0, 0, 169, 148, 5, 0, 0, 192, 14, 0, 15, 2, 1, 0, 95, 0, 0, 133, 149, 5, 0, 0, 239,
    168, 4, 0, 3, 2, 1, 0, 205, 149, 5, 0, 15, 2, 1, 0, 129, 153, 5, 24, 0, 2, 171, 174, 1,
    50, 64, 197, 9, 78, 80, 136, 1, 70, 80, 156, 1, 20, 78, 1, 28, 78, 1, 12, 78, 1, 2, 78, 234,
    13, 100, 128, 1, 157, 1, 42, 64, 186, 22, 62, 64, 128, 171, 1, 62, 64, 64, 48, 54, 199, 244, 1, 66,
    68,
];

/// The last character that `MAPPINGS` maps, worked out when compiling.
const LAST_MAPPED: u32 = {
    let (mut at, mut next) = (0, 0);
    while at < MAPPINGS.len() {
        // `gap`, `shape`, `offset`: the two numbers take one or more bytes, `shape` one.
        let (gap, after) = const_varint(MAPPINGS, at);
        let shape = MAPPINGS[after] as u32;
        next += gap + (shape >> 1) * ((shape & 1) + 1) + 1;
        at = const_varint(MAPPINGS, after + 1).1;
    }
    next - 1
};

/// `varint` for constants: the number at `at` and where the next one starts.
const fn const_varint(bytes: &[u8], mut at: usize) -> (u32, usize) {
    let (mut value, mut shift) = (0, 0);
    while bytes[at] >= 0x80 {
        value |= ((bytes[at] & 0x7f) as u32) << shift;
        shift += 7;
        at += 1;
    }
    (value | (bytes[at] as u32) << shift, at + 1)
}

/// Every character's class for the sigma rule, as consecutive runs from U+0000, each a
/// LEB128 number `length << 2 | class`; characters after the last run are `OTHER`.
#[rustfmt::skip]
const CLASSES: &[u8] = &[
    156, 1, 5, 24, 5, 44, 5, 24, 106, 12, 5, 4, 5, 106, 180, 1, 5, 4, 6, 8, 5, 4, 5, 16,
    5, 6, 4, 9, 4, 6, 20, 94, 4, 126, 4, 142, 6, 4, 18, 16, 194, 6, 8, 106, 129, 6, 18, 9,
    10, 8, 5, 14, 4, 6, 16, 9, 6, 5, 14, 4, 6, 4, 82, 4, 206, 2, 4, 174, 4, 4, 29, 154,
    5, 4, 154, 1, 8, 5, 20, 5, 166, 1, 32, 181, 1, 4, 5, 4, 9, 4, 9, 4, 5, 176, 1, 5,
    44, 25, 40, 45, 4, 5, 140, 1, 5, 40, 85, 64, 5, 148, 3, 33, 4, 41, 4, 17, 132, 1, 5, 4,
    5, 120, 109, 236, 2, 45, 232, 1, 45, 16, 5, 8, 5, 96, 97, 172, 1, 13, 176, 1, 5, 28, 9, 20,
    37, 164, 1, 233, 1, 220, 1, 5, 4, 5, 16, 33, 16, 5, 12, 29, 40, 9, 52, 5, 60, 5, 232, 1,
    5, 16, 17, 32, 5, 80, 9, 104, 5, 8, 9, 228, 1, 5, 16, 9, 16, 9, 8, 13, 12, 5, 120, 9,
    12, 5, 44, 9, 228, 1, 5, 16, 21, 4, 9, 16, 5, 80, 9, 88, 25, 4, 5, 232, 1, 5, 8, 5,
    4, 17, 32, 5, 28, 9, 44, 9, 120, 5, 244, 1, 5, 48, 5, 200, 1, 5, 12, 5, 220, 1, 5, 4,
    13, 20, 13, 4, 17, 28, 9, 44, 9, 116, 5, 232, 1, 5, 8, 5, 24, 5, 20, 9, 80, 9, 112, 9,
    228, 1, 9, 16, 17, 32, 5, 80, 9, 116, 5, 160, 2, 5, 28, 13, 4, 5, 232, 2, 5, 8, 29, 44,
    37, 136, 3, 5, 8, 37, 36, 5, 4, 29, 164, 2, 9, 108, 5, 4, 5, 4, 5, 220, 1, 57, 4, 21,
    4, 9, 20, 45, 4, 145, 1, 36, 5, 152, 3, 17, 4, 25, 4, 9, 8, 9, 100, 9, 16, 13, 64, 17,
    52, 5, 8, 9, 24, 5, 60, 5, 8, 154, 1, 4, 6, 20, 6, 8, 174, 1, 4, 5, 14, 244, 18, 13,
    128, 2, 218, 2, 8, 26, 208, 24, 13, 116, 9, 120, 9, 120, 9, 128, 2, 9, 4, 29, 32, 5, 8, 45,
    12, 5, 20, 5, 180, 1, 21, 204, 1, 5, 132, 2, 9, 136, 1, 5, 216, 3, 13, 16, 9, 36, 5, 24,
    13, 236, 6, 9, 8, 5, 232, 1, 5, 4, 29, 4, 5, 4, 5, 8, 33, 24, 41, 8, 5, 156, 1, 5,
    32, 185, 1, 8, 49, 80, 17, 192, 1, 5, 4, 21, 4, 5, 20, 5, 160, 1, 37, 48, 9, 128, 1, 17,
    8, 9, 4, 13, 224, 1, 5, 4, 9, 12, 5, 4, 13, 232, 1, 33, 8, 9, 128, 2, 25, 8, 46, 20,
    174, 1, 8, 14, 64, 13, 4, 53, 4, 29, 16, 5, 24, 5, 12, 9, 24, 178, 1, 253, 1, 54, 5, 138,
    1, 149, 3, 218, 8, 8, 26, 8, 154, 1, 8, 26, 8, 34, 4, 6, 4, 6, 4, 6, 4, 126, 8, 214,
    1, 4, 30, 5, 6, 13, 14, 4, 30, 13, 18, 8, 26, 4, 13, 54, 13, 8, 14, 4, 30, 9, 48, 21,
    32, 9, 40, 5, 8, 5, 8, 21, 196, 1, 21, 4, 41, 4, 5, 52, 5, 64, 53, 204, 1, 133, 1, 68,
    6, 16, 6, 8, 42, 4, 6, 12, 22, 24, 6, 4, 6, 4, 6, 4, 18, 4, 26, 16, 6, 8, 18, 20,
    22, 16, 6, 68, 130, 1, 12, 10, 196, 25, 210, 1, 216, 56, 242, 3, 9, 158, 3, 24, 18, 13, 10, 48,
    154, 1, 4, 6, 20, 6, 132, 2, 5, 60, 5, 128, 3, 129, 1, 188, 1, 5, 212, 14, 5, 144, 1, 17,
    12, 21, 20, 5, 244, 2, 25, 244, 2, 13, 216, 248, 6, 5, 136, 39, 25, 184, 8, 5, 204, 1, 186, 1,
    4, 17, 4, 41, 4, 5, 114, 17, 192, 2, 9, 56, 137, 1, 186, 2, 5, 94, 13, 18, 4, 182, 2, 80,
    17, 10, 4, 9, 6, 28, 5, 12, 5, 16, 5, 100, 9, 20, 5, 220, 4, 9, 104, 73, 52, 5, 152, 1,
    33, 100, 45, 184, 1, 13, 192, 1, 5, 8, 17, 8, 9, 68, 5, 84, 9, 136, 2, 25, 8, 9, 8, 9,
    48, 5, 32, 5, 140, 1, 5, 44, 5, 204, 1, 5, 4, 13, 8, 9, 20, 9, 4, 5, 108, 5, 56, 9,
    20, 9, 4, 5, 228, 1, 174, 1, 21, 38, 13, 16, 194, 2, 148, 1, 5, 8, 5, 16, 5, 200, 248, 4,
    30, 48, 22, 24, 5, 204, 4, 69, 244, 17, 65, 12, 5, 48, 65, 136, 1, 5, 8, 5, 164, 5, 5, 28,
    5, 24, 5, 44, 5, 24, 106, 12, 5, 4, 5, 106, 84, 5, 180, 1, 9, 140, 2, 5, 84, 13, 132, 16,
    5, 136, 7, 5, 212, 4, 21, 148, 4, 194, 2, 128, 3, 146, 1, 16, 146, 1, 208, 3, 46, 4, 62, 4,
    30, 4, 10, 4, 46, 4, 62, 4, 30, 4, 10, 140, 14, 25, 4, 169, 1, 4, 37, 152, 18, 13, 4, 9,
    20, 17, 160, 1, 13, 16, 5, 148, 5, 9, 228, 12, 206, 1, 52, 206, 1, 196, 1, 17, 152, 1, 5, 4,
    90, 12, 21, 4, 5, 90, 148, 9, 9, 96, 5, 208, 1, 25, 152, 2, 45, 196, 1, 17, 236, 3, 5, 216,
    1, 61, 164, 1, 5, 8, 9, 40, 13, 196, 1, 17, 8, 9, 8, 5, 16, 5, 40, 5, 200, 1, 13, 144,
    1, 21, 4, 33, 248, 1, 5, 48, 9, 208, 1, 37, 40, 17, 8, 5, 252, 2, 13, 8, 5, 4, 9, 24,
    5, 8, 5, 244, 4, 5, 12, 33, 84, 9, 228, 1, 9, 12, 5, 148, 1, 29, 12, 21, 152, 2, 25, 52,
    5, 4, 5, 4, 5, 56, 9, 212, 2, 33, 8, 13, 4, 5, 92, 5, 208, 2, 25, 4, 5, 16, 9, 4,
    9, 184, 7, 17, 24, 9, 4, 9, 108, 9, 212, 2, 33, 8, 5, 4, 9, 168, 3, 5, 4, 5, 8, 25,
    4, 5, 148, 3, 5, 4, 5, 8, 17, 4, 21, 140, 8, 37, 4, 9, 148, 3, 130, 2, 236, 2, 9, 4,
    5, 16, 5, 192, 4, 17, 8, 9, 16, 5, 128, 1, 41, 160, 1, 25, 8, 17, 32, 5, 36, 25, 8, 13,
    184, 1, 53, 4, 9, 152, 6, 5, 4, 13, 4, 5, 164, 6, 29, 4, 25, 4, 5, 200, 2, 89, 8, 29,
    4, 9, 4, 9, 232, 3, 25, 12, 5, 4, 9, 4, 29, 4, 5, 160, 2, 9, 12, 5, 4, 5, 132, 2,
    5, 228, 8, 9, 44, 9, 208, 1, 21, 20, 5, 4, 5, 92, 5, 212, 166, 1, 69, 24, 61, 160, 230, 2,
    49, 12, 13, 128, 78, 21, 236, 1, 29, 36, 17, 240, 15, 13, 160, 1, 9, 204, 6, 130, 2, 128, 1, 102,
    8, 102, 236, 3, 5, 252, 1, 69, 128, 2, 9, 4, 9, 52, 9, 240, 255, 3, 17, 4, 29, 4, 9, 248,
    100, 9, 4, 17, 240, 146, 1, 185, 1, 8, 93, 128, 17, 13, 36, 65, 8, 29, 120, 17, 208, 4, 13, 236,
    13, 214, 2, 4, 158, 2, 4, 10, 8, 6, 8, 10, 8, 18, 4, 50, 4, 6, 4, 30, 4, 134, 2, 4,
    18, 8, 34, 4, 30, 4, 114, 4, 18, 4, 22, 4, 6, 12, 30, 4, 210, 10, 8, 102, 4, 102, 4, 126,
    4, 102, 4, 126, 4, 102, 4, 126, 4, 102, 4, 126, 4, 102, 4, 34, 208, 17, 221, 1, 16, 201, 1, 32,
    5, 56, 5, 88, 21, 4, 61, 192, 34, 42, 4, 82, 24, 26, 212, 6, 29, 4, 69, 8, 29, 4, 9, 4,
    21, 20, 249, 1, 132, 1, 5, 128, 5, 57, 192, 11, 5, 244, 1, 17, 236, 15, 21, 248, 7, 9, 204, 7,
    5, 8, 5, 28, 9, 20, 5, 36, 5, 192, 14, 29, 164, 1, 146, 2, 33, 144, 63, 106, 24, 106, 24, 106,
    196, 19, 21, 132, 224, 192, 1, 5, 120, 129, 3, 128, 4, 193, 7,
];

#[cfg(test)]
mod tables {
    use super::*;

    /// Every character, in order.
    fn chars() -> impl Iterator<Item = char> {
        (0..=u32::from(char::MAX)).filter_map(char::from_u32)
    }

    fn push_varint(out: &mut Vec<u8>, mut n: u32) {
        while n >= 0x80 {
            out.push((n & 0x7f) as u8 | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }

    /// A character's class for the sigma rule, as the standard library's `to_lowercase`
    /// shows it: after a cased `A`, `c` lets a final `Σ` see a cased letter before it when `c`
    /// is case-ignorable or cased; after an uncased `1`, only when `c` is cased and not
    /// case-ignorable.
    pub fn std_class(c: char) -> u32 {
        let final_after = |first: char| {
            [first, c, '\u{3a3}']
                .iter()
                .collect::<String>()
                .to_lowercase()
                .ends_with('\u{3c2}')
        };
        match (final_after('A'), final_after('1')) {
            (_, true) => CASED,
            (true, false) => IGNORABLE,
            (false, false) => OTHER,
        }
    }

    /// The two tables, made from the standard library.
    pub fn generate() -> (Vec<u8>, Vec<u8>) {
        // Runs of (first, count, step, offset).
        let mut runs: Vec<(u32, u32, u32, i64)> = Vec::new();
        for c in chars().filter(|c| !c.is_ascii()) {
            let mut lower = c.to_lowercase();
            let (Some(l), None) = (lower.next(), lower.next()) else {
                continue;
            };
            if l == c {
                continue;
            }
            let (n, offset) = (
                u32::from(c),
                i64::from(u32::from(l)) - i64::from(u32::from(c)),
            );
            if let Some(run) = runs.last_mut() {
                let step = n - (run.0 + (run.1 - 1) * run.2);
                // A run of one takes a step of one or two; a longer one keeps its step.
                if run.3 == offset && run.1 < 128 && (step == run.2 || (run.1 == 1 && step == 2)) {
                    run.2 = step;
                    run.1 += 1;
                    continue;
                }
            }
            runs.push((n, 1, 1, offset));
        }
        let mut mappings = Vec::new();
        let mut next = 0;
        for (first, count, step, offset) in runs {
            push_varint(&mut mappings, first - next);
            mappings.push(((count - 1) << 1 | (step - 1)) as u8);
            let offset = i32::try_from(offset).unwrap();
            push_varint(&mut mappings, ((offset << 1) ^ (offset >> 31)) as u32);
            next = first + (count - 1) * step + 1;
        }

        let mut classes = Vec::new();
        let (mut current, mut length) = (OTHER, 0u32);
        for n in 0..=u32::from(char::MAX) {
            // Surrogates are not characters; they join the run around them.
            let class = char::from_u32(n).map_or(current, std_class);
            if class != current {
                push_varint(&mut classes, length << 2 | current);
                (current, length) = (class, 0);
            }
            length += 1;
        }
        if current != OTHER {
            push_varint(&mut classes, length << 2 | current);
        }
        (mappings, classes)
    }

    /// The tables as Rust source, to paste over `MAPPINGS` and `CLASSES`.
    pub fn source(mappings: &[u8], classes: &[u8]) -> String {
        let mut out = String::new();
        for (name, bytes) in [("MAPPINGS", mappings), ("CLASSES", classes)] {
            out.push_str(&format!("#[rustfmt::skip]\nconst {name}: &[u8] = &[\n"));
            for line in bytes.chunks(24) {
                let line: Vec<String> = line.iter().map(|b| b.to_string()).collect();
                out.push_str(&format!("    {},\n", line.join(", ")));
            }
            out.push_str("];\n");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::tables::{generate, source, std_class};
    use super::*;

    #[test]
    fn the_tables_are_those_of_the_standard_library() {
        let (mappings, classes) = generate();
        assert!(
            mappings == MAPPINGS && classes == CLASSES,
            "the standard library's Unicode tables changed; the new ones are:\n{}",
            source(&mappings, &classes)
        );
    }

    #[test]
    fn every_character_lowercases_as_in_the_standard_library() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(to_lowercase(&s), s.to_lowercase(), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn the_class_table_reads_back_at_every_boundary() {
        let mut previous = None;
        for n in 0..=u32::from(char::MAX) + 1 {
            let c = char::from_u32(n);
            let class_here = c.map(std_class);
            if class_here != previous {
                // The first character of a run and the last one of the run before.
                if let Some(c) = c {
                    assert_eq!(class(c), std_class(c), "U+{n:04X}");
                }
                if let Some(before) = n.checked_sub(1).and_then(char::from_u32) {
                    assert_eq!(class(before), std_class(before), "U+{:04X}", n - 1);
                }
                previous = class_here;
            }
        }
    }

    /// Every string of up to four characters from a set that exercises the sigma rule:
    /// cased letters on both sides, case-ignorable ones between (apostrophe, combining
    /// acute, a modifier letter that is both), uncased ones, and the sigmas themselves.
    #[test]
    fn the_sigma_rule_matches_the_standard_library() {
        let set = [
            '\u{3a3}',
            '\u{3c3}',
            '\u{3c2}',
            'A',
            'a',
            '1',
            ' ',
            '\'',
            '.',
            '\u{301}',
            '\u{2b0}',
            '\u{130}',
            '\u{1c5}',
            '\u{10400}',
            '\u{5d0}',
            '\u{ad}',
        ];
        let mut strings = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| set.iter().map(move |c| format!("{s}{c}")))
                .collect();
            for s in &longer {
                assert_eq!(to_lowercase(s), s.to_lowercase(), "{s:?}");
            }
            strings = longer;
        }
    }

    #[test]
    fn long_strings_with_sigmas_and_marks() {
        for s in [
            "\u{3a3}\u{301}".repeat(500),
            "A\u{3a3}'\u{3a3}".repeat(300),
            "\u{39f}\u{394}\u{3a5}\u{3a3}\u{3a3}\u{395}\u{3a5}\u{3a3} \u{130}STANBUL \u{3a3}"
                .into(),
        ] {
            assert_eq!(to_lowercase(&s), s.to_lowercase());
        }
    }
}
