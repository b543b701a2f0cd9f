//! The response parser on arbitrary input: the first two bytes are the HTTP status (big-endian,
//! any u16), the rest is the body. It must never panic, and its verdict must follow the parse
//! contract (the same one `core/tests/properties.rs` states):
//! - `Ok(())` exactly when the body is a zero code: after lossy UTF-8 decoding and dropping one
//!   leading U+FEFF, the first line (up to the first LF), trimmed of spaces, tabs and CRs, is
//!   `-?[0-9]+` with every digit `0`; or the first line starts with `errorCode=` or contains
//!   `&errorCode=` and the form-decoded body (trailing whitespace removed) has exactly one
//!   `errorCode`, which is such a zero code (`core/tests/support/parse_contract.rs`);
//! - a provider verdict always has a negative code and does not depend on the HTTP status;
//! - any other body is `HttpStatus` (status outside 200..300) or `MalformedResponse` (inside),
//!   with the status given and an excerpt free of raw control characters.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sectigo_sps::Error;
use sectigo_sps::response::interpret_response;

#[path = "../../core/tests/support/parse_contract.rs"]
mod parse_contract;
use parse_contract::is_success;

/// 60 characters, each escaped to at most 10 (`\u{10ffff}`), two quotes and `...`.
const MAX_EXCERPT_CHARS: usize = 60 * 10 + 5;

fn check_excerpt(excerpt: &str) {
    assert!(
        !excerpt.chars().any(char::is_control),
        "raw control character in excerpt {excerpt:?}"
    );
    assert!(excerpt.chars().count() <= MAX_EXCERPT_CHARS, "long excerpt");
}

fuzz_target!(|data: &[u8]| {
    let [high, low, body @ ..] = data else {
        return;
    };
    let status = u16::from_be_bytes([*high, *low]);
    let result = interpret_response(status, body);
    assert_eq!(
        result.is_ok(),
        is_success(body),
        "status {status}, body {:?}: {result:?}",
        String::from_utf8_lossy(body)
    );
    match &result {
        Ok(()) => {}
        Err(Error::Provider(verdict)) => assert!(verdict.code() < 0, "{verdict:?}"),
        Err(Error::HttpStatus {
            status: shown,
            excerpt,
        }) => {
            assert!(!(200..300).contains(&status));
            assert_eq!(*shown, status);
            check_excerpt(excerpt);
        }
        Err(Error::MalformedResponse {
            status: shown,
            excerpt,
        }) => {
            assert!((200..300).contains(&status));
            assert_eq!(*shown, status);
            check_excerpt(excerpt);
        }
        Err(other) => panic!("unexpected error {other:?}"),
    }
    if matches!(result, Ok(()) | Err(Error::Provider(_))) {
        assert_eq!(
            result,
            interpret_response(200, body),
            "verdict depends on status"
        );
    }
    // The error's public accessors must not panic either.
    if let Err(error) = &result {
        let _ = (
            error.code(),
            error.message(),
            error.category(),
            error.to_string(),
        );
    }
});
