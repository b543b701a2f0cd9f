//! A local HTTPS emulator of Sectigo's `POST /products/!ResendInvitationEmailSMIME`.
//!
//! Independent of the client crate on purpose: it encodes the provider's documented behaviour
//! (see `shared/api/resend-invitation-email-smime.md`), so a client bug cannot hide behind a
//! shared misunderstanding. Start it in-process with [`Sandbox::start`], or run the
//! `sectigo-sps-sandbox` binary, which prints its base URL on its first stdout line.

mod fixture;
mod http;
mod provider;
mod record;
mod server;
mod tls;
pub mod vectors;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

pub use fixture::DEFAULT_FIXTURE;
pub use record::{Invitation, RecordedRequest, Stats};
pub use server::Sandbox;

/// The sandbox's login name, accepted unless [`SandboxConfig::credentials`] says otherwise.
pub const SANDBOX_LOGIN_NAME: &str = "sandbox-user";
/// The sandbox's password. `&`, `=`, `%`, `+` and a space are there on purpose: a client that
/// does not percent-encode its form (or encodes it twice) gets `-16`.
pub const SANDBOX_LOGIN_PASSWORD: &str = "s3cr&t=p%+ss word";
/// The endpoint's path, with the `!` sent literally.
pub const ENDPOINT_PATH: &str = "/products/!ResendInvitationEmailSMIME";

/// How to start a [`Sandbox`].
#[derive(Clone)]
pub struct SandboxConfig {
    /// Also listen for plain HTTP (on another port), where the endpoint answers `-1`.
    pub plain_http: bool,
    /// How long the slow fault order (`9000001`) waits before answering.
    pub slow: Duration,
    /// An order fixture file replacing the built-in [`DEFAULT_FIXTURE`].
    pub fixture: Option<PathBuf>,
    /// The shared response vectors, served for orders `vector-NAME`.
    pub vectors: Option<PathBuf>,
    /// HTTPS port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// (loginName, loginPassword) the sandbox accepts.
    pub credentials: (String, String),
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            plain_http: false,
            slow: Duration::from_secs(3),
            fixture: None,
            vectors: default_vectors_path(),
            port: 0,
            credentials: (
                SANDBOX_LOGIN_NAME.to_string(),
                SANDBOX_LOGIN_PASSWORD.to_string(),
            ),
        }
    }
}

// Hand-written so that a config printed in a test failure does not spread the password around.
impl fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("plain_http", &self.plain_http)
            .field("slow", &self.slow)
            .field("fixture", &self.fixture)
            .field("vectors", &self.vectors)
            .field("port", &self.port)
            .field("credentials", &(&self.credentials.0, "<redacted>"))
            .finish()
    }
}

/// The repository's `tests/vectors/vectors.tsv`, found from this crate's source directory, when
/// that file exists (it is written by another part of the project and may not yet).
pub fn default_vectors_path() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/vectors.tsv");
    path.is_file().then_some(path)
}
