//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use sectigo_sps::{Client, ClientBuilder, Credentials, ProxySetting};
use sectigo_sps_sandbox::{Sandbox, SandboxConfig};

pub use sectigo_sps_sandbox::vectors::Vector;

pub fn vectors_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/vectors.tsv")
}

/// `tests/vectors/vectors.tsv`, read with the sandbox's parser (the one that serves them).
pub fn vectors() -> Vec<Vector> {
    let text = std::fs::read_to_string(vectors_path()).expect("vectors.tsv");
    let vectors = sectigo_sps_sandbox::vectors::Vectors::parse(&text).expect("valid vectors");
    vectors.iter().cloned().collect()
}

pub const LOGIN_NAME: &str = sectigo_sps_sandbox::SANDBOX_LOGIN_NAME;
pub const PASSWORD: &str = sectigo_sps_sandbox::SANDBOX_LOGIN_PASSWORD;

pub fn credentials() -> Credentials {
    Credentials::new(LOGIN_NAME, PASSWORD)
}

pub fn start_sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig {
        plain_http: true,
        slow: Duration::from_secs(3),
        ..SandboxConfig::default()
    })
    .expect("sandbox starts")
}

/// A builder that trusts only the sandbox's CA and bypasses any proxy in the environment.
pub fn builder_for(sandbox: &Sandbox) -> ClientBuilder {
    Client::builder()
        .endpoint(sandbox.base_url())
        .add_root_certificates_pem(sandbox.ca_pem())
        .use_system_roots(false)
        .proxy(ProxySetting::None)
        .timeout(Duration::from_secs(1))
        .connect_timeout(Duration::from_secs(1))
}

pub fn client_for(sandbox: &Sandbox) -> Client {
    builder_for(sandbox).build().expect("client builds")
}
