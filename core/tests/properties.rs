//! Property tests for the two pure halves of the client: the response parser
//! (`response::interpret_response`) and the request checks (`request::check_field`,
//! `request::form_body`). They run in the normal test pass; the case counts are capped so the
//! whole file takes a few seconds in a debug build. The coverage-guided fuzzers in `fuzz/` check
//! the same contracts for much longer.
//!
//! Properties:
//! 1. `interpret_response(status, body)` never panics for any status in 100..600 and any bytes,
//!    and it returns `Ok(())` exactly when the body is a zero code (see [`is_success`]). Any
//!    other result is a provider verdict with a negative code, `HttpStatus` for a non-2xx status
//!    or `MalformedResponse` for a 2xx status; a verdict (success or provider error) does not
//!    depend on the HTTP status; excerpts hold no raw control character.
//! 2. For any negative `i32` code and any message without LF/CR, the lines shape
//!    (`CODE<eol>MESSAGE[<eol>]`, eol LF or CRLF) and the URL-encoded shape
//!    (`errorCode=CODE&errorMessage=<form-encoded MESSAGE>`) parse back to exactly that code and
//!    message (`Error::code`, `Error::message`), at HTTP 200 and at HTTP 500. The URL-encoded
//!    shape also round-trips messages that do contain LF/CR. A code alone (`CODE`, `CODE<eol>`)
//!    gives an empty message.
//! 3. `check_field` accepts exactly the values that are non-empty, at most `max_chars`
//!    characters long and free of control characters (Unicode category Cc: U+0000..=U+001F and
//!    U+007F..=U+009F); its message for the password field never holds the value.
//!    `form_body` succeeds exactly when all three fields pass, fails with the first failing
//!    field's error otherwise, and its body decodes (`serde_urlencoded::from_str`) to exactly
//!    `loginName`, `loginPassword`, `orderNumber` with the given values, in that order.

use proptest::prelude::*;
use proptest::test_runner::Config;
use sectigo_sps::Error;
use sectigo_sps::request::{Field, LOGIN_NAME, LOGIN_PASSWORD, ORDER_NUMBER, check_field};
use sectigo_sps::response::interpret_response;

/// Few enough cases to stay within seconds in a debug build on a busy machine; no regression
/// files are written into the tree (a failure prints its minimal input instead).
fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

// The success contract, written independently of the parser, shared with the fuzz target.
#[path = "support/parse_contract.rs"]
mod parse_contract;
use parse_contract::is_success;
#[path = "support/request_contract.rs"]
mod request_contract;
use request_contract::check_form_body;

/// Bodies: raw bytes, and concatenations of tokens that reach the interesting branches often
/// (codes, signs, spaces, line ends, the BOM, the URL-encoded keys, invalid UTF-8).
fn body() -> impl Strategy<Value = Vec<u8>> {
    const TOKENS: &[&[u8]] = &[
        b"0",
        b"00",
        b"-",
        b"1",
        b"9",
        b"-14",
        b"2147483647",
        b"-2147483648",
        b"2147483648",
        b" ",
        b"\t",
        b"\r",
        b"\n",
        b"\r\n",
        b"+",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\xe2\x80\xa8",
        b"errorCode=",
        b"errorMessage=",
        b"errorItem=",
        b"&",
        b"=",
        b"%",
        b"%30",
        b"%2D",
        b"%20",
        b"%0A",
        b"'",
        b"x",
        b"<html>",
    ];
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..48),
        1 => prop::collection::vec(prop::sample::select(TOKENS), 0..10)
            .prop_map(|tokens| tokens.concat()),
        2 => shaped_body(),
    ]
}

/// Bodies close to a verdict: an optional BOM, a code position in either shape, a code made of
/// digits, signs and spaces (raw or percent-encoded), then a tail of line ends, whitespace and
/// more fields.
fn shaped_body() -> impl Strategy<Value = Vec<u8>> {
    const BOM: &[&[u8]] = &[b"", b"", b"\xef\xbb\xbf"];
    const KEY: &[&[u8]] = &[
        b"",
        b"",
        b"errorCode=",
        b"x=1&errorCode=",
        b"errorMessage=a&errorCode=",
        b"e%72rorCode=",
        b"&errorCode=",
    ];
    const CODE: &[&[u8]] = &[
        b"0", b"00", b"-", b"1", b"7", b"+", b" ", b"\t", b"\r", b"%30", b"%2D", b"%20", b"%0D",
    ];
    const TAIL: &[&[u8]] = &[
        b"\n",
        b"\r\n",
        b" ",
        b"\t",
        b"\xe3\x80\x80",
        b"&errorMessage=m",
        b"&errorCode=-1",
        b"&errorCode=0",
        b"%0A",
        b"\n0",
        b"\nerrorCode=0",
        b"x",
    ];
    (
        prop::sample::select(BOM),
        prop::sample::select(KEY),
        prop::collection::vec(prop::sample::select(CODE), 0..4),
        prop::collection::vec(prop::sample::select(TAIL), 0..4),
    )
        .prop_map(|(bom, key, code, tail)| [bom, key, &code.concat(), &tail.concat()].concat())
}

