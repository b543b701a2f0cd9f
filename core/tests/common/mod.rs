//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use sectigo_sps::{Client, ClientBuilder, Credentials, ProxySetting};
use sectigo_sps_sandbox::{Sandbox, SandboxConfig};

/// One line of `tests/vectors/vectors.tsv`.
#[derive(Debug)]
pub struct Vector {
    pub name: String,
    pub http_status: u16,
    pub body: Vec<u8>,
    pub code: i32,
    pub message: String,
}

pub fn vectors_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/vectors.tsv")
}

pub fn vectors() -> Vec<Vector> {
    let text = std::fs::read_to_string(vectors_path()).expect("vectors.tsv");
    text.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 5, "bad vector line {line:?}");
            Vector {
                name: fields[0].to_string(),
                http_status: fields[1].parse().unwrap(),
                body: unescape(fields[2]),
                code: fields[3].parse().unwrap(),
                message: String::from_utf8(unescape(fields[4])).unwrap(),
            }
        })
        .collect()
}

/// `\n`, `\r`, `\t`, `\\` and `\xHH`, as the format in tests/vectors/README.md defines.
fn unescape(field: &str) -> Vec<u8> {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        match bytes[i + 1] {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'\\' => out.push(b'\\'),
            b'x' => {
                let hex = std::str::from_utf8(&bytes[i + 2..i + 4]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 2;
            }
            other => panic!("unknown escape \\{}", other as char),
        }
        i += 2;
    }
    out
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
