//! Shared response vectors (`tests/vectors/vectors.tsv`, format in its README): the sandbox
//! serves vector `NAME` as the answer to order `vector-NAME`, so every language's suite runs
//! each vector end to end over a real socket. Public so that the Rust test suites read the file
//! with this one parser.

/// One vector: the answer the sandbox serves, and the verdict a client must report for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vector {
    /// `[a-z0-9_]+`, unique; served for order `vector-NAME`.
    pub name: String,
    /// The HTTP status of the answer.
    pub http_status: u16,
    /// The answer's body, byte for byte.
    pub body: Vec<u8>,
    /// The status code a client must report.
    pub code: i32,
    /// The message a client must report (empty on success).
    pub message: String,
}

/// The vectors of one file, in file order.
#[derive(Debug, Clone, Default)]
pub struct Vectors {
    list: Vec<Vector>,
}

impl Vectors {
    /// The vector called `name`.
    pub fn get(&self, name: &str) -> Option<&Vector> {
        self.list.iter().find(|vector| vector.name == name)
    }

    /// Every vector, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &Vector> {
        self.list.iter()
    }

    /// Parses the file's text (format in `tests/vectors/README.md`); errors name the line.
    pub fn parse(text: &str) -> Result<Vectors, String> {
        let mut list: Vec<Vector> = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line_number = index + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fail = |why: &str| format!("vectors line {line_number}: {why}");
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != 5 {
                return Err(fail("expected five TAB-separated fields"));
            }
            let name = fields[0];
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                return Err(fail("name must match [a-z0-9_]+"));
            }
            let http_status = fields[1]
                .parse::<u16>()
                .ok()
                .filter(|status| (100..=999).contains(status))
                .ok_or_else(|| fail("http_status is not a status code"))?;
            let body = unescape(fields[2]).map_err(|why| fail(&why))?;
            let code = fields[3]
                .parse::<i32>()
                .map_err(|_| fail("expected_code is not an integer"))?;
            let message = String::from_utf8(unescape(fields[4]).map_err(|why| fail(&why))?)
                .map_err(|_| fail("expected_message is not UTF-8"))?;
            if list.iter().any(|vector| vector.name == name) {
                return Err(fail("name listed twice"));
            }
            list.push(Vector {
                name: name.to_string(),
                http_status,
                body,
                code,
                message,
            });
        }
        Ok(Vectors { list })
    }
}

/// Reverses the README's escapes: `\n`, `\r`, `\t`, `\\` and `\xHH` (any byte), nothing else.
fn unescape(field: &str) -> Result<Vec<u8>, String> {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(b'n') => out.push(b'\n'),
            Some(b'r') => out.push(b'\r'),
            Some(b't') => out.push(b'\t'),
            Some(b'\\') => out.push(b'\\'),
            Some(b'x') => {
                let hex = bytes
                    .get(i + 2..i + 4)
                    .and_then(|digits| std::str::from_utf8(digits).ok())
                    .and_then(|digits| u8::from_str_radix(digits, 16).ok())
                    .ok_or_else(|| format!("bad \\x escape at byte {i}"))?;
                out.push(hex);
                i += 4;
                continue;
            }
            _ => return Err(format!("unknown escape at byte {i}")),
        }
        i += 2;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_every_documented_escape_once() {
        assert_eq!(
            unescape(r"-4\nThe \\x\x41\x00\r\t").unwrap(),
            b"-4\nThe \\xA\x00\r\t".to_vec()
        );
        assert!(unescape(r"\q").is_err());
        assert!(unescape(r"\x4").is_err());
        assert!(unescape("trailing\\").is_err());
    }

    #[test]
    fn parses_lines_and_skips_comments() {
        let vectors =
            Vectors::parse("# header\n\nok\t200\t0\\n\t0\t\nhtml\t500\t<p>\\xff</p>\t7\tx\n")
                .unwrap();
        assert_eq!(
            vectors.get("ok"),
            Some(&Vector {
                name: "ok".to_string(),
                http_status: 200,
                body: b"0\n".to_vec(),
                code: 0,
                message: String::new(),
            })
        );
        let html = vectors.get("html").unwrap();
        assert_eq!(
            (html.body.as_slice(), html.code, html.message.as_str()),
            (&b"<p>\xff</p>"[..], 7, "x")
        );
        assert!(Vectors::parse("Bad\t200\tx\t0\t\n").is_err());
        assert!(Vectors::parse("a\t200\tx\t0\n").is_err());
        assert!(Vectors::parse("a\t200\tx\tzero\t\n").is_err());
    }
}
