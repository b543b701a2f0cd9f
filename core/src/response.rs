//! Turning the provider's answer into a verdict.
//!
//! Two body shapes are documented for this API family:
//! - lines: `CODE` then, for errors, `MESSAGE` on the next line (`-122\nThe Certificate is in
//!   wrong state.`); LF or CRLF, a trailing newline and extra lines are all accepted, and extra
//!   lines are kept in the message;
//! - URL-encoded: `errorCode=-3&errorMessage=The+%27xxx%27+argument+is+missing%21`, with optional
//!   `errorItem` and `errorDetail`; each value is decoded exactly once.
//!
//! Anything else is not a verdict and is reported as such, with a short escaped excerpt.

use crate::error::{Error, ProviderError};

/// The largest body read from the provider. A verdict is a few hundred bytes.
pub const MAX_BODY_BYTES: u64 = 64 * 1024;

/// How much of a non-verdict body is quoted in an error message, in characters.
const EXCERPT_CHARS: usize = 60;

/// Interprets an HTTP status and body: `Ok(())` for the provider's code 0, the provider's verdict
/// for a negative code, or the local error that describes a body that is not a verdict.
///
/// A well-formed verdict wins over the HTTP status; the status is reported only when the body
/// is not a verdict.
pub fn interpret_response(http_status: u16, body: &[u8]) -> Result<(), Error> {
    interpret_response_hiding(http_status, body, &[])
}

/// [`interpret_response`], with `secrets` removed from any excerpt of a non-verdict body.
pub(crate) fn interpret_response_hiding(
    http_status: u16,
    body: &[u8],
    secrets: &[&str],
) -> Result<(), Error> {
    match parse_verdict(body) {
        Some((0, _)) => Ok(()),
        Some((code, verdict)) if code < 0 => Err(Error::Provider(verdict)),
        _ if !(200..300).contains(&http_status) => Err(Error::HttpStatus {
            status: http_status,
            excerpt: excerpt(body, secrets),
        }),
        _ => Err(Error::MalformedResponse {
            status: http_status,
            excerpt: excerpt(body, secrets),
        }),
    }
}

/// The code and verdict in `body`, or `None` when the body is not a verdict. A positive code is
/// returned as is (the caller rejects it: positive numbers belong to our local table).
fn parse_verdict(body: &[u8]) -> Option<(i32, ProviderError)> {
    let text = String::from_utf8_lossy(body);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let first_line = text.split('\n').next().unwrap_or_default();
    match parse_code(first_line) {
        Some(code) => Some((code, lines_verdict(code, text))),
        None if first_line.starts_with("errorCode=") || first_line.contains("&errorCode=") => {
            url_encoded_verdict(text.trim_end())
        }
        None => None,
    }
}

/// A decimal integer, optionally negative, alone on its line (surrounding spaces and a CR
/// tolerated). Anything else (`+1`, `1.0`, `0abc`, out of range) is not a code.
fn parse_code(line: &str) -> Option<i32> {
    let line = line.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\r');
    let digits = line.strip_prefix('-').unwrap_or(line);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    line.parse().ok()
}

fn lines_verdict(code: i32, text: &str) -> ProviderError {
    let mut lines: Vec<&str> = text
        .split('\n')
        .skip(1)
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect();
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    let message = lines.join("\n");
    let parameter = quoted_parameter(code, &message);
    ProviderError {
        code,
        message,
        parameter,
    }
}

fn url_encoded_verdict(text: &str) -> Option<(i32, ProviderError)> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(text).ok()?;
    let value = |key: &str| {
        pairs
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.clone())
    };
    // Two codes in one answer are ambiguous: never read a success out of them.
    if pairs.iter().filter(|(name, _)| name == "errorCode").count() != 1 {
        return None;
    }
    let code = parse_code(&value("errorCode")?)?;
    let message = value("errorMessage").unwrap_or_default();
    let parameter = value("errorItem")
        .filter(|item| !item.is_empty())
        .or_else(|| quoted_parameter(code, &message));
    Some((
        code,
        ProviderError {
            code,
            message,
            parameter,
        },
    ))
}

/// The parameter named in single quotes in a -2/-3/-4 message (`The 'orderNumber' argument is
/// missing!`), when there is one.
fn quoted_parameter(code: i32, message: &str) -> Option<String> {
    if !matches!(code, -4..=-2) {
        return None;
    }
    let start = message.find('\'')? + 1;
    let length = message[start..].find('\'')?;
    let name = &message[start..start + length];
    (!name.is_empty()).then(|| name.to_string())
}

