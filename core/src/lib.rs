//! A client for Sectigo's partner API ("SPS"): resend the S/MIME invitation email of an order.
//!
//! ```
//! use sectigo_sps::{Client, Credentials, ProxySetting};
//! # let sandbox = sectigo_sps_sandbox::Sandbox::start(Default::default()).unwrap();
//! # let (base_url, ca_pem) = (sandbox.base_url(), sandbox.ca_pem());
//!
//! // Build once, reuse: the client pools connections and is safe to share between threads.
//! let client = Client::builder()
//!     .endpoint(base_url)              // default: https://secure.trust-provider.com/products/
//!     .add_root_certificates_pem(ca_pem)
//!     .use_system_roots(false)
//!     .proxy(ProxySetting::None)
//!     .build()?;
//! let credentials = Credentials::new("sandbox-user", "s3cr&t=p%+ss word");
//!
//! match client.resend_invitation_email_smime(&credentials, "1000001") {
//!     Ok(()) => println!("invitation sent"),
//!     Err(error) => eprintln!("code {}: {}", error.code(), error.message()),
//! }
//!
//! // Every verdict and failure is one status code; provider codes come through unchanged.
//! let error = client
//!     .resend_invitation_email_smime(&credentials, "1000122")
//!     .unwrap_err();
//! assert_eq!(error.code(), -122);
//! assert_eq!(error.message(), "The Certificate is in wrong state.");
//! # Ok::<(), sectigo_sps::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod client;
pub mod code;
mod credentials;
mod endpoint;
mod error;
pub mod request;
mod resolver;
pub mod response;
mod roots;

pub use client::{Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, ProxySetting};
pub use code::{Category, LocalCode, ProviderCode, status_name};
pub use credentials::Credentials;
pub use endpoint::{DEFAULT_BASE_URL, RESEND_INVITATION_EMAIL_SMIME};
pub use error::{Error, ProviderError};
pub use roots::check_root_certificates_pem;

/// The library's version, from Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
