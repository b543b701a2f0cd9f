//! The command's exit statuses: stable and documented in `--help`.

use std::process::ExitCode;

use sectigo_sps::Category;

pub const EXIT_CODES_HELP: &str = "\
Exit status:
  0  the provider accepted: the invitation email was resent
  1  the provider rejected the request (its code and message are printed)
  2  usage error: bad arguments, missing credentials, invalid configuration
  3  network failure: could not connect, timed out, TLS failed, connection lost
  4  the answer was not a provider verdict (HTTP error page, garbage, redirect, too large)
  5  internal error in this tool";

/// One of the documented exit statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    ProviderRejected = 1,
    Usage = 2,
    Network = 3,
    MalformedResponse = 4,
    Internal = 5,
}

impl Exit {
    pub fn for_category(category: Category) -> Exit {
        match category {
            Category::Success => Exit::Success,
            Category::Authentication
            | Category::InvalidRequest
            | Category::CertificateState
            | Category::ProviderOther => Exit::ProviderRejected,
            Category::InvalidArgument | Category::InvalidConfig => Exit::Usage,
            Category::Connection | Category::Timeout | Category::Tls => Exit::Network,
            Category::MalformedResponse => Exit::MalformedResponse,
            _ => Exit::Internal,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}