/// A short, quoted excerpt of a body that is safe to print: `secrets` removed (before cutting
/// and escaping, so that neither can leave part of one behind), control characters escaped,
/// long bodies cut.
pub(crate) fn excerpt(body: &[u8], secrets: &[&str]) -> String {
    if body.is_empty() {
        return String::from("(empty)");
    }
    let mut text = String::from_utf8_lossy(body).into_owned();
    for secret in secrets.iter().filter(|secret| !secret.is_empty()) {
        text = text.replace(secret, "<redacted>");
    }
    let mut shown: String = text
        .chars()
        .take(EXCERPT_CHARS)
        .flat_map(char::escape_debug)
        .collect();
    if text.chars().nth(EXCERPT_CHARS).is_some() {
        shown.push_str("...");
    }
    format!("\"{shown}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(body: &str) -> Result<(), Error> {
        interpret_response(200, body.as_bytes())
    }

    fn provider(code: i32, message: &str, parameter: Option<&str>) -> Result<(), Error> {
        Err(Error::Provider(ProviderError {
            code,
            message: message.into(),
            parameter: parameter.map(String::from),
        }))
    }

    #[test]
    fn success_shapes() {
        for body in [
            "0",
            "0\n",
            "0\r\n",
            " 0 \n",
            "0\nignored\n",
            "errorCode=0",
            "\u{feff}0\n",
        ] {
            assert_eq!(verdict(body), Ok(()), "{body:?}");
        }
    }

    #[test]
    fn negative_codes_are_never_success() {
        for code in ["-20", "-40", "-0x", "10", "00-1"] {
            assert!(verdict(code).is_err(), "{code}");
        }
    }

    #[test]
    fn lines_shape() {
        assert_eq!(
            verdict("-122\nThe Certificate is in wrong state.\n"),
            provider(-122, "The Certificate is in wrong state.", None)
        );
        assert_eq!(
            verdict("-3\r\nThe 'orderNumber' argument is missing!\r\n"),
            provider(
                -3,
                "The 'orderNumber' argument is missing!",
                Some("orderNumber")
            )
        );
        assert_eq!(verdict("-16"), provider(-16, "", None));
        assert_eq!(
            verdict("-14\nfirst\r\nsecond\n\n"),
            provider(-14, "first\nsecond", None)
        );
    }

    #[test]
    fn url_encoded_shape_is_decoded_once() {
        assert_eq!(
            verdict("errorCode=-3&errorMessage=The+%27xxx%27+argument+is+missing%21"),
            provider(-3, "The 'xxx' argument is missing!", Some("xxx"))
        );
        assert_eq!(
            verdict("errorCode=-4&errorItem=orderNumber&errorMessage=a%2526b+%2B+c%3D"),
            provider(-4, "a%26b + c=", Some("orderNumber"))
        );
    }

    #[test]
    fn non_verdicts_report_status_and_excerpt() {
        assert_eq!(
            interpret_response(500, b"<html>oops</html>"),
            Err(Error::HttpStatus {
                status: 500,
                excerpt: "\"<html>oops</html>\"".into()
            })
        );
        assert_eq!(
            interpret_response(200, b""),
            Err(Error::MalformedResponse {
                status: 200,
                excerpt: "(empty)".into()
            })
        );
        assert_eq!(
            interpret_response(200, b"OK\n"),
            Err(Error::MalformedResponse {
                status: 200,
                excerpt: "\"OK\\n\"".into()
            })
        );
        assert_eq!(
            interpret_response(200, b"99999999999\n"),
            Err(Error::MalformedResponse {
                status: 200,
                excerpt: "\"99999999999\\n\"".into()
            })
        );
        let long = "x".repeat(500);
        let Err(Error::MalformedResponse { excerpt, .. }) =
            interpret_response(200, long.as_bytes())
        else {
            panic!("expected malformed");
        };
        assert_eq!(excerpt, format!("\"{}...\"", "x".repeat(60)));
    }

    #[test]
    fn ambiguous_url_encoded_codes_are_not_a_verdict() {
        assert!(matches!(
            verdict("errorCode=0&errorCode=-16"),
            Err(Error::MalformedResponse { .. })
        ));
    }

    #[test]
    fn verdict_wins_over_http_status() {
        assert_eq!(
            interpret_response(500, b"-14\nAn unknown error occurred!\n"),
            provider(-14, "An unknown error occurred!", None)
        );
    }

    #[test]
    fn excerpts_lose_secrets_before_escaping_and_cutting() {
        let secret = "pa\"ss&word1";
        // Escaping would turn `"` into `\"`, so a scrub after escaping would miss it.
        let body = format!("{}<p>{secret}</p>", "x".repeat(40));
        assert_eq!(
            excerpt(body.as_bytes(), &[secret]),
            format!("\"{}<p><redacted></p>\"", "x".repeat(40))
        );
        // Straddling the cut: the first characters of the secret must not be shown either.
        let body = format!("{}{secret}", "x".repeat(55));
        assert_eq!(
            excerpt(body.as_bytes(), &[secret]),
            format!("\"{}<reda...\"", "x".repeat(55))
        );
    }

    #[test]
    fn positive_code_is_not_a_verdict() {
        assert_eq!(
            interpret_response(200, b"5\nhello"),
            Err(Error::MalformedResponse {
                status: 200,
                excerpt: "\"5\\nhello\"".into()
            })
        );
    }
}
