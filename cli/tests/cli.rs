//! The `sectigo-sps` binary, run as an operator would, against an in-process sandbox.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use sectigo_sps_sandbox::{SANDBOX_LOGIN_NAME, SANDBOX_LOGIN_PASSWORD, Sandbox, SandboxConfig};

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            status: output.status.code().expect("exited"),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }
}

fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sectigo-sps"));
    for variable in ["SECTIGO_LOGIN_NAME", "SECTIGO_LOGIN_PASSWORD"] {
        command.env_remove(variable);
    }
    command
}

struct Fixture {
    sandbox: Sandbox,
    ca_path: std::path::PathBuf,
    _dir: TempDir,
}

struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fixture() -> Fixture {
    let sandbox = Sandbox::start(SandboxConfig {
        plain_http: true,
        ..SandboxConfig::default()
    })
    .unwrap();
    let dir = std::env::temp_dir().join(format!(
        "sectigo-sps-cli-test-{}-{}",
        std::process::id(),
        sandbox
            .base_url()
            .rsplit(':')
            .next()
            .unwrap()
            .trim_end_matches("/products/")
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let ca_path = dir.join("ca.pem");
    std::fs::write(&ca_path, sandbox.ca_pem()).unwrap();
    Fixture {
        sandbox,
        ca_path,
        _dir: TempDir(dir),
    }
}

/// `resend-invitation` against the fixture's sandbox, credentials from the environment.
fn resend(fixture: &Fixture, password: &str, order: &str, extra: &[&str]) -> Run {
    command()
        .args([
            "resend-invitation",
            "--order",
            order,
            "--no-system-roots",
            "--no-proxy",
        ])
        .args(["--timeout", "1", "--endpoint", &fixture.sandbox.base_url()])
        .arg("--ca-cert")
        .arg(&fixture.ca_path)
        .args(extra)
        .env("SECTIGO_LOGIN_NAME", SANDBOX_LOGIN_NAME)
        .env("SECTIGO_LOGIN_PASSWORD", password)
        .output()
        .unwrap()
        .into()
}

#[test]
fn sandbox_flag_runs_the_main_job() {
    let run: Run = command()
        .args(["resend-invitation", "--sandbox", "--order", "1000001"])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Invitation email resent for order 1000001.\nSandbox: recorded 1 invitation email(s) for order 1000001.\n"
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn success_with_environment_credentials_records_one_invitation() {
    let fixture = fixture();
    let run = resend(&fixture, SANDBOX_LOGIN_PASSWORD, "1000001", &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "Invitation email resent for order 1000001.\n");
    let invitations = fixture.sandbox.invitations();
    assert_eq!(invitations.len(), 1);
    assert_eq!(invitations[0].order_number, "1000001");
}

#[test]
fn password_file_and_standard_input() {
    let fixture = fixture();
    let password_path = fixture.ca_path.with_file_name("password");
    std::fs::write(&password_path, format!("{SANDBOX_LOGIN_PASSWORD}\n")).unwrap();
    let base = |source: &str| {
        let mut command = command();
        command
            .args([
                "resend-invitation",
                "--order",
                "1000002",
                "--no-system-roots",
                "--no-proxy",
            ])
            .args([
                "--endpoint",
                &fixture.sandbox.base_url(),
                "--login-name",
                SANDBOX_LOGIN_NAME,
            ])
            .arg("--ca-cert")
            .arg(&fixture.ca_path)
            .arg("--password-file")
            .arg(source);
        command
    };
    let run: Run = base(password_path.to_str().unwrap())
        .output()
        .unwrap()
        .into();
    assert_eq!(run.status, 0, "{}", run.stderr);

    let mut child = base("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{SANDBOX_LOGIN_PASSWORD}\r\n").as_bytes())
        .unwrap();
    let run: Run = child.wait_with_output().unwrap().into();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(fixture.sandbox.invitations().len(), 2);
}

#[test]
fn exit_statuses_and_hints_per_outcome() {
    let fixture = fixture();
    let cases: &[(&str, &str, i32, &str)] = &[
        (
            SANDBOX_LOGIN_PASSWORD,
            "1000122",
            1,
            "error: the provider rejected the request: code -122 (certificate_wrong_state): The Certificate is in wrong state.\n",
        ),
        (
            "wrong-password",
            "1000001",
            1,
            "error: the provider rejected the request: code -16 (authentication_failed): Incorrect login details, account is locked, password has expired or your source IP is blocked.\nhint: check the login name and password; the account may be locked, the password expired, or this source IP blocked. Not retried: repeated failures can lock the account.\n",
        ),
        (
            SANDBOX_LOGIN_PASSWORD,
            "1000901",
            1,
            "code -9901 (provider_unlisted): The required agreement has not been accepted.",
        ),
        (
            SANDBOX_LOGIN_PASSWORD,
            "9000001",
            3,
            "error: timeout (6): timed out before the answer arrived; the request may have reached the provider\nhint: the request may have reached the provider and the email may have been sent; check before running the command again.\n",
        ),
        (
            SANDBOX_LOGIN_PASSWORD,
            "9000003",
            3,
            "error: connection_lost (11)",
        ),
        (
            SANDBOX_LOGIN_PASSWORD,
            "9000500",
            4,
            "error: http_status (8): the provider answered HTTP 500 without a verdict",
        ),
        (
            SANDBOX_LOGIN_PASSWORD,
            "9000002",
            4,
            "error: malformed_response (9)",
        ),
        (
            SANDBOX_LOGIN_PASSWORD,
            "9000004",
            4,
            "error: response_too_large (10)",
        ),
        (SANDBOX_LOGIN_PASSWORD, "9000302", 4, "error: redirect (12)"),
        (
            SANDBOX_LOGIN_PASSWORD,
            &"9".repeat(129),
            2,
            "error: invalid_argument (1): invalid argument: orderNumber is 129 characters long; the provider accepts at most 128\n",
        ),
    ];
    for (password, order, status, stderr) in cases {
        let run = resend(&fixture, password, order, &[]);
        assert_eq!(run.status, *status, "order {order}: {}", run.stderr);
        assert!(
            run.stderr.contains(stderr),
            "order {order}: {:?}",
            run.stderr
        );
        assert_eq!(run.stdout, "", "order {order}");
    }
}

#[test]
fn terminal_output_escapes_control_characters_json_keeps_them() {
    let fixture = fixture();
    let order = "vector-control_characters_in_message";
    let run = resend(&fixture, SANDBOX_LOGIN_PASSWORD, order, &[]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .starts_with("error: the provider rejected the request: code -14 (unknown_provider_error): Bad\\u{1b}[31m red\\u{7}\n"),
        "{:?}",
        run.stderr
    );
    let run = resend(&fixture, SANDBOX_LOGIN_PASSWORD, order, &["--json"]);
    let value: serde_json::Value = serde_json::from_str(run.stdout.trim_end()).unwrap();
    assert_eq!(value["message"], "Bad\u{1b}[31m red\u{7}");
}

#[test]
fn json_output_is_one_object() {
    let fixture = fixture();
    let run = resend(&fixture, SANDBOX_LOGIN_PASSWORD, "abc", &["--json"]);
    assert_eq!(run.status, 1);
    let value: serde_json::Value = serde_json::from_str(run.stdout.trim_end()).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "ok": false, "order": "abc", "code": -4, "name": "invalid_argument_value",
            "category": "invalid_request",
            "message": "The value of the 'orderNumber' argument is invalid!",
            "parameter": "orderNumber", "safe_to_retry": false
        })
    );
    let run = resend(&fixture, SANDBOX_LOGIN_PASSWORD, "1000003", &["--json"]);
    assert_eq!(run.status, 0);
    let value: serde_json::Value = serde_json::from_str(run.stdout.trim_end()).unwrap();
    assert_eq!(
        value,
        serde_json::json!({"ok": true, "order": "1000003", "code": 0, "name": "ok", "category": "success", "message": ""})
    );
}

