//! The request URL and its base string URI ([RFC 5849 section 3.4.1.2]).
//!
//! [RFC 5849 section 3.4.1.2]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.2

use alloc::borrow::Cow;

use super::encode::{percent_encode_bytes, percent_encode_into};
use crate::error::{Error, Result};
use crate::prelude::*;
use crate::text::{rsplit_once_byte, split_once_byte, u64_digits};

/// An absolute `http` or `https` request URL, split into the parts the signature needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestUrl<'a> {
    https: bool,
    /// The host, lowercased (IPv6 literals keep their brackets); borrowed when it was already.
    host: Cow<'a, str>,
    /// The port when it is not the scheme's default.
    port: Option<u16>,
    /// The path as given (may be empty).
    path: &'a str,
    /// The query component without `?`, if any.
    query: Option<&'a str>,
}

const FIELD: &str = "request.url";
const NOT_ABSOLUTE: &str = "must be an absolute http or https URL";

impl<'a> RequestUrl<'a> {
    /// Parses an absolute URL of the form `scheme://[userinfo@]host[:port][/path][?query][#fragment]`.
    ///
    /// The scheme must be `http` or `https` (any case); the host must be present and ASCII (use
    /// its punycode form); the port, if given, must be 1 to 65535.
    pub fn parse(url: &'a str) -> Result<Self> {
        let url = trim_ascii_controls(url);
        let split = scheme_separator(url).and_then(|at| Some((url.get(..at)?, url.get(at + 3..)?)));
        let (scheme, rest) = split.ok_or(Error::new(FIELD, NOT_ABSOLUTE))?;
        let https = if scheme.eq_ignore_ascii_case("https") {
            true
        } else if scheme.eq_ignore_ascii_case("http") {
            false
        } else {
            return Err(Error::new(FIELD, NOT_ABSOLUTE));
        };
        // One scan for the first `?` or `#`: the query runs from `?` to `#`, the fragment is dropped.
        let (rest, query) = match rest.bytes().position(|b| b == b'?' || b == b'#') {
            Some(at) => {
                let (before, after) = rest.split_at_checked(at).unwrap_or((rest, ""));
                match after.strip_prefix('?') {
                    Some(query) => (
                        before,
                        Some(split_once_byte(query, b'#').map_or(query, |(query, _)| query)),
                    ),
                    None => (before, None),
                }
            }
            None => (rest, None),
        };
        let (authority, path) = match rest.bytes().position(|b| b == b'/') {
            Some(slash) => rest.split_at_checked(slash).unwrap_or((rest, "")),
            None => (rest, ""),
        };
        let host_port = rsplit_once_byte(authority, b'@').map_or(authority, |(_, hp)| hp);
        let (host, port) = split_host_port(host_port)?;
        if host.is_empty() {
            return Err(Error::new(FIELD, "has no host"));
        }
        if !host.bytes().all(is_host_byte) {
            return Err(Error::new(FIELD, "has a host that is not ASCII (use punycode)"));
        }
        let default_port = if https { 443 } else { 80 };
        Ok(RequestUrl {
            https,
            host: if host.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(host.to_ascii_lowercase())
            } else {
                Cow::Borrowed(host)
            },
            port: port.filter(|&p| p != default_port),
            path,
            query,
        })
    }

    /// The query component without the leading `?`, if the URL had one.
    pub fn query(&self) -> Option<&'a str> {
        self.query
    }

    /// Appends the base string URI ([RFC 5849 section 3.4.1.2]): lowercase scheme and host, the
    /// port only when it is not the scheme's default, the path (`/` when empty), no query and no
    /// fragment. Bytes that a browser's URL parser would percent-encode in a path (controls,
    /// space, `"`, `<`, `>`, `` ` ``, `{`, `}`, and non-ASCII) are encoded here too, so the
    /// signed URI is the one that goes over the wire.
    ///
    /// [RFC 5849 section 3.4.1.2]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.2
    pub fn write_base_string_uri(&self, out: &mut String) {
        out.push_str(if self.https { "https://" } else { "http://" });
        out.push_str(&self.host);
        if let Some(port) = self.port {
            out.push(':');
            out.push_str(u64_digits(&mut [0; 20], u64::from(port)));
        }
        if self.path.is_empty() {
            out.push('/');
        } else {
            push_wire_path(out, self.path);
        }
    }

    /// The base string URI as a new string.
    pub fn base_string_uri(&self) -> String {
        let mut out = String::with_capacity(16 + self.host.len() + self.path.len());
        self.write_base_string_uri(&mut out);
        out
    }

    /// The base string URI percent-encoded ([RFC 5849 section 3.6](https://www.rfc-editor.org/rfc/rfc5849#section-3.6)),
    /// as the signature base string carries it, appended to `out`: the same bytes as
    /// `percent_encode_bytes(out, self.base_string_uri())`, without the string in between.
    pub fn write_base_string_uri_encoded(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if self.https {
            b"https%3A%2F%2F"
        } else {
            b"http%3A%2F%2F"
        });
        percent_encode_bytes(out, self.host.as_bytes());
        if let Some(port) = self.port {
            out.extend_from_slice(b"%3A");
            out.extend_from_slice(u64_digits(&mut [0; 20], u64::from(port)).as_bytes());
        }
        if self.path.is_empty() {
            out.extend_from_slice(b"%2F");
        } else if !self.path.bytes().any(needs_wire_encoding) {
            percent_encode_bytes(out, self.path.as_bytes());
        } else {
            let mut path = String::with_capacity(self.path.len() * 3);
            push_wire_path(&mut path, self.path);
            percent_encode_bytes(out, path.as_bytes());
        }
    }
}

