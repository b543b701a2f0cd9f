//! The status codes as C constants, and their names and categories.
//!
//! The numbers come from core's one table (`sectigo_sps::code`). cbindgen cannot evaluate the
//! core's enums from another crate, so they are repeated here as literals; the tests at the end
//! of this file fail when a literal and the core's table disagree, or when the core gains a code
//! that has no constant here.

use std::collections::HashMap;
use std::ffi::{CStr, CString, c_char};
use std::sync::{Mutex, PoisonError};

use sectigo_sps::code::is_safe_to_retry;
use sectigo_sps::{Category, status_name};

use crate::panic::boundary;

/// The call succeeded: the provider answered code 0.
pub const SECTIGO_SPS_OK: i32 = 0;

// Provider verdicts: negative, exactly as the provider sent them. Only the documented numbers are
// named; any other negative number is passed through unchanged as well.

/// Provider -1: the request was not made over HTTPS.
pub const SECTIGO_SPS_NOT_HTTPS: i32 = -1;
/// Provider -2: a parameter was not recognised.
pub const SECTIGO_SPS_UNRECOGNISED_ARGUMENT: i32 = -2;
/// Provider -3: a required parameter is missing.
pub const SECTIGO_SPS_MISSING_ARGUMENT: i32 = -3;
/// Provider -4: a parameter's value is invalid.
pub const SECTIGO_SPS_INVALID_ARGUMENT_VALUE: i32 = -4;
/// Provider -14: an unknown error occurred on the provider's side.
pub const SECTIGO_SPS_UNKNOWN_PROVIDER_ERROR: i32 = -14;
/// Provider -16: authentication failed (wrong credentials, locked account, expired password or
/// blocked source IP). Never retry it automatically: repeated failures can block the IP.
pub const SECTIGO_SPS_AUTHENTICATION_FAILED: i32 = -16;
/// Provider -17: the request used a method other than POST.
pub const SECTIGO_SPS_NOT_POST: i32 = -17;
/// Provider -122: the certificate's state does not allow the operation.
pub const SECTIGO_SPS_CERTIFICATE_WRONG_STATE: i32 = -122;

// Local failures: positive, no provider verdict was obtained. Stable forever; a retired number is
// never reused.

/// 1: an argument is empty, too long, or contains a control character; nothing was sent.
pub const SECTIGO_SPS_INVALID_ARGUMENT: i32 = 1;
/// 2: a required pointer was NULL; nothing was sent.
pub const SECTIGO_SPS_NULL_POINTER: i32 = 2;
/// 3: a string was not valid UTF-8; nothing was sent.
pub const SECTIGO_SPS_INVALID_UTF8: i32 = 3;
/// 4: the client configuration is unusable (endpoint, CA certificates, proxy, timeouts).
pub const SECTIGO_SPS_INVALID_CONFIG: i32 = 4;
/// 5: no connection could be made; the request was not sent, so a retry is safe (see
/// `sectigo_sps_status_is_safe_to_retry`).
pub const SECTIGO_SPS_CONNECT_FAILED: i32 = 5;
/// 6: a timeout expired after the request may have been sent; the provider may have acted, so
/// do not retry blindly. A timeout before sending is `SECTIGO_SPS_TIMEOUT_BEFORE_SEND` (14).
pub const SECTIGO_SPS_TIMEOUT: i32 = 6;
/// 7: the TLS handshake failed (for example an untrusted certificate).
pub const SECTIGO_SPS_TLS: i32 = 7;
/// 8: the server answered with an HTTP error status and no verdict in the body.
pub const SECTIGO_SPS_HTTP_STATUS: i32 = 8;
/// 9: the answer is not a provider verdict (HTML, empty, garbage, truncated).
pub const SECTIGO_SPS_MALFORMED_RESPONSE: i32 = 9;
/// 10: the answer is larger than the body size cap.
pub const SECTIGO_SPS_RESPONSE_TOO_LARGE: i32 = 10;
/// 11: the connection broke after the request was sent; the provider may have acted.
pub const SECTIGO_SPS_CONNECTION_LOST: i32 = 11;
/// 12: the server answered with a redirect, which is never followed (it would re-send the
/// credentials elsewhere).
pub const SECTIGO_SPS_REDIRECT: i32 = 12;
/// 13: a bug in this library (a caught panic).
pub const SECTIGO_SPS_INTERNAL: i32 = 13;
/// 14: a timeout expired before the request was sent (while resolving or connecting, or a
/// per-call timeout of 0); the request was not sent, so a retry is safe. Same category as
/// `SECTIGO_SPS_TIMEOUT` (`"timeout"`).
pub const SECTIGO_SPS_TIMEOUT_BEFORE_SEND: i32 = 14;

