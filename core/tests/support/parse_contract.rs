//! The parser's success contract, written independently of the parser. Shared by
//! `core/tests/properties.rs` and `fuzz/fuzz_targets/parse_response.rs` (through `#[path]`), so
//! that a change of the contract is made once.
#![allow(dead_code)]

/// After trimming spaces, tabs and CRs: an optional `-` then one or more ASCII digits.
fn integer_shaped(line: &str) -> Option<&str> {
    let line = line.trim_matches([' ', '\t', '\r']);
    let digits = line.strip_prefix('-').unwrap_or(line);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// A zero code: integer-shaped with every digit `0` (`0`, ` 0 `, `-0`, `000`, `0\r`).
pub fn is_zero_code(line: &str) -> bool {
    integer_shaped(line).is_some_and(|digits| digits.bytes().all(|b| b == b'0'))
}

/// The success contract. The body is decoded as UTF-8 (invalid bytes replaced), one leading
/// U+FEFF is dropped, and the first line is everything before the first LF. Success is exactly:
/// - the first line is a zero code (lines shape); or
/// - the first line starts with `errorCode=` or contains `&errorCode=` (URL-encoded shape), and
///   in the whole body, trailing whitespace removed and form-decoded once, there is exactly
///   one `errorCode` and its value is a zero code (so `errorCode=0`, `errorCode=+0` — a space then 0 —,
///   `x=1&errorCode=-0&errorMessage=...`).
///
/// Everything else is not a success: `+0`, `0x`, `10`, a blank first line, `-20`.
pub fn is_success(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(body);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let first_line = text.split('\n').next().unwrap_or_default();
    if is_zero_code(first_line) {
        return true;
    }
    if !(first_line.starts_with("errorCode=") || first_line.contains("&errorCode=")) {
        return false;
    }
    let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(text.trim_end()) else {
        return false;
    };
    let mut codes = pairs.iter().filter(|(name, _)| name == "errorCode");
    match (codes.next(), codes.next()) {
        (Some((_, value)), None) => is_zero_code(value),
        _ => false, // none, or two codes: ambiguous, never a success
    }
}
