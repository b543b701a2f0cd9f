//! The one status-code table every binding derives its view from.
//!
//! - `0` is success.
//! - Negative codes are the provider's own, passed through unchanged. The set is open: only the
//!   documented numbers get a name here, any other negative number still reaches the caller.
//! - Positive codes are failures on our side, without a provider verdict. Their numbers are
//!   stable forever; a retired number is never reused.

/// The status code of a successful call.
pub const SUCCESS: i32 = 0;

/// The provider codes documented for `!ResendInvitationEmailSMIME`.
///
/// Three documented rows (agreement not accepted, pending actions, not issued yet) have no
/// published number; they are deliberately absent rather than given invented numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[repr(i32)]
pub enum ProviderCode {
    /// The request was not made over HTTPS.
    NotHttps = -1,
    /// A parameter was not recognised.
    UnrecognisedArgument = -2,
    /// A required parameter is missing.
    MissingArgument = -3,
    /// A parameter's value is invalid.
    InvalidArgumentValue = -4,
    /// An unknown error occurred on the provider's side.
    UnknownError = -14,
    /// Authentication failed: wrong credentials, locked account, expired password or blocked IP.
    AuthenticationFailed = -16,
    /// The request used a method other than POST.
    NotPost = -17,
    /// The certificate's state does not allow the operation.
    CertificateWrongState = -122,
}

impl ProviderCode {
    /// Every named provider code, in table order.
    pub const ALL: [ProviderCode; 8] = [
        ProviderCode::NotHttps,
        ProviderCode::UnrecognisedArgument,
        ProviderCode::MissingArgument,
        ProviderCode::InvalidArgumentValue,
        ProviderCode::UnknownError,
        ProviderCode::AuthenticationFailed,
        ProviderCode::NotPost,
        ProviderCode::CertificateWrongState,
    ];

    /// The named code for `code`, if the provider documents it.
    pub fn from_code(code: i32) -> Option<ProviderCode> {
        Self::ALL.into_iter().find(|known| known.code() == code)
    }

    /// The number the provider sends.
    pub fn code(self) -> i32 {
        self as i32
    }

    /// A stable snake_case name (C constants are `SECTIGO_SPS_` + the name in upper case).
    pub fn name(self) -> &'static str {
        match self {
            ProviderCode::NotHttps => "not_https",
            ProviderCode::UnrecognisedArgument => "unrecognised_argument",
            ProviderCode::MissingArgument => "missing_argument",
            ProviderCode::InvalidArgumentValue => "invalid_argument_value",
            ProviderCode::UnknownError => "unknown_provider_error",
            ProviderCode::AuthenticationFailed => "authentication_failed",
            ProviderCode::NotPost => "not_post",
            ProviderCode::CertificateWrongState => "certificate_wrong_state",
        }
    }

    /// What the provider's documentation says the code means.
    pub fn meaning(self) -> &'static str {
        match self {
            ProviderCode::NotHttps => "the request must use HTTPS",
            ProviderCode::UnrecognisedArgument => "a parameter was not recognised",
            ProviderCode::MissingArgument => "a required parameter is missing",
            ProviderCode::InvalidArgumentValue => "a parameter value is invalid",
            ProviderCode::UnknownError => "unknown error on the provider's side",
            ProviderCode::AuthenticationFailed => {
                "authentication failed: wrong credentials, locked account, expired password or blocked source IP"
            }
            ProviderCode::NotPost => "the request method must be POST",
            ProviderCode::CertificateWrongState => {
                "the certificate's state does not allow the operation"
            }
        }
    }
}

/// Failures on our side: no provider verdict was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[repr(i32)]
pub enum LocalCode {
    /// An argument is empty, too long, or contains a control character; nothing was sent.
    InvalidArgument = 1,
    /// A required pointer was NULL (C ABI); nothing was sent.
    NullPointer = 2,
    /// A string was not valid UTF-8 (C ABI); nothing was sent.
    InvalidUtf8 = 3,
    /// The client configuration is unusable (endpoint, CA certificates, proxy, timeouts).
    InvalidConfig = 4,
    /// No connection could be made; the request was not sent, so a retry is safe.
    ConnectFailed = 5,
    /// A timeout expired; the request may have reached the provider.
    Timeout = 6,
    /// The TLS handshake failed (for example an untrusted certificate).
    Tls = 7,
    /// The provider answered with an HTTP error status and no verdict in the body.
    HttpStatus = 8,
    /// The answer is not a provider verdict (HTML, empty, garbage, truncated).
    MalformedResponse = 9,
    /// The answer is larger than the body size cap.
    ResponseTooLarge = 10,
    /// The connection broke after the request was sent; the provider may have acted.
    ConnectionLost = 11,
    /// The provider answered with a redirect, which is never followed.
    Redirect = 12,
    /// A bug in this library (a caught panic).
    Internal = 13,
    /// A timeout expired before the request was sent (resolving, connecting, or no time left);
    /// a retry is safe.
    TimeoutBeforeSend = 14,
}