#[test]
fn success_contract_examples() {
    // The oracle itself, on the documented and the tricky cases.
    for yes in [
        &b"0"[..],
        b"0\n",
        b"0\r\n",
        b" 0 \nignored",
        b"-0",
        b"000",
        b"\xef\xbb\xbf0",
        b"errorCode=0",
        b"errorCode=+0",
        b"x=1&errorCode=0&errorMessage=y",
        b"errorCode=0\n\n",
    ] {
        assert!(is_success(yes), "{:?}", String::from_utf8_lossy(yes));
        assert_eq!(interpret_response(200, yes), Ok(()));
    }
    for no in [
        &b""[..],
        b"+0",
        b"0x",
        b"10",
        b"-20",
        b"\n0",
        b"0 0",
        b"errorCode=-1",
        b"errorCode=0%0A",
        b"x\n&errorCode=0",
        b"\xef\xbb\xbf\xef\xbb\xbf0",
    ] {
        assert!(!is_success(no), "{:?}", String::from_utf8_lossy(no));
        assert!(interpret_response(200, no).is_err());
    }
}

proptest! {
    #![proptest_config(config(4000))]

    /// Property 1: no panic, and `Ok` exactly when [`is_success`]; every other result is one of
    /// the three response errors, consistent with the status.
    #[test]
    fn any_body_parses_without_panic_and_ok_means_zero_code(
        status in 100u16..600,
        body in body(),
    ) {
        let result = interpret_response(status, &body);
        prop_assert_eq!(result.is_ok(), is_success(&body), "result {:?}", result);
        match &result {
            Ok(()) => {}
            Err(Error::Provider(verdict)) => {
                prop_assert!(verdict.code() < 0, "provider code {}", verdict.code());
            }
            Err(Error::HttpStatus { status: shown, excerpt }) => {
                prop_assert!(!(200..300).contains(&status));
                prop_assert_eq!(*shown, status);
                prop_assert!(!excerpt.chars().any(char::is_control), "{excerpt:?}");
            }
            Err(Error::MalformedResponse { status: shown, excerpt }) => {
                prop_assert!((200..300).contains(&status));
                prop_assert_eq!(*shown, status);
                prop_assert!(!excerpt.chars().any(char::is_control), "{excerpt:?}");
            }
            Err(other) => prop_assert!(false, "unexpected error {other:?}"),
        }
        // A verdict wins over the HTTP status.
        if matches!(result, Ok(()) | Err(Error::Provider(_))) {
            prop_assert_eq!(&result, &interpret_response(200, &body));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Round trips through the two documented body shapes.

fn code() -> impl Strategy<Value = i32> {
    prop_oneof![i32::MIN..0, -200..0, Just(i32::MIN), Just(-1)]
}

/// Characters for messages: anything, with the ones that matter to either shape made common.
fn message_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        3 => prop::char::range(' ', '~'),
        2 => prop::sample::select(vec![
            ' ', '\t', '&', '=', '%', '+', '\'', '#', ';', '\u{feff}', '\u{85}', '\u{2028}',
            '\u{3000}', '\u{0}', '\u{7f}', 'é', '0', '-', '\n', '\r',
        ]),
    ]
}

/// A message without LF or CR, possibly empty, possibly with leading/trailing spaces and tabs.
fn one_line_message() -> impl Strategy<Value = String> {
    prop::collection::vec(message_char(), 0..40).prop_map(|chars| {
        chars
            .into_iter()
            .filter(|c| *c != '\n' && *c != '\r')
            .collect()
    })
}

fn any_message() -> impl Strategy<Value = String> {
    prop::collection::vec(message_char(), 0..40).prop_map(|chars| chars.into_iter().collect())
}

fn url_encoded_body(code: i32, message: &str) -> String {
    let message = serde_urlencoded::to_string([("errorMessage", message)]).unwrap();
    format!("errorCode={code}&{message}")
}

fn code_and_message(status: u16, body: &[u8]) -> (i32, String) {
    match interpret_response(status, body) {
        Ok(()) => (0, String::new()),
        Err(error) => (error.code(), error.message()),
    }
}

proptest! {
    #![proptest_config(config(600))]

    /// Property 2, lines shape: `CODE<eol>MESSAGE`, with an optional trailing `<eol>`.
    #[test]
    fn lines_shape_round_trips(
        code in code(),
        message in one_line_message(),
        crlf in any::<bool>(),
        trailing in any::<bool>(),
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut body = format!("{code}{eol}{message}");
        if trailing {
            body.push_str(eol);
        }
        for status in [200, 500] {
            prop_assert_eq!(
                code_and_message(status, body.as_bytes()),
                (code, message.clone()),
                "body {:?} at HTTP {}", body, status
            );
        }
    }

    /// Property 2, URL-encoded shape: `errorCode=CODE&errorMessage=<form-encoded MESSAGE>`.
    #[test]
    fn url_encoded_shape_round_trips(code in code(), message in one_line_message()) {
        let body = url_encoded_body(code, &message);
        for status in [200, 500] {
            prop_assert_eq!(
                code_and_message(status, body.as_bytes()),
                (code, message.clone()),
                "body {:?} at HTTP {}", body, status
            );
        }
    }

    /// The URL-encoded shape carries any message, LF and CR included (they travel as %0A, %0D).
    #[test]
    fn url_encoded_shape_round_trips_any_message(code in code(), message in any_message()) {
        let body = url_encoded_body(code, &message);
        prop_assert_eq!(code_and_message(200, body.as_bytes()), (code, message));
    }

    /// A code without a message line gives an empty message.
    #[test]
    fn code_alone_has_an_empty_message(code in code(), eol in prop::sample::select(vec!["", "\n", "\r\n"])) {
        let body = format!("{code}{eol}");
        prop_assert_eq!(code_and_message(200, body.as_bytes()), (code, String::new()));
    }
}

// ---------------------------------------------------------------------------------------------
// Request checks.

/// Control characters, written out independently of `char::is_control`: Unicode category Cc.
fn is_cc(c: char) -> bool {
    matches!(u32::from(c), 0x00..=0x1f | 0x7f..=0x9f)
}

fn field_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::char::range(' ', '~'),
        2 => any::<char>(),
        1 => prop::sample::select(vec![
            '\u{0}', '\t', '\n', '\r', '\u{1b}', '\u{1f}', '\u{7f}', '\u{80}', '\u{85}', '\u{9f}',
            '\u{a0}', '\u{ad}', '\u{200b}', '\u{feff}', 'é', '&', '=', '%', '+',
        ]),
    ]
}

