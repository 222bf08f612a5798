//! The URL parser against the `url` crate, which implements the same WHATWG standard.
//!
//! Both must accept and refuse the same inputs and serialise accepted ones to the same
//! `href`. The only difference allowed is the one the parser documents: it does not apply
//! IDNA, so a host with non-ASCII characters or an `xn--` label is compared on acceptance
//! only where IDNA could not have changed the outcome.
#![cfg(not(target_arch = "wasm32"))]

use connect_softphone::core::url::{self, encode_uri_component, parse_form};

/// Where the `url` crate (2.5) and the standard's text part ways, the parser follows the
/// standard, and the comparison is on acceptance only:
/// - `file:` URLs (refused by every check): the crate keeps `C|` drive letters and drops an
///   empty first segment (`file:.//p`);
/// - a path segment that looks like a Windows drive letter (`C:`, `x|`) in a `..` path: the
///   crate will not remove it, whatever the scheme;
/// - an empty host after userinfo in a non-special URL (`sc://:@#x`): the standard refuses
///   it ("host-missing"), the crate accepts it.
const SPECIAL: [&str; 6] = ["http", "https", "ws", "wss", "ftp", "file"];

fn known_deviation(input: &str, ours: &url::Url) -> bool {
    let lower = input.to_ascii_lowercase();
    let dotted = lower.contains("..") || lower.contains("%2e");
    let drive_like = lower.split(['/', '\\']).any(|seg| {
        seg.len() >= 2
            && seg.as_bytes()[0].is_ascii_alphabetic()
            && matches!(seg.as_bytes()[1], b':' | b'|')
    });
    ours.scheme() == "file" || (dotted && drive_like)
}

/// What the comparison found for one input; `None` means the parsers agree.
fn disagreement(input: &str) -> Option<String> {
    let ours = url::parse(input);
    let theirs = ::url::Url::parse(input);
    let idna_host = |u: &url::Url| !u.host_is_ascii() || u.host_str().contains("xn--");
    match (&ours, &theirs) {
        (Ok(o), Ok(t)) => {
            if idna_host(o) || o.href() == t.as_str() || known_deviation(input, o) {
                None
            } else {
                Some(format!("ours {} / url crate {}", o.href(), t.as_str()))
            }
        }
        (Err(_), Err(_)) => None,
        (Ok(o), Err(e)) => {
            if idna_host(o) {
                None
            } else {
                Some(format!(
                    "ours accepts {} / url crate refuses: {e}",
                    o.href()
                ))
            }
        }
        (Err(url::ParseError::MissingHost), Ok(t))
            if !SPECIAL.contains(&t.scheme()) && t.host_str().unwrap_or("").is_empty() =>
        {
            None
        }
        (Err(e), Ok(t)) => Some(format!(
            "ours refuses ({e:?}) / url crate accepts {}",
            t.as_str()
        )),
    }
}

