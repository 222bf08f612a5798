//! A small URL parser that follows the WHATWG URL Standard, the one browsers use.
//!
//! Why not the `url` crate: its Unicode and IDNA tables cost about 100 KB gzipped in
//! WebAssembly, several times the whole component's budget. The checks only need to see a
//! URL exactly as the browser will: the scheme, the host after percent-decoding and IPv4
//! normalisation, the port with the default dropped, the path after dot segments, and the
//! query as `URLSearchParams` decodes it. That is what this module does, and a differential
//! test (`tests/core_url_differential.rs`) holds it to the `url` crate on many inputs.
//!
//! What is deliberately left out:
//! - relative references: there is no base URL, so `/path` or `example.com` is an error,
//!   exactly as `new URL(input)` throws;
//! - IDNA: a host with non-ASCII characters keeps them, lowercased only in its ASCII part,
//!   and `Host::Domain` says so through [`Url::host_is_ascii`]. A browser would convert it
//!   to punycode; the analysis flags such hosts instead, because a configuration URL has no
//!   business containing one. Likewise, `xn--` labels are kept as they are, not validated.
//!
//! Nothing here panics: the state machine walks a `Vec<char>` with `get`, never indexing.

use super::text;

/// A parsed URL, serialised back by [`Url::href`] the way a browser's `URL.href` does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    scheme: String,
    username: String,
    password: String,
    host: Option<Host>,
    port: Option<u16>,
    path: Path,
    query: Option<String>,
    fragment: Option<String>,
}

/// A URL's host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Host {
    /// A domain of a special URL: ASCII lowercased, percent-decoded; may hold non-ASCII.
    Domain(String),
    /// An IPv4 address, from any of the forms browsers accept (`0x7f.1`, `2130706433`).
    Ipv4(u32),
    /// An IPv6 address as eight 16-bit pieces.
    Ipv6([u16; 8]),
    /// The host of a non-special URL, kept percent-encoded.
    Opaque(String),
    /// The empty host (`file:///x`).
    Empty,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Path {
    /// `javascript:alert(1)`, `mailto:x@y`: no hierarchy, kept as written (encoded).
    Opaque(String),
    /// Segments of a hierarchical path, without the slashes.
    Segments(Vec<String>),
}

/// Why a string is not a URL. Each variant names what a person would fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Nothing but spaces or control characters.
    Empty,
    /// No `scheme:` at the start (a relative URL, or a bare host name).
    MissingScheme,
    /// `https://` with nothing after it, or `https://user@` and no host.
    MissingHost,
    /// A host with a character no host may contain, or a broken percent-encoding in it.
    InvalidHost,
    /// A bracketed IPv6 address that does not parse.
    InvalidIpv6,
    /// A host that ends in a number but is not a valid IPv4 address (`1.2.3.256`).
    InvalidIpv4,
    /// A port that is not a number from 0 to 65535.
    InvalidPort,
}

impl ParseError {
    /// A short English description, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            ParseError::Empty => "it is empty",
            ParseError::MissingScheme => {
                "it does not start with a scheme such as https:// (a browser would refuse it)"
            }
            ParseError::MissingHost => "it has no host name after the scheme",
            ParseError::InvalidHost => {
                "its host name contains a character no host name may contain"
            }
            ParseError::InvalidIpv6 => "its bracketed IPv6 address is not valid",
            ParseError::InvalidIpv4 => "its host ends in a number but is not a valid IPv4 address",
            ParseError::InvalidPort => "its port is not a number from 0 to 65535",
        }
    }
}

/// Parses `input` as a browser's `new URL(input)` would, with no base URL.
pub fn parse(input: &str) -> Result<Url, ParseError> {
    Parser::new(input).run()
}

/// The schemes the standard calls special, with their default ports.
fn special_default_port(scheme: &str) -> Option<Option<u16>> {
    match scheme {
        "http" | "ws" => Some(Some(80)),
        "https" | "wss" => Some(Some(443)),
        "ftp" => Some(Some(21)),
        "file" => Some(None),
        _ => None,
    }
}

impl Url {
    /// The scheme, lowercase, without the colon.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// True for http, https, ws, wss, ftp and file.
    pub fn is_special(&self) -> bool {
        special_default_port(&self.scheme).is_some()
    }