impl LocalCode {
    /// Every local code, in number order.
    pub const ALL: [LocalCode; 14] = [
        LocalCode::InvalidArgument,
        LocalCode::NullPointer,
        LocalCode::InvalidUtf8,
        LocalCode::InvalidConfig,
        LocalCode::ConnectFailed,
        LocalCode::Timeout,
        LocalCode::Tls,
        LocalCode::HttpStatus,
        LocalCode::MalformedResponse,
        LocalCode::ResponseTooLarge,
        LocalCode::ConnectionLost,
        LocalCode::Redirect,
        LocalCode::Internal,
        LocalCode::TimeoutBeforeSend,
    ];

    /// The local code for `code`, if it is one.
    pub fn from_code(code: i32) -> Option<LocalCode> {
        Self::ALL.into_iter().find(|known| known.code() == code)
    }

    /// The stable positive number.
    pub fn code(self) -> i32 {
        self as i32
    }

    /// A stable snake_case name (C constants are `SECTIGO_SPS_` + the name in upper case).
    pub fn name(self) -> &'static str {
        match self {
            LocalCode::InvalidArgument => "invalid_argument",
            LocalCode::NullPointer => "null_pointer",
            LocalCode::InvalidUtf8 => "invalid_utf8",
            LocalCode::InvalidConfig => "invalid_config",
            LocalCode::ConnectFailed => "connect_failed",
            LocalCode::Timeout => "timeout",
            LocalCode::Tls => "tls",
            LocalCode::HttpStatus => "http_status",
            LocalCode::MalformedResponse => "malformed_response",
            LocalCode::ResponseTooLarge => "response_too_large",
            LocalCode::ConnectionLost => "connection_lost",
            LocalCode::Redirect => "redirect",
            LocalCode::Internal => "internal",
            LocalCode::TimeoutBeforeSend => "timeout_before_send",
        }
    }

    /// One line on what happened.
    pub fn meaning(self) -> &'static str {
        match self {
            LocalCode::InvalidArgument => "an argument is invalid; nothing was sent",
            LocalCode::NullPointer => "a required pointer was NULL; nothing was sent",
            LocalCode::InvalidUtf8 => "a string is not valid UTF-8; nothing was sent",
            LocalCode::InvalidConfig => "the client configuration is invalid",
            LocalCode::ConnectFailed => "could not connect; the request was not sent",
            LocalCode::Timeout => "timed out; the request may have reached the provider",
            LocalCode::Tls => "the TLS handshake failed",
            LocalCode::HttpStatus => "HTTP error status without a provider verdict",
            LocalCode::MalformedResponse => "the answer is not a provider verdict",
            LocalCode::ResponseTooLarge => "the answer exceeds the size cap",
            LocalCode::ConnectionLost => {
                "the connection broke after the request was sent; the provider may have acted"
            }
            LocalCode::Redirect => "the provider redirected; redirects are never followed",
            LocalCode::Internal => "internal error in the library",
            LocalCode::TimeoutBeforeSend => {
                "timed out before the request was sent; a retry is safe"
            }
        }
    }
}

/// The broad kind of a status code: what bindings map to exception classes and sentinel errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// Code 0.
    Success,
    /// The provider refused the credentials (-16).
    Authentication,
    /// The provider refused the request's form (-1, -2, -3, -4, -17).
    InvalidRequest,
    /// The provider refused because of the certificate's state (-122).
    CertificateState,
    /// Any other provider verdict, including codes this library has no name for.
    ProviderOther,
    /// A local argument check failed (codes 1, 2, 3); nothing was sent.
    InvalidArgument,
    /// The configuration is unusable (code 4).
    InvalidConfig,
    /// Connecting failed or the connection broke (codes 5, 11).
    Connection,
    /// A timeout expired (codes 6, 14).
    Timeout,
    /// TLS failed (code 7).
    Tls,
    /// The answer was not a provider verdict (codes 8, 9, 10, 12).
    MalformedResponse,
    /// A bug in this library, or a code this version does not know (code 13 and unknown positives).
    Internal,
}

impl Category {
    /// The category of any status code.
    pub fn of(code: i32) -> Category {
        if code == SUCCESS {
            return Category::Success;
        }
        if code < 0 {
            return match ProviderCode::from_code(code) {
                Some(ProviderCode::AuthenticationFailed) => Category::Authentication,
                Some(
                    ProviderCode::NotHttps
                    | ProviderCode::UnrecognisedArgument
                    | ProviderCode::MissingArgument
                    | ProviderCode::InvalidArgumentValue
                    | ProviderCode::NotPost,
                ) => Category::InvalidRequest,
                Some(ProviderCode::CertificateWrongState) => Category::CertificateState,
                Some(ProviderCode::UnknownError) | None => Category::ProviderOther,
            };
        }
        match LocalCode::from_code(code) {
            Some(LocalCode::InvalidArgument | LocalCode::NullPointer | LocalCode::InvalidUtf8) => {
                Category::InvalidArgument
            }
            Some(LocalCode::InvalidConfig) => Category::InvalidConfig,
            Some(LocalCode::ConnectFailed | LocalCode::ConnectionLost) => Category::Connection,
            Some(LocalCode::Timeout | LocalCode::TimeoutBeforeSend) => Category::Timeout,
            Some(LocalCode::Tls) => Category::Tls,
            Some(
                LocalCode::HttpStatus
                | LocalCode::MalformedResponse
                | LocalCode::ResponseTooLarge
                | LocalCode::Redirect,
            ) => Category::MalformedResponse,
            Some(LocalCode::Internal) | None => Category::Internal,
        }
    }