fn check_all(inputs: &[String]) {
    let mut failures = Vec::new();
    for input in inputs {
        if let Some(why) = disagreement(input) {
            failures.push(format!("{input:?}: {why}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} inputs disagree, first ones:\n{}",
        failures.len(),
        inputs.len(),
        failures
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

const HAND_PICKED: &[&str] = &[
    // Plain, realistic configuration URLs.
    "https://example.my.connect.aws",
    "https://example.my.connect.aws/ccp-v2/",
    "https://EXAMPLE.My.Connect.AWS/ccp-v2",
    "https://example.awsapps.com/connect/ccp-v2/",
    "https://example.awsapps.com/connect/",
    "https://example.govcloud.connect.aws/agent-app-v2/",
    "https://acme.okta.com/app/amazon_aws/exk1a2b3c4/sso/saml?RelayState=https%3A%2F%2Fus-east-1.console.aws.amazon.com%2Fconnect%2Ffederate%2F0a1b2c3d-1111-2222-3333-444455556666%3Fdestination%3D%252Fccp-v2",
    "https://acme.okta.com/app/amazon_aws/exk1/sso/saml?RelayState=https://us-east-1.console.aws.amazon.com/connect/federate/abc?destination=%2Fccp-v2&new_domain=true",
    "https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx?RelayState=RPID%3Durn%253Aamazon%253Awebservices%26RelayState%3Dhttps%253A%252F%252Fconsole.aws.amazon.com",
    "https://pf.acme.com/idp/startSSO.ping?PartnerSpId=urn:amazon:webservices&TargetResource=https%3A%2F%2Fx",
    "https://d-1234567890.awsapps.com/start/#/saml/default/Connect/ins-abc",
    "https://launcher.myapps.microsoft.com/api/signin/1234?tenantId=5678",
    "http://127.0.0.1:8081/app/amazon_aws/local/sso/saml",
    "http://localhost:8080/",
    "http://[::1]:9000/x",
    "http://LOCALHOST./",
    // Schemes.
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)//",
    "data:text/html,<script>alert(1)</script>",
    "data:,Hello%2C%20World!",
    "mailto:someone@example.com?subject=hi there",
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "file:///C:/Windows/../x",
    "file:c:\\foo\\bar",
    "file://host/share",
    "file:///C|/x",
    "vbscript:msgbox",
    "about:blank",
    "blob:https://example.com/uuid",
    "ws://example.com:80/x",
    "wss://example.com:443/x",
    "ftp://example.com:21/x",
    "foo://user:pass@host:99/p?q#f",
    "foo:/a/b/../c",
    "foo:/.//p",
    "foo://",
    "foo:",
    "foo://host/a b",
    "non-spec:/..//p",
    "sc://ñ/x",
    "sc://%/",
    "sc://@/",
    "sc://te@s:t@/",
    "sc://:/",
    "sc://:12/",
    "sc:\\../",
    "sc::a@example.net",
    "sc:/../path",
    "sc:opaque path ?q",
    "sc:opaque path #f",
    "sc:space  ",
    // Whitespace and controls.
    "  https://example.com  ",
    "\u{0}\u{1f} https://example.com/\u{0}",
    "ht\ttps://exa\nmple.com/\r",
    "https://example.com/a\tb",
    "https://exa mple.com",
    "https://example.com/ a",
    // Userinfo.
    "https://user@example.com",
    "https://user:pass@example.com",
    "https://:pass@example.com",
    "https://user:@example.com",
    "https://@example.com",
    "https://a@b@c/",
    "https://a:b:c@d/",
    "https://u%20ser:p@ss@host",
    "https://user@",
    "https://user@/x",
    "https://a b@c",
    // Hosts.
    "https://EXAMPLE.com",
    "https://ex%41mple.com",
    "https://ex%2Fample.com",
    "https://ex%25ample.com",
    "https://ex%zzample.com",
    "https://%",
    "https://a%00b",
    "https://a<b",
    "https://a^b",
    "https://a|b",
    "https://a*b",
    "https://a_b.com",
    "https://a..b",
    "https://.",
    "https://..",
    "https://.a",
    "https://a.",
    "https://xn--nxasmq6b.com",
    "https://xn--a.com",
    "https://bücher.example",
    "https://оkta.com",
    "https://ｅｘａｍｐｌｅ.com",
    "https://example。com",
    "https://[::1]",
    "https://[::]",
    "https://[1:2:3:4:5:6:7:8]",
    "https://[1:2:3:4:5:6:7:8:9]",
    "https://[1::2::3]",
    "https://[::ffff:127.0.0.1]",
    "https://[::127.0.0.1.]",
    "https://[0:0:0:0:0:0:0:1]",
    "https://[1:0:0:2:0:0:0:3]",
    "https://[1:0::0:2]",
    "https://[::1",
    "https://::1]",
    "https://[:1]",
    "https://[1:]",
    "https://[g::1]",
    "https://[12345::1]",
    "https://[::1.2.3]",
    "https://[::1.2.3.4.5]",
    "https://[::01.2.3.4]",
    "https://[::256.2.3.4]",
    "https://[1:2:3:4:5:6:7:1.2.3.4]",
    "https://[1:2:3:4:5:6:1.2.3.4]",
    "https://[v1.x]",
    "https://[::1]x",
    "https://127.0.0.1",
    "https://127.1",
    "https://127.0.1",
    "https://0x7f.1",
    "https://0x7F.0.0.1",
    "https://0177.0.0.1",
    "https://2130706433",
    "https://4294967295",
    "https://4294967296",
    "https://0x100000000",
    "https://256.0.0.1",
    "https://1.2.3.256",
    "https://1.2.65536",
    "https://1.2.3.4.5",
    "https://1.2.3.4.",
    "https://1.2.3.4..",
    "https://1..2",
    "https://0x",
    "https://0x.0x.0",
    "https://09",
    "https://08.1",
    "https://1.2.3.09",
    "https://a.1",
    "https://1.a",
    "https://a.0x1",
    "https://a.0xg",
    "https://999999999999999999999",
    "https://1.99999999999999999999",
    "https://example.com.0x",
    // Ports.
    "https://example.com:443",
    "https://example.com:0443",
    "https://example.com:80",
    "http://example.com:80",
    "http://example.com:443",
    "https://example.com:",
    "https://example.com:65535",
    "https://example.com:65536",
    "https://example.com:99999999999999999999",
    "https://example.com:8a",
    "https://example.com:-1",
    "https://:443",
    "https://example.com:8080:9090",
    // Paths.
    "https://h/a/./b/../c",
    "https://h/a/%2e/b/%2E%2e/c",
    "https://h/..",
    "https://h/../../x",
    "https://h/a/..",
    "https://h/a/.",
    "https://h/.//x",
    "https://h\\a\\b",
    "https://h/a b/<c>/\"d\"/{e}/^f^/`g`/|h|",
    "https://h/é",
    "https://h/%zz",
    "https://h/?",
    "https://h/#",
    "https://h?q",
    "https://h#f",
    "https:h",
    "https:/h",
    "https:///h",
    "https:\\\\h",
    "https:////h/x",
    "https://h:8080\\x",
    // Queries and fragments.
    "https://h/?a=1&b=2&a=3",
    "https://h/?q=a b'c\"d<e>f`g",
    "https://h/?q=é&r=%C3%A9",
    "https://h/?q=#f",
    "https://h/#a b\"c<d>e`f'g",
    "https://h/#f#g",
    "https://h/?q?r",
    "sc://h/?q='x'",
    // Not URLs.
    "",
    "   ",
    "/relative/path",
    "example.my.connect.aws",
    "//example.com",
    "1http://x",
    "-foo:x",
    "http",
    "http:",
    "https:",
    "https://",
    "https:///",
    "https://?",
    "https://#",
];

#[test]
fn hand_picked_inputs_agree_with_the_url_crate() {
    let inputs: Vec<String> = HAND_PICKED.iter().map(|s| s.to_string()).collect();
    check_all(&inputs);
}

/// A small deterministic generator (xorshift64*), so a failure reproduces from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SCHEMES: &[&str] = &[
    "https:",
    "http:",
    "HTTPS:",
    "ws:",
    "wss:",
    "ftp:",
    "file:",
    "sc:",
    "javascript:",
    "data:",
    "mailto:",
    "h",
    "",
];
const SLASHES: &[&str] = &["//", "//", "//", "/", "", "\\\\", "///", "/\\", " //"];
const USERINFO: &[&str] = &[
    "", "", "", "", "u@", "u:p@", ":@", "@", "a@b@", "u%40:p@", "ü@",
];
const HOSTS: &[&str] = &[
    "example.com",
    "EXAMPLE.com",
    "acme.okta.com",
    "x.my.connect.aws",
    "127.0.0.1",
    "127.1",
    "0x7f.1",
    "2130706433",
    "0177.0.0.01",
    "1.2.3.256",
    "4294967296",
    "[::1]",
    "[::ffff:1.2.3.4]",
    "[1::2:3]",
    "[::1",
    "localhost",
    "LocalHost.",
    "a..b",
    "%41b",
    "%2e",
    "a%2fb",
    "a%",
    "",
    " ",
    "a b",
    "a_b",
    "a*b",
    "xn--p1ai",
    "1.2.3.4.5",
    "1.0x",
    "0x",
];
const PORTS: &[&str] = &[
    "", "", "", ":", ":443", ":80", ":8080", ":0", ":65536", ":x", ":0080",
];
const PATHS: &[&str] = &[
    "",
    "/",
    "/connect",
    "/ccp-v2/",
    "/a/./b/../c",
    "/..",
    "/%2e%2E/",
    "/a b",
    "\\x\\y",
    "/é",
    "/{}^`",
    "/.//",
    "/C:/x/..",
    "/C|",
    "x",
    "?",
    "/%zz",
];
const QUERIES: &[&str] = &[
    "",
    "",
    "?",
    "?a=1&b=2",
    "?RelayState=https://us-east-1.console.aws.amazon.com/connect/federate/id?destination=%2Fccp-v2&new_domain=true",
    "?q='\"<>` é",
    "?a+b=c%20d",
    "??",
];
const FRAGMENTS: &[&str] = &["", "", "#", "#f", "#a b`\"<>", "#/saml/default/x", "##"];

fn generated(seed: u64, count: usize) -> Vec<String> {
    let mut rng = Rng(seed);
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let mut s = String::new();
        s.push_str(rng.pick(SCHEMES));
        s.push_str(rng.pick(SLASHES));
        s.push_str(rng.pick(USERINFO));
        s.push_str(rng.pick(HOSTS));
        s.push_str(rng.pick(PORTS));
        s.push_str(rng.pick(PATHS));
        s.push_str(rng.pick(QUERIES));
        s.push_str(rng.pick(FRAGMENTS));
        // Now and then, a character inserted, removed or replaced at random.
        for _ in 0..rng.below(3) {
            let chars: Vec<char> = s.chars().collect();
            let at = rng.below(chars.len() + 1);
            let extra = [
                '/', '\\', ':', '@', '.', '%', '?', '#', '[', ']', ' ', '\t', '\u{0}', '0', 'x',
                'é', '\u{7f}', '|', '^',
            ];
            let c = extra[rng.below(extra.len())];
            let mut chars = chars;
            match rng.below(3) {
                0 => chars.insert(at, c),
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                _ if at < chars.len() => chars[at] = c,
                _ => chars.push(c),
            }
            s = chars.into_iter().collect();
        }
        out.push(s);
    }
    out
}

#[test]
fn generated_inputs_agree_with_the_url_crate() {
    check_all(&generated(0x5eed_0001, 100_000));
}

#[test]
fn random_printable_strings_agree_with_the_url_crate() {
    let mut rng = Rng(0x5eed_0002);
    let alphabet: Vec<char> = "htps:/\\@[]:.%0123456789abcdefx?#& \téü-+"
        .chars()
        .collect();
    let inputs: Vec<String> = (0..30_000)
        .map(|_| {
            let len = rng.below(24);
            let mut s = String::from(if rng.below(2) == 0 { "https://" } else { "" });
            for _ in 0..len {
                s.push(alphabet[rng.below(alphabet.len())]);
            }
            s
        })
        .collect();
    check_all(&inputs);
}

#[test]
fn query_pairs_decode_like_url_search_params() {
    let queries = [
        "a=1&b=2",
        "a+b=c+d",
        "a=%2F%2f%zz%",
        "=x&y=&&z",
        "RelayState=https%3A%2F%2Fx%3Fdestination%3D%252Fccp-v2",
        "q=%C3%A9%FF",
        "a=b=c",
    ];
    for q in queries {
        let ours = parse_form(q);
        let theirs: Vec<(String, String)> = ::url::form_urlencoded::parse(q.as_bytes())
            .map(|(a, b)| (a.into_owned(), b.into_owned()))
            .collect();
        assert_eq!(ours, theirs, "query {q:?}");
    }
}

#[test]
fn encode_uri_component_round_trips_through_the_form_decoder() {
    for s in [
        "https://x/federate/id?destination=%2Fccp-v2&new_domain=true",
        "a b+c",
        "é/#?&=",
    ] {
        let enc = encode_uri_component(s);
        assert!(enc
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.!~*'()%".contains(&b)));
        assert_eq!(url::form_decode(&enc), s);
    }
}