#[test]
fn usage_errors_exit_2_and_send_nothing() {
    let fixture = fixture();
    let missing: Run = command()
        .args([
            "resend-invitation",
            "--order",
            "1000001",
            "--endpoint",
            &fixture.sandbox.base_url(),
        ])
        .output()
        .unwrap()
        .into();
    assert_eq!(missing.status, 2);
    assert_eq!(
        missing.stderr,
        "error: no login name: set SECTIGO_LOGIN_NAME or pass --login-name\n"
    );
    let password_flag: Run = command()
        .args(["resend-invitation", "--order", "1", "--password", "x"])
        .output()
        .unwrap()
        .into();
    assert_eq!(password_flag.status, 2, "there is no password flag");
    let insecure: Run = command()
        .args(["resend-invitation", "--order", "1000001", "--no-proxy"])
        .args(["--endpoint", "http://example.com/products/"])
        .env("SECTIGO_LOGIN_NAME", SANDBOX_LOGIN_NAME)
        .env("SECTIGO_LOGIN_PASSWORD", SANDBOX_LOGIN_PASSWORD)
        .output()
        .unwrap()
        .into();
    assert_eq!(insecure.status, 2, "{}", insecure.stderr);
    assert!(
        insecure
            .stderr
            .contains("plain http is allowed only to a loopback host")
    );
    assert!(fixture.sandbox.requests().is_empty());
}