/// Values around every limit (0, 64, 128 characters), with and without control characters.
fn field_value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(field_char(), 0..140).prop_map(|v| v.into_iter().collect()),
        prop::collection::vec(field_char(), 0..140)
            .prop_map(|v| v.into_iter().filter(|c| !is_cc(*c)).collect()),
        (
            prop::sample::select(vec![1usize, 63, 64, 65, 127, 128, 129]),
            field_char()
        )
            .prop_map(|(n, c)| std::iter::repeat_n(if is_cc(c) { 'x' } else { c }, n).collect()),
    ]
}

fn field() -> impl Strategy<Value = Field> {
    prop::sample::select(vec![LOGIN_NAME, LOGIN_PASSWORD, ORDER_NUMBER])
}

fn accepted(field: Field, value: &str) -> bool {
    !value.is_empty() && value.chars().count() <= field.max_chars && !value.chars().any(is_cc)
}

proptest! {
    #![proptest_config(config(600))]

    /// Property 3: `check_field` accepts exactly the non-empty, short enough, control-free
    /// values; a rejected password is never quoted.
    #[test]
    fn check_field_accepts_exactly_the_valid_values(field in field(), value in field_value()) {
        let result = check_field(field, &value);
        prop_assert_eq!(result.is_ok(), accepted(field, &value), "{:?}", result);
        if let Err(error) = result {
            prop_assert!(matches!(error, Error::InvalidArgument(_)), "{error:?}");
            prop_assert!(error.message().contains(field.name));
            if field == LOGIN_PASSWORD && value.chars().count() >= 4 {
                prop_assert!(!error.message().contains(&value), "{:?}", error.message());
            }
        }
    }
}

proptest! {
    // Three values of up to 140 characters per case: fewer cases keep this within a second.
    #![proptest_config(config(300))]

    /// Property 3: `form_body` fails with the first failing field, or encodes exactly the three
    /// fields in order.
    #[test]
    fn form_body_decodes_to_exactly_the_three_fields(
        name in field_value(),
        password in field_value(),
        order in field_value(),
    ) {
        let outcome = check_form_body(&name, &password, &order);
        prop_assert!(outcome.is_ok(), "{}", outcome.unwrap_err());
    }
}