/// The library's major version.
pub const SECTIGO_SPS_VERSION_MAJOR: u32 = 0;
/// The library's minor version.
pub const SECTIGO_SPS_VERSION_MINOR: u32 = 1;
/// The library's patch version.
pub const SECTIGO_SPS_VERSION_PATCH: u32 = 0;
// `SECTIGO_SPS_VERSION`, the version as a string, is written by ffi/cbindgen.toml
// (`after_includes`): cbindgen cannot export a string constant. A test below checks it.

/// The version of the library that is running (`"0.1.0"`), a static string: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn sectigo_sps_version() -> *const c_char {
    const VERSION: &CStr =
        match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(version) => version,
            Err(_) => panic!("the package version contains a NUL byte"),
        };
    VERSION.as_ptr()
}

/// The stable name of any status code, a static string (never free it): `"ok"` for 0, the
/// constant's name in lower case without the prefix for the named codes (`"authentication_failed"`
/// for -16, `"timeout"` for 6), `"provider_unlisted"` for any other negative code (a verdict this
/// library has no name for), `"unknown"` for any other positive code.
#[unsafe(no_mangle)]
pub extern "C" fn sectigo_sps_status_name(code: i32) -> *const c_char {
    boundary(c"internal".as_ptr(), || static_c_str(status_name(code)))
}

/// The broad kind of any status code, a static string (never free it), for bindings that map
/// codes to exception classes or sentinel errors without repeating the table: `"success"`,
/// `"authentication"`, `"invalid_request"`, `"certificate_state"`, `"provider_other"` (any other
/// negative code), `"invalid_argument"`, `"invalid_config"`, `"connection"`, `"timeout"`,
/// `"tls"`, `"malformed_response"`, `"internal"` (13, and positive codes this version does not
/// know).
#[unsafe(no_mangle)]
pub extern "C" fn sectigo_sps_status_category(code: i32) -> *const c_char {
    boundary(c"internal".as_ptr(), || {
        static_c_str(Category::of(code).name())
    })
}

/// True only for the codes after which the request certainly never reached the provider, so
/// sending it again cannot send a second email: `SECTIGO_SPS_CONNECT_FAILED` (5) and
/// `SECTIGO_SPS_TIMEOUT_BEFORE_SEND` (14). False for every other code, including 0, every
/// provider verdict (never retry those automatically; -16 in particular can block the source
/// IP) and `SECTIGO_SPS_TIMEOUT` (6) and `SECTIGO_SPS_CONNECTION_LOST` (11), after which the
/// provider may have acted. The one rule of the core library, answered without any state:
/// thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn sectigo_sps_status_is_safe_to_retry(code: i32) -> bool {
    boundary(false, || is_safe_to_retry(code))
}