#[test]
fn the_password_is_never_printed() {
    let fixture = fixture();
    let secret = "Zq9&Secret=Pass%word+X";
    let mut runs = vec![
        resend(&fixture, secret, "1000001", &[]),
        resend(&fixture, secret, "1000001", &["--json"]),
    ];
    for order in [
        "1000122",
        "1000901",
        "abc",
        "9000001",
        "9000500",
        "9000002",
        "9000003",
        "9000004",
        "9000302",
        "vector-html_page_http_200",
    ] {
        for extra in [&[][..], &["--json"][..]] {
            runs.push(resend(&fixture, SANDBOX_LOGIN_PASSWORD, order, extra));
        }
    }
    runs.push(resend(&fixture, &format!("{secret}\n"), "1000001", &[]));
    runs.push(resend(&fixture, &secret.repeat(10), "1000001", &[]));
    let untrusted: Run = command()
        .args([
            "resend-invitation",
            "--order",
            "1000001",
            "--no-proxy",
            "--endpoint",
            &fixture.sandbox.base_url(),
        ])
        .env("SECTIGO_LOGIN_NAME", SANDBOX_LOGIN_NAME)
        .env("SECTIGO_LOGIN_PASSWORD", secret)
        .output()
        .unwrap()
        .into();
    assert_eq!(untrusted.status, 3, "{}", untrusted.stderr);
    runs.push(untrusted);
    for run in &runs {
        for password in [secret, SANDBOX_LOGIN_PASSWORD, "s3cr%26t"] {
            assert!(!run.stdout.contains(password), "{}", run.stdout);
            assert!(!run.stderr.contains(password), "{}", run.stderr);
        }
    }
    let statuses: std::collections::BTreeSet<i32> = runs.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [1, 2, 3, 4].into_iter().collect());
}

#[test]
fn codes_lists_the_table() {
    let run: Run = command().arg("codes").output().unwrap().into();
    assert_eq!(run.status, 0);
    assert!(run.stdout.contains("  -16  authentication_failed"));
    assert!(run.stdout.contains("   13  internal"));
    let run: Run = command().args(["codes", "--json"]).output().unwrap().into();
    let table: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(table.len(), 1 + 8 + 14);
}