/// Where the first `://` is. By bytes: `str::split_once("://")` brings in the two-way string
/// searcher and, with it, a panic path that formats messages, all for a three-byte pattern.
fn scheme_separator(url: &str) -> Option<usize> {
    let bytes = url.as_bytes();
    let mut from = 0;
    loop {
        let at = from + bytes.get(from..)?.iter().position(|&b| b == b':')?;
        if matches!(bytes.get(at + 1..at + 3), Some([b'/', b'/'])) {
            return Some(at);
        }
        from = at + 1;
    }
}

/// `url` without ASCII whitespace and control characters at either end. Bytes, not chars: those
/// are ASCII, and an ASCII byte is never part of a longer character.
fn trim_ascii_controls(url: &str) -> &str {
    let keep = |b: &u8| !(b.is_ascii_whitespace() || b.is_ascii_control());
    let bytes = url.as_bytes();
    match (bytes.iter().position(keep), bytes.iter().rposition(keep)) {
        (Some(start), Some(end)) => url.get(start..=end).unwrap_or(url),
        _ => "",
    }
}

fn split_host_port(host_port: &str) -> Result<(&str, Option<u16>)> {
    let (host, port) = if host_port.starts_with('[') {
        match host_port.bytes().position(|b| b == b']') {
            Some(end) => {
                let (host, rest) = host_port.split_at_checked(end + 1).unwrap_or((host_port, ""));
                match rest.strip_prefix(':') {
                    Some(port) => (host, Some(port)),
                    None if rest.is_empty() => (host, None),
                    None => return Err(Error::new(FIELD, "has text after the IPv6 host")),
                }
            }
            None => return Err(Error::new(FIELD, "has an unterminated IPv6 host")),
        }
    } else {
        match rsplit_once_byte(host_port, b':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    let port = match port {
        None | Some("") => None,
        Some(digits) => {
            let port = digits
                .parse::<u16>()
                .ok()
                .filter(|&p| p != 0 && digits.bytes().all(|b| b.is_ascii_digit()))
                .ok_or(Error::new(FIELD, "has a port that is not 1 to 65535"))?;
            Some(port)
        }
    };
    Ok((host, port))
}

/// Whether a host may contain `b`: ASCII letters and digits, `-._~`, and the `[]:%` of IPv6
/// literals and their zone escapes.
fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'[' | b']' | b':' | b'%')
}

