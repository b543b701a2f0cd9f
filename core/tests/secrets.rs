//! The password must not surface anywhere: errors, Debug output, log records.

mod common;

use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use common::*;
use sectigo_sps::{Client, Credentials, Error, ProxySetting};

/// Captures every log record of every crate at every level.
struct Capture(Mutex<Vec<String>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        self.0.lock().unwrap().push(format!(
            "{} {} {}",
            record.level(),
            record.target(),
            record.args()
        ));
    }
    fn flush(&self) {}
}

fn capture() -> &'static Capture {
    static CAPTURE: OnceLock<&'static Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture: &'static Capture = Box::leak(Box::new(Capture(Mutex::new(Vec::new()))));
        log::set_logger(capture).unwrap();
        log::set_max_level(log::LevelFilter::Trace);
        capture
    })
}

fn assert_hidden(text: &str, password: &str, what: &str) {
    assert!(
        !text.contains(password),
        "{what} shows the password: {text}"
    );
    let encoded = serde_urlencoded_password(password);
    assert!(
        !text.contains(&encoded),
        "{what} shows the encoded password: {text}"
    );
}

fn serde_urlencoded_password(password: &str) -> String {
    // How the password looks inside the form body.
    password
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[test]
fn the_password_appears_in_no_error_debug_or_log_line_for_any_failure() {
    let logs = capture();
    let sandbox = start_sandbox();
    let client = client_for(&sandbox);
    // A distinctive password, so a match can only be a leak.
    let secret = "Zq9&Secret=Pass%word+X";
    let credentials = Credentials::new(LOGIN_NAME, secret);
    let correct = common::credentials();

    let mut errors: Vec<Error> = Vec::new();
    // -16 with the wrong password; every other kind with the right one.
    errors.push(
        client
            .resend_invitation_email_smime(&credentials, "1000001")
            .unwrap_err(),
    );
    for order in [
        "1000122", "1000014", "1000901", "abc", "9000001", "9000500", "9000002", "9000003",
        "9000004", "9000302",
    ] {
        errors.push(
            client
                .resend_invitation_email_smime(&correct, order)
                .unwrap_err(),
        );
    }
    for vector in vectors().iter().filter(|v| v.code != 0) {
        let order = format!("vector-{}", vector.name);
        errors.push(
            client
                .resend_invitation_email_smime(&correct, &order)
                .unwrap_err(),
        );
    }
    // Local failures carrying the secret as an argument.
    errors.push(
        client
            .resend_invitation_email_smime(
                &Credentials::new(LOGIN_NAME, format!("{secret}\n")),
                "1",
            )
            .unwrap_err(),
    );
    errors.push(
        client
            .resend_invitation_email_smime(&Credentials::new(LOGIN_NAME, secret.repeat(10)), "1")
            .unwrap_err(),
    );
    let tls_client = Client::builder()
        .endpoint(sandbox.base_url())
        .add_root_certificates_pem(start_sandbox().ca_pem())
        .use_system_roots(false)
        .proxy(ProxySetting::None)
        .build()
        .unwrap();
    errors.push(
        tls_client
            .resend_invitation_email_smime(&credentials, "1000001")
            .unwrap_err(),
    );

    // Nothing listening: connect_failed; the zero deadline: timeout_before_send.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let refused_client = builder_for(&sandbox)
        .endpoint(format!("https://{closed}/products/"))
        .build()
        .unwrap();
    errors.push(
        refused_client
            .resend_invitation_email_smime(&credentials, "1000001")
            .unwrap_err(),
    );
    errors.push(
        client
            .resend_invitation_email_smime_within(&credentials, "1000001", Duration::ZERO)
            .unwrap_err(),
    );
    // Configuration errors where the secret sits in a URL.
    for (endpoint, proxy) in [
        (
            format!("https://user:{secret}@127.0.0.1/products/"),
            ProxySetting::None,
        ),
        (
            sandbox.base_url(),
            ProxySetting::Url(format!("http://user:{secret}@ bad host")),
        ),
    ] {
        errors.push(
            Client::builder()
                .endpoint(endpoint)
                .proxy(proxy)
                .build()
                .unwrap_err(),
        );
    }

    let mut kinds: Vec<i32> = errors.iter().map(Error::code).collect();
    kinds.sort();
    kinds.dedup();
    // Every local kind a call or a build can produce (2, 3 and 13 exist only in the C ABI),
    // and the provider's verdicts.
    assert_eq!(
        kinds,
        vec![
            -9999, -9901, -122, -42, -20, -17, -16, -14, -4, -3, -2, -1, 1, 4, 5, 6, 7, 8, 9, 10,
            11, 12, 14
        ]
    );
    for error in &errors {
        for text in [
            error.to_string(),
            error.message(),
            format!("{error:?}"),
            format!("{error:#?}"),
        ] {
            assert_hidden(&text, secret, "an error");
            assert_hidden(&text, PASSWORD, "an error");
        }
    }
    assert_hidden(&format!("{credentials:?}"), secret, "Credentials Debug");
    assert_hidden(&format!("{client:?}"), secret, "Client Debug");
    let lines = logs.0.lock().unwrap();
    assert!(!lines.is_empty(), "the capture saw no log records at all");
    for line in lines.iter() {
        assert_hidden(line, secret, "a log line");
        assert_hidden(line, PASSWORD, "a log line");
    }
}

#[test]
fn a_server_echoing_the_password_does_not_get_it_into_our_errors() {
    // Order 9000005 answers with a page repeating the password, decoded and form-encoded.
    let passwords = [
        // Escaped by the excerpt (`"` and `\`): a scrub after escaping would miss it.
        "pa\"ss&w\\ord1",
        // Long enough to straddle the excerpt's cut: no prefix of it may show.
        "LongSecretPassword-0123456789-abcdefghij",
    ];
    for password in passwords {
        let sandbox = sectigo_sps_sandbox::Sandbox::start(sectigo_sps_sandbox::SandboxConfig {
            credentials: (LOGIN_NAME.to_string(), password.to_string()),
            ..Default::default()
        })
        .unwrap();
        let error = client_for(&sandbox)
            .resend_invitation_email_smime(&Credentials::new(LOGIN_NAME, password), "9000005")
            .unwrap_err();
        assert_eq!(error.code(), 8, "{error}");
        let shown = format!("{error} {} {error:?}", error.message());
        assert!(shown.contains("<redacted>"), "{shown}");
        assert!(!shown.contains(&password[..8]), "{shown}");
        assert_hidden(&shown, password, "an echoed page");
    }
}