    /// The user name part of the userinfo, percent-encoded; empty when there is none.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The password part of the userinfo, percent-encoded; empty when there is none.
    pub fn password(&self) -> &str {
        &self.password
    }

    /// True when the URL carries a user name or a password.
    pub fn has_userinfo(&self) -> bool {
        !self.username.is_empty() || !self.password.is_empty()
    }

    /// The host, if the URL has one.
    pub fn host(&self) -> Option<&Host> {
        self.host.as_ref()
    }

    /// The host serialised as in `URL.hostname` (IPv6 in brackets); empty when there is none.
    pub fn host_str(&self) -> String {
        self.host.as_ref().map(Host::serialize).unwrap_or_default()
    }

    /// False when the host is a domain with non-ASCII characters (that IDNA would convert).
    pub fn host_is_ascii(&self) -> bool {
        match &self.host {
            Some(Host::Domain(d)) => d.is_ascii(),
            _ => true,
        }
    }

    /// The port when it is not the scheme's default.
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// True when the host is a loopback address: `localhost` (or a name under it),
    /// `127.0.0.0/8` in any IPv4 form, or `[::1]`.
    pub fn is_loopback(&self) -> bool {
        match &self.host {
            Some(Host::Domain(d)) => {
                let d = d.strip_suffix('.').unwrap_or(d);
                d == "localhost" || d.ends_with(".localhost")
            }
            Some(Host::Ipv4(a)) => a >> 24 == 127,
            Some(Host::Ipv6(p)) => *p == [0, 0, 0, 0, 0, 0, 0, 1],
            _ => false,
        }
    }

    /// The path as in `URL.pathname`.
    pub fn pathname(&self) -> String {
        match &self.path {
            Path::Opaque(p) => p.clone(),
            Path::Segments(segs) => {
                let mut out = String::new();
                for s in segs {
                    out.push('/');
                    out.push_str(s);
                }
                out
            }
        }
    }

    /// The path segments (empty for an opaque path).
    pub fn path_segments(&self) -> &[String] {
        match &self.path {
            Path::Opaque(_) => &[],
            Path::Segments(s) => s,
        }
    }

    /// The query without `?`, percent-encoded as the browser sends it; `None` when absent.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }

    /// The fragment without `#`; `None` when absent.
    pub fn fragment(&self) -> Option<&str> {
        self.fragment.as_deref()
    }

    /// The query decoded as `URLSearchParams` does, in order, duplicates kept.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        self.query.as_deref().map(parse_form).unwrap_or_default()
    }

    /// `scheme://host[:port]`, the origin of a special URL other than `file:`.
    pub fn origin(&self) -> String {
        let mut out = format!("{}://{}", self.scheme, self.host_str());
        if let Some(p) = self.port {
            out.push(':');
            out.push_str(&p.to_string());
        }
        out
    }

    /// The whole URL serialised as in `URL.href`.
    pub fn href(&self) -> String {
        let mut out = String::with_capacity(64);
        out.push_str(&self.scheme);
        out.push(':');
        if let Some(host) = &self.host {
            out.push_str("//");
            if self.has_userinfo() {
                out.push_str(&self.username);
                if !self.password.is_empty() {
                    out.push(':');
                    out.push_str(&self.password);
                }
                out.push('@');
            }
            out.push_str(&host.serialize());
            if let Some(p) = self.port {
                out.push(':');
                out.push_str(&p.to_string());
            }
        } else if let Path::Segments(segs) = &self.path {
            if segs.len() > 1 && segs.first().is_some_and(String::is_empty) {
                out.push_str("/.");
            }
        }
        out.push_str(&self.pathname());
        if let Some(q) = &self.query {
            out.push('?');
            out.push_str(q);
        }
        if let Some(f) = &self.fragment {
            out.push('#');
            out.push_str(f);
        }
        out
    }
}

