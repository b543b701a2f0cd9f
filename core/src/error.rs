//! The one error type of the crate.

use crate::code::{Category, LocalCode};

/// The shortest secret removed from provider verdicts (see `Error::without_secret`).
const MIN_SCRUBBED_IN_VERDICTS: usize = 6;

/// A verdict from the provider other than success: its code and message, unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderError {
    pub(crate) code: i32,
    pub(crate) message: String,
    pub(crate) parameter: Option<String>,
}

impl ProviderError {
    /// The provider's negative code, exactly as sent (named or not).
    pub fn code(&self) -> i32 {
        self.code
    }

    /// The provider's message, exactly as sent (empty when the body had no message line).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The parameter the provider named in a -2/-3/-4 verdict, when it named one.
    pub fn parameter(&self) -> Option<&str> {
        self.parameter.as_deref()
    }
}

/// Why a call did not succeed.
///
/// Every variant maps to one status code ([`Error::code`]); the message for bindings is
/// [`Error::message`]. No variant ever holds the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The provider answered with a negative code.
    #[error("the provider rejected the request with code {}: {}", .0.code, .0.message)]
    Provider(ProviderError),
    /// An argument failed the local checks; nothing was sent.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The client configuration is unusable.
    #[error("invalid configuration: {0}")]
    InvalidConfig(String),
    /// No connection could be made; the request was not sent.
    #[error("could not connect to {host}: {reason}")]
    ConnectFailed {
        /// Host and port that was tried.
        host: String,
        /// What went wrong.
        reason: String,
    },
    /// A timeout expired.
    #[error("timed out {phase}; {}", if *.request_sent { "the request may have reached the provider" } else { "the request was not sent" })]
    Timeout {
        /// Where the call was when time ran out.
        phase: String,
        /// Whether the request may have reached the provider.
        request_sent: bool,
    },
    /// The TLS handshake failed.
    #[error("TLS handshake with the provider failed: {0}")]
    Tls(String),
    /// An HTTP error status with a body that is not a verdict.
    #[error("the provider answered HTTP {status} without a verdict; body: {excerpt}")]
    HttpStatus {
        /// The HTTP status.
        status: u16,
        /// A short, escaped excerpt of the body.
        excerpt: String,
    },
    /// A body that is not a verdict.
    #[error("the answer is not a provider verdict (HTTP {status}); body: {excerpt}")]
    MalformedResponse {
        /// The HTTP status, 0 when the HTTP framing itself was broken.
        status: u16,
        /// A short, escaped excerpt of the body, or what was wrong with the framing.
        excerpt: String,
    },
    /// The body exceeded the size cap.
    #[error("the answer is larger than the {limit}-byte cap (HTTP {status})")]
    ResponseTooLarge {
        /// The HTTP status.
        status: u16,
        /// The cap in bytes.
        limit: u64,
    },
    /// The connection broke after the request was sent.
    #[error("the connection broke after the request was sent ({0}); the provider may have acted")]
    ConnectionLost(String),
    /// A redirect, never followed because it would re-send the credentials elsewhere.
    #[error(
        "the provider answered HTTP {status} redirecting to {location}; redirects are not followed because they would re-send the credentials"
    )]
    Redirect {
        /// The HTTP status.
        status: u16,
        /// The escaped, shortened `Location` header.
        location: String,
    },
}

impl Error {
    /// The status code from the table in [`crate::code`]: the provider's negative code, or a
    /// positive local code.
    pub fn code(&self) -> i32 {
        match self {
            Error::Provider(verdict) => verdict.code,
            Error::InvalidArgument(_) => LocalCode::InvalidArgument.code(),
            Error::InvalidConfig(_) => LocalCode::InvalidConfig.code(),
            Error::ConnectFailed { .. } => LocalCode::ConnectFailed.code(),
            Error::Timeout {
                request_sent: true, ..
            } => LocalCode::Timeout.code(),
            Error::Timeout {
                request_sent: false,
                ..
            } => LocalCode::TimeoutBeforeSend.code(),
            Error::Tls(_) => LocalCode::Tls.code(),
            Error::HttpStatus { .. } => LocalCode::HttpStatus.code(),
            Error::MalformedResponse { .. } => LocalCode::MalformedResponse.code(),
            Error::ResponseTooLarge { .. } => LocalCode::ResponseTooLarge.code(),
            Error::ConnectionLost(_) => LocalCode::ConnectionLost.code(),
            Error::Redirect { .. } => LocalCode::Redirect.code(),
        }
    }

    /// The message bindings hand to their callers: the provider's message unchanged for a
    /// verdict, our description otherwise.
    pub fn message(&self) -> String {
        match self {
            Error::Provider(verdict) => verdict.message.clone(),
            other => other.to_string(),
        }
    }

    /// The broad kind of the error.
    pub fn category(&self) -> Category {
        Category::of(self.code())
    }

    /// The provider's verdict, when there is one.
    pub fn provider(&self) -> Option<&ProviderError> {
        match self {
            Error::Provider(verdict) => Some(verdict),
            _ => None,
        }
    }

    /// True when the request certainly never reached the provider, so sending it again cannot
    /// send a second email. Provider verdicts are never safe to retry automatically.
    pub fn is_safe_to_retry(&self) -> bool {
        crate::code::is_safe_to_retry(self.code())
    }

    /// Removes every occurrence of `secret` from a provider verdict, so that a hostile or broken
    /// server echoing the password cannot get it into logs through us. (Excerpts of non-verdict
    /// bodies are scrubbed before they are cut and escaped: see `response::excerpt`.)
    ///
    /// Only secrets of at least [`MIN_SCRUBBED_IN_VERDICTS`] characters are removed: a short
    /// password (`x`) would otherwise mangle the provider's own wording, which must reach the
    /// caller unchanged.
    pub(crate) fn without_secret(self, secret: &str) -> Error {
        match self {
            Error::Provider(mut verdict) if secret.chars().count() >= MIN_SCRUBBED_IN_VERDICTS => {
                verdict.message = verdict.message.replace(secret, "<redacted>");
                verdict.parameter = verdict
                    .parameter
                    .map(|parameter| parameter.replace(secret, "<redacted>"));
                Error::Provider(verdict)
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_texts_lose_the_secret() {
        let echoed = Error::Provider(ProviderError {
            code: -4,
            message: String::from("The value 'pw&1234' of 'pw&1234' is invalid!"),
            parameter: Some(String::from("pw&1234")),
        })
        .without_secret("pw&1234");
        assert_eq!(
            echoed.message(),
            "The value '<redacted>' of '<redacted>' is invalid!"
        );
        assert_eq!(echoed.provider().unwrap().parameter(), Some("<redacted>"));

        let short = Error::Provider(ProviderError {
            code: -16,
            message: String::from("password has expired"),
            parameter: None,
        });
        assert_eq!(
            short.clone().without_secret("x"),
            short,
            "verdict wording kept"
        );
    }
}