/// Whether a browser's URL parser percent-encodes this byte in a path.
fn needs_wire_encoding(byte: u8) -> bool {
    byte <= 0x20 || byte >= 0x7F || matches!(byte, b'"' | b'<' | b'>' | b'`' | b'{' | b'}')
}

fn push_wire_path(out: &mut String, path: &str) {
    if !path.bytes().any(needs_wire_encoding) {
        out.push_str(path);
        return;
    }
    for &byte in path.as_bytes() {
        if needs_wire_encoding(byte) {
            percent_encode_into(out, &[byte]);
        } else {
            out.push(char::from(byte));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_separator_is_the_first_colon_slash_slash() {
        for url in [
            "http://x", "a:b://c", "://", "x:", "x:/", "x:/y://z", "nocolon", "é://ü",
        ] {
            assert_eq!(scheme_separator(url), url.find("://"), "{url:?}");
        }
    }

    /// The base string URI of `url`, checking on the way that its encoded form is the
    /// percent-encoding of it.
    fn base(url: &str) -> String {
        let parsed = RequestUrl::parse(url).unwrap();
        let uri = parsed.base_string_uri();
        let mut encoded = Vec::new();
        parsed.write_base_string_uri_encoded(&mut encoded);
        assert_eq!(
            String::from_utf8(encoded).unwrap(),
            crate::percent_encode(&uri),
            "{url:?}"
        );
        uri
    }

    #[test]
    fn rfc_5849_section_3_4_1_2_examples() {
        assert_eq!(
            base("HTTP://EXAMPLE.COM:80/r%20v/X?id=123"),
            "http://example.com/r%20v/X"
        );
        assert_eq!(
            base("https://www.example.net:8080/?q=1"),
            "https://www.example.net:8080/"
        );
    }

    #[test]
    fn default_ports_dropped_other_ports_kept() {
        assert_eq!(
            base("https://api.x.com:443/2/users/me"),
            "https://api.x.com/2/users/me"
        );
        assert_eq!(base("http://api.x.com:443/a"), "http://api.x.com:443/a");
        assert_eq!(base("https://api.x.com:80/a"), "https://api.x.com:80/a");
        assert_eq!(base("http://127.0.0.1:8080"), "http://127.0.0.1:8080/");
        assert_eq!(base("http://[::1]:8080/a"), "http://[::1]:8080/a");
        assert_eq!(base("https://Api.X.Com:0443/a"), "https://api.x.com/a");
    }

    #[test]
    fn empty_path_query_fragment_and_userinfo() {
        assert_eq!(base("https://api.x.com"), "https://api.x.com/");
        assert_eq!(base("https://api.x.com?a=1"), "https://api.x.com/");
        assert_eq!(base("https://api.x.com/p#frag?x"), "https://api.x.com/p");
        assert_eq!(base("https://user:pw@api.x.com/p"), "https://api.x.com/p");
        let url = RequestUrl::parse("https://api.x.com/p?a=1#f").unwrap();
        assert_eq!(url.query(), Some("a=1"));
    }

    #[test]
    fn path_keeps_escapes_and_encodes_what_a_browser_would() {
        assert_eq!(base("https://h/a%2Fb%e2"), "https://h/a%2Fb%e2");
        assert_eq!(base("https://h/a b/é"), "https://h/a%20b/%C3%A9");
    }

    #[test]
    fn bad_urls_are_errors_that_name_the_field() {
        for url in [
            "",
            "api.x.com/2/users/me",
            "ftp://api.x.com/",
            "https:///path",
            "https://:443/",
            "https://api.x.com:99999/",
            "https://api.x.com:0/",
            "https://api.x.com:12a/",
            "https://exämple.com/",
            "https://[::1/",
        ] {
            match RequestUrl::parse(url) {
                Err(error) => assert_eq!(error.field(), "request.url", "{url}"),
                other => panic!("{url:?} gave {other:?}"),
            }
        }
    }
}