impl Host {
    /// The host as the browser writes it.
    pub fn serialize(&self) -> String {
        match self {
            Host::Domain(d) | Host::Opaque(d) => d.clone(),
            Host::Empty => String::new(),
            Host::Ipv4(a) => {
                let [b0, b1, b2, b3] = a.to_be_bytes();
                format!("{b0}.{b1}.{b2}.{b3}")
            }
            Host::Ipv6(p) => {
                let mut out = String::from("[");
                out.push_str(&ipv6_serialize(p));
                out.push(']');
                out
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Percent-encode sets of the standard, as predicates on a code point.

#[derive(Clone, Copy)]
enum EncodeSet {
    C0Control,
    Fragment,
    Query,
    SpecialQuery,
    Path,
    Userinfo,
}

fn in_set(c: char, set: EncodeSet) -> bool {
    let c0 = c <= '\u{1f}' || c > '~';
    let query = c0 || matches!(c, ' ' | '"' | '#' | '<' | '>');
    match set {
        EncodeSet::C0Control => c0,
        EncodeSet::Fragment => c0 || matches!(c, ' ' | '"' | '<' | '>' | '`'),
        EncodeSet::Query => query,
        EncodeSet::SpecialQuery => query || c == '\'',
        EncodeSet::Path => query || matches!(c, '?' | '^' | '`' | '{' | '}'),
        EncodeSet::Userinfo => {
            query
                || matches!(
                    c,
                    '?' | '^'
                        | '`'
                        | '{'
                        | '}'
                        | '/'
                        | ':'
                        | ';'
                        | '='
                        | '@'
                        | '['
                        | '\\'
                        | ']'
                        | '|'
                )
        }
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn push_encoded(out: &mut String, c: char, set: EncodeSet) {
    if in_set(c, set) {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            push_byte_escape(out, b);
        }
    } else {
        out.push(c);
    }
}

fn push_byte_escape(out: &mut String, b: u8) {
    out.push('%');
    out.push(char::from(HEX[usize::from(b >> 4)]));
    out.push(char::from(HEX[usize::from(b & 15)]));
}

/// Encodes `s` as JavaScript's `encodeURIComponent` does, to build a nested URL value.
pub fn encode_uri_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_ascii_alphanumeric()
            || matches!(c, '-' | '_' | '.' | '!' | '~' | '*' | '\'' | '(' | ')')
        {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                push_byte_escape(&mut out, b);
            }
        }
    }
    out
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-decodes bytes: `%XX` becomes the byte, anything else stays.
pub fn percent_decode(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let b = input.get(i).copied().unwrap_or(0);
        if b == b'%' {
            let hi = input.get(i + 1).copied().and_then(hex_val);
            let lo = input.get(i + 2).copied().and_then(hex_val);
            if let (Some(h), Some(l)) = (hi, lo) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

/// Decodes `application/x-www-form-urlencoded` as `URLSearchParams` does: `&`-separated,
/// the first `=` splits name from value, `+` is a space, then percent-decoding and UTF-8
/// decoding with replacement characters.
pub fn parse_form(input: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for part in input.split('&') {
        if part.is_empty() {
            continue;
        }
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        pairs.push((form_decode(name), form_decode(value)));
    }
    pairs
}

/// Decodes one name or value of a form-encoded string (`+` is a space).
pub fn form_decode(s: &str) -> String {
    let bytes: Vec<u8> = s
        .bytes()
        .map(|b| if b == b'+' { b' ' } else { b })
        .collect();
    String::from_utf8_lossy(&percent_decode(&bytes)).into_owned()
}

// ---------------------------------------------------------------------------------------
// The state machine.

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    SchemeStart,
    Scheme,
    SpecialAuthoritySlashes,
    PathOrAuthority,
    SpecialAuthorityIgnoreSlashes,
    Authority,
    Host,
    Port,
    File,
    FileSlash,
    FileHost,
    PathStart,
    Path,
    OpaquePath,
    Query,
    Fragment,
}

struct Parser {
    input: Vec<char>,
    url: Url,
    buffer: String,
    special: bool,
}

fn is_windows_drive_letter(s: &str, normalized_only: bool) -> bool {
    let mut it = s.chars();
    match (it.next(), it.next(), it.next()) {
        (Some(a), Some(b), None) => {
            a.is_ascii_alphabetic() && (b == ':' || (!normalized_only && b == '|'))
        }
        _ => false,
    }
}

fn is_single_dot(s: &str) -> bool {
    s == "." || s.eq_ignore_ascii_case("%2e")
}

fn is_double_dot(s: &str) -> bool {
    matches!(
        s.to_ascii_lowercase().as_str(),
        ".." | ".%2e" | "%2e." | "%2e%2e"
    )
}

impl Parser {
    fn new(input: &str) -> Parser {
        let trimmed = input.trim_matches(|c: char| c <= ' ');
        let input = trimmed
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        Parser {
            input,
            url: Url {
                scheme: String::new(),
                username: String::new(),
                password: String::new(),
                host: None,
                port: None,
                path: Path::Segments(Vec::new()),
                query: None,
                fragment: None,
            },
            buffer: String::new(),
            special: false,
        }
    }

    fn segments(&mut self) -> Option<&mut Vec<String>> {
        match &mut self.url.path {
            Path::Segments(s) => Some(s),
            Path::Opaque(_) => None,
        }
    }

    fn shorten_path(&mut self) {
        let is_file = self.url.scheme == "file";
        if let Some(segs) = self.segments() {
            if is_file
                && segs.len() == 1
                && segs
                    .first()
                    .is_some_and(|s| is_windows_drive_letter(s, true))
            {
                return;
            }
            segs.pop();
        }
    }

    fn run(mut self) -> Result<Url, ParseError> {
        if self.input.is_empty() {
            return Err(ParseError::Empty);
        }
        let mut state = State::SchemeStart;
        let mut at_sign_seen = false;
        let mut inside_brackets = false;
        let mut password_token_seen = false;
        // `pointer` may step one before the start: it is an isize for that reason.
        let mut pointer: isize = 0;
        let len = self.input.len() as isize;

        loop {
            let c: Option<char> = usize::try_from(pointer)
                .ok()
                .and_then(|p| self.input.get(p))
                .copied();
            let rest = |p: isize| -> &[char] {
                let start = usize::try_from(p + 1).unwrap_or(0);
                self.input.get(start..).unwrap_or(&[])
            };
            match state {
                State::SchemeStart => match c {
                    Some(ch) if ch.is_ascii_alphabetic() => {
                        self.buffer.push(ch.to_ascii_lowercase());
                        state = State::Scheme;
                    }
                    _ => return Err(ParseError::MissingScheme),
                },
                State::Scheme => match c {
                    Some(ch) if ch.is_ascii_alphanumeric() || matches!(ch, '+' | '-' | '.') => {
                        self.buffer.push(ch.to_ascii_lowercase());
                    }
                    Some(':') => {
                        self.url.scheme = std::mem::take(&mut self.buffer);
                        self.special = special_default_port(&self.url.scheme).is_some();
                        if self.url.scheme == "file" {
                            state = State::File;
                        } else if self.special {
                            state = State::SpecialAuthoritySlashes;
                        } else if rest(pointer).first() == Some(&'/') {
                            state = State::PathOrAuthority;
                            pointer += 1;
                        } else {
                            self.url.path = Path::Opaque(String::new());
                            state = State::OpaquePath;
                        }
                    }
                    // Without a base URL, "no scheme" always fails.
                    _ => return Err(ParseError::MissingScheme),
                },
                State::SpecialAuthoritySlashes => {
                    state = State::SpecialAuthorityIgnoreSlashes;
                    if !(c == Some('/') && rest(pointer).first() == Some(&'/')) {
                        pointer -= 1;
                    } else {
                        pointer += 1;
                    }
                }
                State::PathOrAuthority => {
                    if c == Some('/') {
                        state = State::Authority;
                    } else {
                        state = State::Path;
                        pointer -= 1;
                    }
                }
                State::SpecialAuthorityIgnoreSlashes => {
                    if !matches!(c, Some('/') | Some('\\')) {
                        state = State::Authority;
                        pointer -= 1;
                    }
                }
                State::Authority => {
                    let end = match c {
                        None | Some('/') | Some('?') | Some('#') => true,
                        Some('\\') => self.special,
                        _ => false,
                    };
                    if c == Some('@') {
                        if at_sign_seen {
                            self.buffer.insert_str(0, "%40");
                        }
                        at_sign_seen = true;
                        let buffer = std::mem::take(&mut self.buffer);
                        for ch in buffer.chars() {
                            if ch == ':' && !password_token_seen {
                                password_token_seen = true;
                                continue;
                            }
                            let target = if password_token_seen {
                                &mut self.url.password
                            } else {
                                &mut self.url.username
                            };
                            push_encoded(target, ch, EncodeSet::Userinfo);
                        }
                    } else if end {
                        if at_sign_seen && self.buffer.is_empty() {
                            return Err(ParseError::MissingHost);
                        }
                        pointer -= self.buffer.chars().count() as isize + 1;
                        self.buffer.clear();
                        state = State::Host;
                    } else if let Some(ch) = c {
                        self.buffer.push(ch);
                    }
                }
                State::Host => {
                    let end = match c {
                        None | Some('/') | Some('?') | Some('#') => true,
                        Some('\\') => self.special,
                        _ => false,
                    };
                    if c == Some(':') && !inside_brackets {
                        if self.buffer.is_empty() {
                            return Err(ParseError::MissingHost);
                        }
                        let host = parse_host(&self.buffer, !self.special)?;
                        self.url.host = Some(host);
                        self.buffer.clear();
                        state = State::Port;
                    } else if end {
                        pointer -= 1;
                        if self.special && self.buffer.is_empty() {
                            return Err(ParseError::MissingHost);
                        }
                        let host = parse_host(&self.buffer, !self.special)?;
                        self.url.host = Some(host);
                        self.buffer.clear();
                        state = State::PathStart;
                    } else if let Some(ch) = c {
                        if ch == '[' {
                            inside_brackets = true;
                        } else if ch == ']' {
                            inside_brackets = false;
                        }
                        self.buffer.push(ch);
                    }
                }
                State::Port => match c {
                    Some(ch) if ch.is_ascii_digit() => self.buffer.push(ch),
                    None | Some('/') | Some('?') | Some('#') => {
                        self.finish_port()?;
                        state = State::PathStart;
                        pointer -= 1;
                    }
                    Some('\\') if self.special => {
                        self.finish_port()?;
                        state = State::PathStart;
                        pointer -= 1;
                    }
                    _ => return Err(ParseError::InvalidPort),
                },
                State::File => {
                    self.url.host = Some(Host::Empty);
                    if matches!(c, Some('/') | Some('\\')) {
                        state = State::FileSlash;
                    } else {
                        state = State::Path;
                        pointer -= 1;
                    }
                }
                State::FileSlash => {
                    if matches!(c, Some('/') | Some('\\')) {
                        state = State::FileHost;
                    } else {
                        state = State::Path;
                        pointer -= 1;
                    }
                }
                State::FileHost => {
                    if matches!(c, None | Some('/') | Some('\\') | Some('?') | Some('#')) {
                        pointer -= 1;
                        if is_windows_drive_letter(&self.buffer, false) {
                            // The drive letter quirk: the buffer becomes the first segment.
                            state = State::Path;
                        } else if self.buffer.is_empty() {
                            self.url.host = Some(Host::Empty);
                            state = State::PathStart;
                        } else {
                            let mut host = parse_host(&self.buffer, false)?;
                            if host == Host::Domain("localhost".into()) {
                                host = Host::Empty;
                            }
                            self.url.host = Some(host);
                            self.buffer.clear();
                            state = State::PathStart;
                        }
                    } else if let Some(ch) = c {
                        self.buffer.push(ch);
                    }
                }
                State::PathStart => {
                    if self.special {
                        state = State::Path;
                        if !matches!(c, Some('/') | Some('\\')) {
                            pointer -= 1;
                        }
                    } else if c == Some('?') {
                        self.url.query = Some(String::new());
                        state = State::Query;
                    } else if c == Some('#') {
                        self.url.fragment = Some(String::new());
                        state = State::Fragment;
                    } else if c.is_some() {
                        state = State::Path;
                        if c != Some('/') {
                            pointer -= 1;
                        }
                    }
                }
                State::Path => {
                    let slash = c == Some('/') || (self.special && c == Some('\\'));
                    if c.is_none() || slash || c == Some('?') || c == Some('#') {
                        let buffer = std::mem::take(&mut self.buffer);
                        if is_double_dot(&buffer) {
                            self.shorten_path();
                            if !slash {
                                if let Some(segs) = self.segments() {
                                    segs.push(String::new());
                                }
                            }
                        } else if is_single_dot(&buffer) {
                            if !slash {
                                if let Some(segs) = self.segments() {
                                    segs.push(String::new());
                                }
                            }
                        } else {
                            let is_file = self.url.scheme == "file";
                            let mut buffer = buffer;
                            if let Some(segs) = self.segments() {
                                if is_file
                                    && segs.is_empty()
                                    && is_windows_drive_letter(&buffer, false)
                                {
                                    // `C|` becomes `C:`: two one-byte characters.
                                    buffer.truncate(1);
                                    buffer.push(':');
                                }
                                segs.push(buffer);
                            }
                        }
                        if c == Some('?') {
                            self.url.query = Some(String::new());
                            state = State::Query;
                        } else if c == Some('#') {
                            self.url.fragment = Some(String::new());
                            state = State::Fragment;
                        }
                    } else if let Some(ch) = c {
                        push_encoded(&mut self.buffer, ch, EncodeSet::Path);
                    }
                }
                State::OpaquePath => match c {
                    Some('?') => {
                        self.url.query = Some(String::new());
                        state = State::Query;
                    }
                    Some('#') => {
                        self.url.fragment = Some(String::new());
                        state = State::Fragment;
                    }
                    Some(ch) => {
                        // A space stays a space, as in the `url` crate and today's browsers; a
                        // newer revision of the standard encodes one just before `?` or `#`.
                        if let Path::Opaque(p) = &mut self.url.path {
                            push_encoded(p, ch, EncodeSet::C0Control);
                        }
                    }
                    None => {}
                },
                State::Query => {
                    if c.is_none() || c == Some('#') {
                        let set = if self.special {
                            EncodeSet::SpecialQuery
                        } else {
                            EncodeSet::Query
                        };
                        let buffer = std::mem::take(&mut self.buffer);
                        if let Some(q) = &mut self.url.query {
                            for ch in buffer.chars() {
                                push_encoded(q, ch, set);
                            }
                        }
                        if c == Some('#') {
                            self.url.fragment = Some(String::new());
                            state = State::Fragment;
                        }
                    } else if let Some(ch) = c {
                        self.buffer.push(ch);
                    }
                }
                State::Fragment => {
                    if let (Some(ch), Some(f)) = (c, &mut self.url.fragment) {
                        push_encoded(f, ch, EncodeSet::Fragment);
                    }
                }
            }
            if pointer >= len {
                break;
            }
            pointer += 1;
        }
        if self.url.host.is_none() && self.special {
            // Unreachable for valid input (special URLs always reach the host state), but a
            // special URL without a host must never be returned.
            return Err(ParseError::MissingHost);
        }
        Ok(self.url)
    }

    fn finish_port(&mut self) -> Result<(), ParseError> {
        if !self.buffer.is_empty() {
            let mut port: u32 = 0;
            for b in self.buffer.bytes() {
                port = port * 10 + u32::from(b - b'0');
                if port > 65535 {
                    return Err(ParseError::InvalidPort);
                }
            }
            let port = u16::try_from(port).map_err(|_| ParseError::InvalidPort)?;
            let default = special_default_port(&self.url.scheme).flatten();
            self.url.port = if default == Some(port) {
                None
            } else {
                Some(port)
            };
            self.buffer.clear();
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Hosts.

fn is_forbidden_host_char(c: char) -> bool {
    matches!(
        c,
        '\0' | '\t'
            | '\n'
            | '\r'
            | ' '
            | '#'
            | '/'
            | ':'
            | '<'
            | '>'
            | '?'
            | '@'
            | '['
            | '\\'
            | ']'
            | '^'
            | '|'
    )
}

fn is_forbidden_domain_char(c: char) -> bool {
    is_forbidden_host_char(c) || c <= '\u{1f}' || c == '%' || c == '\u{7f}'
}

fn parse_host(input: &str, opaque: bool) -> Result<Host, ParseError> {
    if let Some(inner) = input.strip_prefix('[') {
        let inner = inner.strip_suffix(']').ok_or(ParseError::InvalidIpv6)?;
        return parse_ipv6(inner)
            .map(Host::Ipv6)
            .ok_or(ParseError::InvalidIpv6);
    }
    if opaque {
        if input.chars().any(is_forbidden_host_char) {
            return Err(ParseError::InvalidHost);
        }
        let mut out = String::with_capacity(input.len());
        for c in input.chars() {
            push_encoded(&mut out, c, EncodeSet::C0Control);
        }
        return Ok(Host::Opaque(out));
    }
    let decoded = percent_decode(input.as_bytes());
    let domain = String::from_utf8_lossy(&decoded);
    // What IDNA would refuse outright in ASCII-only input, and what decoding cannot repair.
    if text::has(&domain, '\u{fffd}') || domain.is_empty() {
        return Err(ParseError::InvalidHost);
    }
    let ascii_lower: String = domain.chars().map(|c| c.to_ascii_lowercase()).collect();
    if ascii_lower.chars().any(is_forbidden_domain_char) {
        return Err(ParseError::InvalidHost);
    }
    if ends_in_a_number(&ascii_lower) {
        return parse_ipv4(&ascii_lower)
            .map(Host::Ipv4)
            .ok_or(ParseError::InvalidIpv4);
    }
    Ok(Host::Domain(ascii_lower))
}

fn ends_in_a_number(domain: &str) -> bool {
    let mut parts: Vec<&str> = domain.split('.').collect();
    if parts.last() == Some(&"") {
        if parts.len() == 1 {
            return false;
        }
        parts.pop();
    }
    let Some(last) = parts.last() else {
        return false;
    };
    if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    parse_ipv4_number(last).is_some()
}

/// One part of an IPv4 address: decimal, `0x` hexadecimal or `0` octal. Saturates far
/// above `u32::MAX`, which every caller refuses.
fn parse_ipv4_number(part: &str) -> Option<u64> {
    if part.is_empty() {
        return None;
    }
    let (digits, radix) =
        if let Some(h) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
            (h, 16)
        } else if part.len() >= 2 && part.starts_with('0') {
            (part.get(1..).unwrap_or(""), 8)
        } else {
            (part, 10)
        };
    let mut value: u64 = 0;
    for c in digits.chars() {
        let d = c.to_digit(radix)?;
        value = value
            .saturating_mul(u64::from(radix))
            .saturating_add(u64::from(d));
    }
    Some(value.min(1 << 40))
}

fn parse_ipv4(domain: &str) -> Option<u32> {
    let mut parts: Vec<&str> = domain.split('.').collect();
    if parts.last() == Some(&"") && parts.len() > 1 {
        parts.pop();
    }
    if parts.len() > 4 {
        return None;
    }
    let mut numbers = Vec::with_capacity(4);
    for p in &parts {
        numbers.push(parse_ipv4_number(p)?);
    }
    let (&last, init) = numbers.split_last()?;
    if init.iter().any(|&n| n > 255) {
        return None;
    }
    let limit = 1u64 << (8 * (5 - numbers.len() as u64));
    if last >= limit {
        return None;
    }
    let mut ipv4 = last;
    for (i, n) in init.iter().enumerate() {
        ipv4 += n << (8 * (3 - i as u64));
    }
    u32::try_from(ipv4).ok()
}

fn parse_ipv6(input: &str) -> Option<[u16; 8]> {
    let s: Vec<char> = input.chars().collect();
    let at = |i: usize| s.get(i).copied();
    let mut address = [0u16; 8];
    let mut piece: usize = 0;
    let mut compress: Option<usize> = None;
    let mut p: usize = 0;
    if at(0) == Some(':') {
        if at(1) != Some(':') {
            return None;
        }
        p += 2;
        piece += 1;
        compress = Some(piece);
    }
    while at(p).is_some() {
        if piece == 8 {
            return None;
        }
        if at(p) == Some(':') {
            if compress.is_some() {
                return None;
            }
            p += 1;
            piece += 1;
            compress = Some(piece);
            continue;
        }
        let mut value: u32 = 0;
        let mut length = 0;
        while length < 4 {
            match at(p).and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    value = value * 16 + d;
                    p += 1;
                    length += 1;
                }
                None => break,
            }
        }
        if at(p) == Some('.') {
            if length == 0 {
                return None;
            }
            p -= length;
            if piece > 6 {
                return None;
            }
            let mut numbers_seen = 0;
            while at(p).is_some() {
                let mut ipv4_piece: Option<u32> = None;
                if numbers_seen > 0 {
                    if at(p) == Some('.') && numbers_seen < 4 {
                        p += 1;
                    } else {
                        return None;
                    }
                }
                at(p).filter(char::is_ascii_digit)?;
                while let Some(d) = at(p).and_then(|c| c.to_digit(10)) {
                    match ipv4_piece {
                        None => ipv4_piece = Some(d),
                        Some(0) => return None,
                        Some(v) => ipv4_piece = Some(v * 10 + d),
                    }
                    if ipv4_piece.unwrap_or(0) > 255 {
                        return None;
                    }
                    p += 1;
                }
                let slot = address.get_mut(piece)?;
                *slot = slot
                    .wrapping_mul(0x100)
                    .wrapping_add(ipv4_piece.unwrap_or(0) as u16);
                numbers_seen += 1;
                if numbers_seen == 2 || numbers_seen == 4 {
                    piece += 1;
                }
            }
            if numbers_seen != 4 {
                return None;
            }
            break;
        } else if at(p) == Some(':') {
            p += 1;
            at(p)?;
        } else if at(p).is_some() {
            return None;
        }
        *address.get_mut(piece)? = value as u16;
        piece += 1;
    }
    if let Some(compress) = compress {
        let mut swaps = piece - compress;
        piece = 7;
        while piece != 0 && swaps > 0 {
            address.swap(piece, compress + swaps - 1);
            piece -= 1;
            swaps -= 1;
        }
    } else if piece != 8 {
        return None;
    }
    Some(address)
}

fn ipv6_serialize(p: &[u16; 8]) -> String {
    // The first longest run of two or more zero pieces is written as "::".
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < 8 {
        if p.get(i) == Some(&0) {
            let start = i;
            while p.get(i) == Some(&0) {
                i += 1;
            }
            let len = i - start;
            if len > 1 && best.map_or(true, |(_, l)| len > l) {
                best = Some((start, len));
            }
        } else {
            i += 1;
        }
    }
    let mut out = String::new();
    let mut ignore0 = false;
    for (i, piece) in p.iter().enumerate() {
        if ignore0 && *piece == 0 {
            continue;
        }
        ignore0 = false;
        if let Some((start, _)) = best {
            if start == i {
                out.push_str(if i == 0 { "::" } else { ":" });
                ignore0 = true;
                continue;
            }
        }
        out.push_str(&format!("{piece:x}"));
        if i != 7 {
            out.push(':');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn href(s: &str) -> String {
        parse(s)
            .map(|u| u.href())
            .unwrap_or_else(|e| format!("ERR {e:?}"))
    }

    #[test]
    fn basics() {
        assert_eq!(
            href("  HTTPS://Example.COM:443/a/./b/../c?x=1#f "),
            "https://example.com/a/c?x=1#f"
        );
        assert_eq!(href("http://0x7f.1/"), "http://127.0.0.1/");
        assert_eq!(href("http://2130706433"), "http://127.0.0.1/");
        assert_eq!(href("http://[::1]:8080"), "http://[::1]:8080/");
        assert_eq!(href("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(href("https://a\\b"), "https://a/b");
        assert_eq!(href("https://u:p@h"), "https://u:p@h/");
        assert_eq!(href("https://h:99999"), "ERR InvalidPort");
        assert_eq!(href("https://1.2.3.256"), "ERR InvalidIpv4");
        assert_eq!(href("/relative"), "ERR MissingScheme");
        assert_eq!(href("https://ex%41mple.com"), "https://example.com/");
        assert_eq!(href("file:///C:/x/../.."), "file:///C:/");
        assert_eq!(href("file:///C|/x"), "file:///C:/x");
        assert_eq!(href("file:c|/a/../.."), "file:///c:/");
    }
}