/// The NUL-terminated copy of one of the core's static names. The core hands out `&'static str`
/// from a finite set, so each is converted once and kept for the life of the process.
fn static_c_str(name: &'static str) -> *const c_char {
    static INTERNED: Mutex<Option<HashMap<&'static str, CString>>> = Mutex::new(None);
    let mut interned = INTERNED.lock().unwrap_or_else(PoisonError::into_inner);
    let c_name = interned
        .get_or_insert_with(HashMap::new)
        .entry(name)
        .or_insert_with(|| CString::new(name).unwrap_or_else(|_| CString::from(c"unknown")));
    // The CString's heap buffer does not move when the map grows, and entries are never removed.
    c_name.as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sectigo_sps::{LocalCode, ProviderCode};

    /// Every constant of the header with its name, as the C programmer sees it.
    const CONSTANTS: &[(&str, i32)] = &[
        ("SECTIGO_SPS_OK", SECTIGO_SPS_OK),
        ("SECTIGO_SPS_NOT_HTTPS", SECTIGO_SPS_NOT_HTTPS),
        (
            "SECTIGO_SPS_UNRECOGNISED_ARGUMENT",
            SECTIGO_SPS_UNRECOGNISED_ARGUMENT,
        ),
        ("SECTIGO_SPS_MISSING_ARGUMENT", SECTIGO_SPS_MISSING_ARGUMENT),
        (
            "SECTIGO_SPS_INVALID_ARGUMENT_VALUE",
            SECTIGO_SPS_INVALID_ARGUMENT_VALUE,
        ),
        (
            "SECTIGO_SPS_UNKNOWN_PROVIDER_ERROR",
            SECTIGO_SPS_UNKNOWN_PROVIDER_ERROR,
        ),
        (
            "SECTIGO_SPS_AUTHENTICATION_FAILED",
            SECTIGO_SPS_AUTHENTICATION_FAILED,
        ),
        ("SECTIGO_SPS_NOT_POST", SECTIGO_SPS_NOT_POST),
        (
            "SECTIGO_SPS_CERTIFICATE_WRONG_STATE",
            SECTIGO_SPS_CERTIFICATE_WRONG_STATE,
        ),
        ("SECTIGO_SPS_INVALID_ARGUMENT", SECTIGO_SPS_INVALID_ARGUMENT),
        ("SECTIGO_SPS_NULL_POINTER", SECTIGO_SPS_NULL_POINTER),
        ("SECTIGO_SPS_INVALID_UTF8", SECTIGO_SPS_INVALID_UTF8),
        ("SECTIGO_SPS_INVALID_CONFIG", SECTIGO_SPS_INVALID_CONFIG),
        ("SECTIGO_SPS_CONNECT_FAILED", SECTIGO_SPS_CONNECT_FAILED),
        ("SECTIGO_SPS_TIMEOUT", SECTIGO_SPS_TIMEOUT),
        ("SECTIGO_SPS_TLS", SECTIGO_SPS_TLS),
        ("SECTIGO_SPS_HTTP_STATUS", SECTIGO_SPS_HTTP_STATUS),
        (
            "SECTIGO_SPS_MALFORMED_RESPONSE",
            SECTIGO_SPS_MALFORMED_RESPONSE,
        ),
        (
            "SECTIGO_SPS_RESPONSE_TOO_LARGE",
            SECTIGO_SPS_RESPONSE_TOO_LARGE,
        ),
        ("SECTIGO_SPS_CONNECTION_LOST", SECTIGO_SPS_CONNECTION_LOST),
        ("SECTIGO_SPS_REDIRECT", SECTIGO_SPS_REDIRECT),
        ("SECTIGO_SPS_INTERNAL", SECTIGO_SPS_INTERNAL),
        (
            "SECTIGO_SPS_TIMEOUT_BEFORE_SEND",
            SECTIGO_SPS_TIMEOUT_BEFORE_SEND,
        ),
    ];

    fn constant_for(code: i32) -> Option<&'static str> {
        CONSTANTS
            .iter()
            .find(|(_, value)| *value == code)
            .map(|(name, _)| *name)
    }

    fn expected_constant(code: i32) -> String {
        format!("SECTIGO_SPS_{}", status_name(code).to_ascii_uppercase())
    }

    #[test]
    fn every_core_code_has_its_constant() {
        let core_codes = std::iter::once(sectigo_sps::code::SUCCESS)
            .chain(ProviderCode::ALL.iter().map(|code| code.code()))
            .chain(LocalCode::ALL.iter().map(|code| code.code()));
        for code in core_codes {
            assert_eq!(
                constant_for(code),
                Some(expected_constant(code).as_str()),
                "code {code}"
            );
        }
    }

    #[test]
    fn every_constant_is_a_core_code() {
        for (name, code) in CONSTANTS {
            assert_eq!(*name, expected_constant(*code));
            let known = *code == sectigo_sps::code::SUCCESS
                || ProviderCode::from_code(*code).is_some()
                || LocalCode::from_code(*code).is_some();
            assert!(known, "{name} = {code} is not in the core's table");
        }
        assert_eq!(
            CONSTANTS.len(),
            1 + ProviderCode::ALL.len() + LocalCode::ALL.len()
        );
    }

    #[test]
    fn version_macros_and_function_are_the_package_version() {
        let version = env!("CARGO_PKG_VERSION");
        assert_eq!(version, sectigo_sps::VERSION);
        assert_eq!(
            format!(
                "{SECTIGO_SPS_VERSION_MAJOR}.{SECTIGO_SPS_VERSION_MINOR}.{SECTIGO_SPS_VERSION_PATCH}"
            ),
            version
        );
        // SAFETY: sectigo_sps_version returns a pointer to a static NUL-terminated string.
        let runtime = unsafe { CStr::from_ptr(sectigo_sps_version()) };
        assert_eq!(runtime.to_str(), Ok(version));
        // The committed header, where the string macro comes from cbindgen.toml.
        let header = include_str!("../../include/sectigo_sps.h");
        for line in [
            format!("#define SECTIGO_SPS_VERSION \"{version}\""),
            format!("#define SECTIGO_SPS_VERSION_MAJOR {SECTIGO_SPS_VERSION_MAJOR}"),
            format!("#define SECTIGO_SPS_VERSION_MINOR {SECTIGO_SPS_VERSION_MINOR}"),
            format!("#define SECTIGO_SPS_VERSION_PATCH {SECTIGO_SPS_VERSION_PATCH}"),
        ] {
            assert!(header.lines().any(|l| l == line), "header lacks {line:?}");
        }
    }

    fn c_text(pointer: *const c_char) -> &'static str {
        // SAFETY: the status functions return pointers to NUL-terminated strings that live for
        // the rest of the process.
        unsafe { CStr::from_ptr(pointer) }.to_str().unwrap()
    }

    #[test]
    fn names_and_categories_come_from_the_core() {
        for code in [-9999, -122, -42, -16, -1, 0, 1, 6, 13, 14, 999] {
            assert_eq!(c_text(sectigo_sps_status_name(code)), status_name(code));
            assert_eq!(
                c_text(sectigo_sps_status_category(code)),
                Category::of(code).name()
            );
        }
        // The same static string each time: nothing to free, nothing leaks per call.
        assert_eq!(sectigo_sps_status_name(-16), sectigo_sps_status_name(-16));
    }

    #[test]
    fn safe_to_retry_is_the_core_rule() {
        for code in -200..200 {
            assert_eq!(
                sectigo_sps_status_is_safe_to_retry(code),
                sectigo_sps::code::is_safe_to_retry(code),
                "code {code}"
            );
        }
        assert!(sectigo_sps_status_is_safe_to_retry(
            SECTIGO_SPS_CONNECT_FAILED
        ));
        assert!(sectigo_sps_status_is_safe_to_retry(
            SECTIGO_SPS_TIMEOUT_BEFORE_SEND
        ));
        assert!(!sectigo_sps_status_is_safe_to_retry(SECTIGO_SPS_TIMEOUT));
        assert!(!sectigo_sps_status_is_safe_to_retry(i32::MIN));
        assert!(!sectigo_sps_status_is_safe_to_retry(i32::MAX));
    }
}
