//! Shared response vectors (`tests/vectors/vectors.tsv`, format in its README): the sandbox
//! serves vector `NAME` as the answer to order `vector-NAME`, so every language's suite runs
//! each vector end to end over a real socket.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Vector {
    pub http_status: u16,
    pub body: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Vectors {
    by_name: HashMap<String, Vector>,
}

impl Vectors {
    pub fn get(&self, name: &str) -> Option<&Vector> {
        self.by_name.get(name)
    }

    pub fn parse(text: &str) -> Result<Vectors, String> {
        let mut by_name = HashMap::new();
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
            let vector = Vector { http_status, body };
            if by_name.insert(name.to_string(), vector).is_some() {
                return Err(fail("name listed twice"));
            }
        }
        Ok(Vectors { by_name })
    }
}

/// Reverses the README's escapes: `\n`, `\r`, `\t`, `\\` and `\xHH` (any byte), nothing else.
pub(crate) fn unescape(field: &str) -> Result<Vec<u8>, String> {
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
                http_status: 200,
                body: b"0\n".to_vec()
            })
        );
        assert_eq!(vectors.get("html").unwrap().body, b"<p>\xff</p>".to_vec());
        assert!(Vectors::parse("Bad\t200\tx\t0\t\n").is_err());
        assert!(Vectors::parse("a\t200\tx\t0\n").is_err());
    }
}