    /// A stable snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Category::Success => "success",
            Category::Authentication => "authentication",
            Category::InvalidRequest => "invalid_request",
            Category::CertificateState => "certificate_state",
            Category::ProviderOther => "provider_other",
            Category::InvalidArgument => "invalid_argument",
            Category::InvalidConfig => "invalid_config",
            Category::Connection => "connection",
            Category::Timeout => "timeout",
            Category::Tls => "tls",
            Category::MalformedResponse => "malformed_response",
            Category::Internal => "internal",
        }
    }

    /// True for verdicts the provider sent (negative codes).
    pub fn is_provider_verdict(self) -> bool {
        matches!(
            self,
            Category::Authentication
                | Category::InvalidRequest
                | Category::CertificateState
                | Category::ProviderOther
        )
    }
}

/// True only for codes after which the request certainly never reached the provider, so sending
/// it again cannot send a second email: [`LocalCode::ConnectFailed`] and
/// [`LocalCode::TimeoutBeforeSend`]. Provider verdicts are never safe to retry automatically.
pub fn is_safe_to_retry(code: i32) -> bool {
    code == LocalCode::ConnectFailed.code() || code == LocalCode::TimeoutBeforeSend.code()
}

/// The stable name of any status code: `ok`, a provider code's or local code's name,
/// `provider_unlisted` for a negative code this library has no name for, `unknown` otherwise.
pub fn status_name(code: i32) -> &'static str {
    if code == SUCCESS {
        "ok"
    } else if let Some(known) = ProviderCode::from_code(code) {
        known.name()
    } else if code < 0 {
        "provider_unlisted"
    } else if let Some(local) = LocalCode::from_code(code) {
        local.name()
    } else {
        "unknown"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_numbers_are_unique_across_the_table() {
        let mut names = HashSet::from(["ok", "provider_unlisted", "unknown"]);
        let mut numbers = HashSet::from([SUCCESS]);
        for code in ProviderCode::ALL {
            assert!(code.code() < 0);
            assert!(names.insert(code.name()), "duplicate name {}", code.name());
            assert!(numbers.insert(code.code()));
        }
        for code in LocalCode::ALL {
            assert!(code.code() > 0);
            assert!(names.insert(code.name()), "duplicate name {}", code.name());
            assert!(numbers.insert(code.code()));
        }
    }

    #[test]
    fn local_codes_are_stable() {
        let numbers: Vec<i32> = LocalCode::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(numbers, (1..=14).collect::<Vec<_>>());
    }

    #[test]
    fn provider_codes_are_the_documented_numbers() {
        let numbers: Vec<i32> = ProviderCode::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(numbers, vec![-1, -2, -3, -4, -14, -16, -17, -122]);
    }

    #[test]
    fn status_names() {
        assert_eq!(status_name(0), "ok");
        assert_eq!(status_name(-16), "authentication_failed");
        assert_eq!(status_name(-9901), "provider_unlisted");
        assert_eq!(status_name(6), "timeout");
        assert_eq!(status_name(999), "unknown");
    }

    #[test]
    fn categories() {
        assert_eq!(Category::of(0), Category::Success);
        assert_eq!(Category::of(-16), Category::Authentication);
        assert_eq!(Category::of(-17), Category::InvalidRequest);
        assert_eq!(Category::of(-122), Category::CertificateState);
        assert_eq!(Category::of(-14), Category::ProviderOther);
        assert_eq!(Category::of(-42), Category::ProviderOther);
        assert_eq!(Category::of(3), Category::InvalidArgument);
        assert_eq!(Category::of(11), Category::Connection);
        assert_eq!(Category::of(12), Category::MalformedResponse);
        assert_eq!(Category::of(500), Category::Internal);
        assert!(Category::of(-42).is_provider_verdict());
        assert!(!Category::of(6).is_provider_verdict());
        assert_eq!(Category::of(14), Category::Timeout);
    }

    #[test]
    fn only_unsent_failures_are_safe_to_retry() {
        let safe: Vec<i32> = (-200..200).filter(|code| is_safe_to_retry(*code)).collect();
        assert_eq!(safe, vec![5, 14]);
    }
}
