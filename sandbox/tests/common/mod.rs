//! Shared helpers for the sandbox's socket-level tests.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use sectigo_sps_sandbox::{
    ENDPOINT_PATH, SANDBOX_LOGIN_NAME, SANDBOX_LOGIN_PASSWORD, Sandbox, SandboxConfig,
};

/// Vectors exercising what a byte-exact server must preserve: CRLF, a raw 0xFF byte, a non-200
/// status, and a body without a trailing newline.
pub const TEST_VECTORS: &str = "# test vectors\n\
ok\t200\t0\\n\t0\t\n\
crlf_extra\t200\t-122\\r\\nThe Certificate is in wrong state.\\r\\nextra\\xff\t-122\tThe Certificate is in wrong state.\n\
proxy_html\t502\t<html>bad gateway</html>\t9\tx\n";

/// A fresh directory per call, so tests running in parallel do not share files.
pub fn temp_dir() -> PathBuf {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "sectigo-sps-sandbox-test-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn config() -> SandboxConfig {
    let vectors = temp_dir().join("vectors.tsv");
    std::fs::write(&vectors, TEST_VECTORS).unwrap();
    SandboxConfig {
        plain_http: true,
        slow: Duration::from_millis(400),
        vectors: Some(vectors),
        ..SandboxConfig::default()
    }
}

pub fn start() -> Sandbox {
    Sandbox::start(config()).unwrap()
}

pub fn endpoint(sandbox: &Sandbox) -> String {
    format!("{}!ResendInvitationEmailSMIME", sandbox.base_url())
}

pub fn control_url(sandbox: &Sandbox, path: &str) -> String {
    format!("https://{}/_sandbox/{path}", sandbox.https_addr())
}

/// A client trusting only this sandbox's CA; statuses are returned, redirects not followed.
pub fn agent(sandbox: &Sandbox) -> ureq::Agent {
    let ca = ureq::tls::Certificate::from_pem(sandbox.ca_pem().as_bytes()).unwrap();
    ureq::Agent::config_builder()
        .tls_config(
            ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::new_with_certs(&[ca]))
                .build(),
        )
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

pub fn order_form(order: &str) -> Vec<(&'static str, String)> {
    vec![
        ("loginName", SANDBOX_LOGIN_NAME.to_string()),
        ("loginPassword", SANDBOX_LOGIN_PASSWORD.to_string()),
        ("orderNumber", order.to_string()),
    ]
}

/// POSTs a form (ureq percent-encodes it) and returns the status and body.
pub fn post_form(agent: &ureq::Agent, url: &str, form: &[(&str, String)]) -> (u16, String) {
    let pairs: Vec<(&str, &str)> = form
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    let mut response = agent.post(url).send_form(pairs).unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_string().unwrap())
}

pub fn resend(sandbox: &Sandbox, order: &str) -> (u16, String) {
    post_form(&agent(sandbox), &endpoint(sandbox), &order_form(order))
}

pub fn form_body(order: &str) -> String {
    serde_urlencoded::to_string(order_form(order)).unwrap()
}

/// Sends raw bytes over TLS and returns every byte read until the server closes (or the read
/// fails, as it does when the sandbox drops a connection without close_notify).
pub fn raw_tls(sandbox: &Sandbox, request: &[u8]) -> Vec<u8> {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(sandbox.ca_pem().as_bytes()).unwrap())
        .unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let connection =
        rustls::ClientConnection::new(Arc::new(config), ServerName::try_from("127.0.0.1").unwrap())
            .unwrap();
    let tcp = TcpStream::connect(sandbox.https_addr()).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut stream = rustls::StreamOwned::new(connection, tcp);
    stream.write_all(request).unwrap();
    stream.flush().unwrap();
    read_until_close(&mut stream)
}

pub fn raw_plain(addr: std::net::SocketAddr, request: &[u8]) -> Vec<u8> {
    let mut tcp = TcpStream::connect(addr).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    tcp.write_all(request).unwrap();
    read_until_close(&mut tcp)
}

fn read_until_close(stream: &mut impl Read) -> Vec<u8> {
    let mut received = Vec::new();
    let mut chunk = [0u8; 16384];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return received,
            Ok(n) => received.extend_from_slice(&chunk[..n]),
        }
    }
}

/// A POST of `body` to the endpoint that asks the server to close afterwards.
pub fn raw_post(body: &str) -> Vec<u8> {
    format!(
        "POST {ENDPOINT_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Splits a raw response into its head (as text) and body bytes.
pub fn split_response(raw: &[u8]) -> (String, Vec<u8>) {
    let end = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("a complete response head");
    (
        String::from_utf8(raw[..end].to_vec()).unwrap(),
        raw[end + 4..].to_vec(),
    )
}
