//! Control requests, connection reuse, the binary's contract and the documented curl sample.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use sectigo_sps_sandbox::{SANDBOX_LOGIN_NAME, SANDBOX_LOGIN_PASSWORD, Stats};

fn get_text(agent: &ureq::Agent, url: &str) -> (u16, String, String) {
    let mut response = agent.get(url).call().unwrap();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|value| value.to_str().unwrap().to_string())
        .unwrap_or_default();
    (
        response.status().as_u16(),
        content_type,
        response.body_mut().read_to_string().unwrap(),
    )
}

#[test]
fn control_requests_report_invitations_requests_and_stats() {
    let sandbox = start();
    let agent = agent(&sandbox);
    resend(&sandbox, "1000002");
    resend(&sandbox, "1000122");
    let unix_ms = sandbox.invitations()[0].unix_ms;

    let (status, content_type, text) = get_text(&agent, &control_url(&sandbox, "invitations"));
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/plain; charset=utf-8")
    );
    assert_eq!(text, format!("1000002\t{SANDBOX_LOGIN_NAME}\t{unix_ms}\n"));

    let (_, content_type, text) = get_text(&agent, &control_url(&sandbox, "invitations.json"));
    assert_eq!(content_type, "application/json");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{"order_number": "1000002", "login_name": SANDBOX_LOGIN_NAME, "unix_ms": unix_ms}])
    );

    let (_, _, text) = get_text(&agent, &control_url(&sandbox, "requests.json"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[1]["method"], "POST");
    assert_eq!(json[1]["target"], "/products/!ResendInvitationEmailSMIME");
    assert_eq!(json[1]["content_type"], "application/x-www-form-urlencoded");
    assert_eq!(
        json[1]["form"],
        serde_json::json!([
            ["loginName", SANDBOX_LOGIN_NAME],
            ["loginPassword", SANDBOX_LOGIN_PASSWORD],
            ["orderNumber", "1000122"]
        ])
    );
    assert_eq!(json[1]["code"], -122);

    let (_, content_type, text) = get_text(&agent, &control_url(&sandbox, "stats"));
    assert_eq!(content_type, "application/json");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Each `resend` used its own agent, so its own connection; control requests do not count
    // as requests (reading the stats must not change them).
    let stats = sandbox.stats();
    assert_eq!(stats.requests, 2);
    assert_eq!(
        json,
        serde_json::json!({"connections": stats.connections, "tls_handshakes": stats.tls_handshakes, "requests": 2})
    );

    let (_, _, pem) = get_text(&agent, &control_url(&sandbox, "ca.pem"));
    assert_eq!(pem, sandbox.ca_pem());

    let response = agent
        .post(&control_url(&sandbox, "reset"))
        .send_empty()
        .unwrap();
    assert_eq!(response.status().as_u16(), 204);
    assert!(sandbox.invitations().is_empty());
    assert!(sandbox.requests().is_empty());
    assert_eq!(
        get_text(&agent, &control_url(&sandbox, "invitations")).2,
        ""
    );
    assert_eq!(sandbox.stats().requests, 2, "reset keeps the counters");

    let (status, _, _) = get_text(&agent, &control_url(&sandbox, "nothing"));
    assert_eq!(status, 404);
    let response = agent.get(&control_url(&sandbox, "reset")).call().unwrap();
    assert_eq!(response.status().as_u16(), 405);
}

#[test]
fn reset_works_on_the_plain_listener_without_a_content_length() {
    let sandbox = start();
    resend(&sandbox, "1000001");
    let raw = raw_plain(
        sandbox.plain_addr().unwrap(),
        b"POST /_sandbox/reset HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let (head, _) = split_response(&raw);
    assert!(head.starts_with("HTTP/1.1 204 No Content\r\n"), "{head}");
    assert!(sandbox.invitations().is_empty());
}

#[test]
fn keep_alive_reuses_one_connection_and_one_handshake() {
    let sandbox = start();
    let agent = agent(&sandbox);
    for order in ["1000001", "1000003"] {
        assert_eq!(
            post_form(&agent, &endpoint(&sandbox), &order_form(order)),
            (200, "0\n".to_string())
        );
    }
    assert_eq!(
        sandbox.stats(),
        Stats {
            connections: 1,
            tls_handshakes: 1,
            requests: 2
        }
    );
}

#[test]
fn head_answers_carry_no_body_so_the_connection_stays_usable() {
    let sandbox = start();
    let agent = agent(&sandbox);
    let response = agent.head(&endpoint(&sandbox)).call().unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        post_form(&agent, &endpoint(&sandbox), &order_form("1000001")),
        (200, "0\n".to_string())
    );
    assert_eq!(sandbox.stats().connections, 1);
    let codes: Vec<Option<i64>> = sandbox.requests().iter().map(|r| r.code).collect();
    assert_eq!(codes, [Some(-17), Some(0)]);
}

#[test]
fn framing_errors_get_http_statuses_and_close() {
    let sandbox = start();
    let chunked = b"POST /products/!ResendInvitationEmailSMIME HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    let (head, _) = split_response(&raw_tls(&sandbox, chunked));
    assert!(
        head.starts_with("HTTP/1.1 411 Length Required\r\n"),
        "{head}"
    );
    assert!(head.contains("Connection: close"), "{head}");
    let no_length = b"POST /products/!ResendInvitationEmailSMIME HTTP/1.1\r\nHost: x\r\n\r\n";
    let (head, _) = split_response(&raw_tls(&sandbox, no_length));
    assert!(
        head.starts_with("HTTP/1.1 411 Length Required\r\n"),
        "{head}"
    );
    let huge = b"POST /products/!ResendInvitationEmailSMIME HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n";
    let (head, _) = split_response(&raw_tls(&sandbox, huge));
    assert!(head.starts_with("HTTP/1.1 413 "), "{head}");
    assert!(sandbox.invitations().is_empty());
}

#[test]
fn dropping_the_sandbox_stops_accepting() {
    let sandbox = start();
    let addr = sandbox.https_addr();
    // An open keep-alive connection must not keep the sandbox alive either.
    let agent = agent(&sandbox);
    resend(&sandbox, "1000001");
    post_form(&agent, &endpoint(&sandbox), &order_form("1000001"));
    drop(sandbox);
    assert!(std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_err());
}

#[test]
fn the_documented_curl_sample_works() {
    if Command::new("curl").arg("--version").output().is_err() {
        eprintln!("note: curl not found; skipping the documented curl sample");
        return;
    }
    let sandbox = start();
    let ca = temp_dir().join("ca.pem");
    std::fs::write(&ca, sandbox.ca_pem()).unwrap();
    let output = Command::new("curl")
        .arg("--silent")
        .arg("--show-error")
        .arg("--cacert")
        .arg(&ca)
        .args(["-X", "POST"])
        .arg(endpoint(&sandbox))
        .args(["--data-urlencode", "loginName=sandbox-user"])
        .args(["--data-urlencode", "loginPassword=s3cr&t=p%+ss word"])
        .args(["--data-urlencode", "orderNumber=1000001"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "0\n");
    let invitations = sandbox.invitations();
    assert_eq!(invitations.len(), 1);
    assert_eq!(invitations[0].order_number, "1000001");
    assert_eq!(invitations[0].login_name, "sandbox-user");
    assert_eq!(sandbox.requests()[0].form.len(), 3);
}

#[test]
fn the_binary_prints_its_urls_writes_the_ca_and_exits_on_stdin_eof() {
    let dir = temp_dir();
    let ca = dir.join("ca.pem");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sectigo-sps-sandbox"))
        .arg("--ca-out")
        .arg(&ca)
        .args(["--plain-http", "--slow-ms", "10", "--exit-on-stdin-eof"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut https = String::new();
    stdout.read_line(&mut https).unwrap();
    let mut plain = String::new();
    stdout.read_line(&mut plain).unwrap();
    assert!(https.starts_with("https://127.0.0.1:"), "{https:?}");
    assert!(https.ends_with("/products/\n"), "{https:?}");
    assert!(plain.starts_with("http://127.0.0.1:"), "{plain:?}");
    assert!(plain.ends_with("/products/\n"), "{plain:?}");

    // The CA was written before the URL was printed: it must already verify the server.
    let pem = std::fs::read_to_string(&ca).unwrap();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(
            ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::new_with_certs(&[
                    ureq::tls::Certificate::from_pem(pem.as_bytes()).unwrap(),
                ]))
                .build(),
        )
        .http_status_as_error(false)
        .build()
        .into();
    let (status, body) = post_form(
        &agent,
        &format!("{}!ResendInvitationEmailSMIME", https.trim_end()),
        &order_form("9000001"),
    );
    assert_eq!((status, body.as_str()), (200, "0\n"));

    child.stdin.take().unwrap().flush().unwrap(); // dropped here: EOF
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the sandbox did not exit on stdin EOF");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert_eq!(rest, "", "nothing but the URLs goes to stdout");
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(!stderr.contains(SANDBOX_LOGIN_PASSWORD), "{stderr}");
}

#[test]
fn the_binary_documents_the_fixture_orders_and_rejects_unknown_flags() {
    let help = Command::new(env!("CARGO_BIN_EXE_sectigo-sps-sandbox"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    for order in [
        "1000001", "1000122", "1000014", "1000901", "1000902", "1000903", "9000001", "9000500",
        "9000002", "9000003", "9000004", "9000302",
    ] {
        assert!(text.contains(order), "--help lacks {order}");
    }
    let bad = Command::new(env!("CARGO_BIN_EXE_sectigo-sps-sandbox"))
        .arg("--frobnicate")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(bad.stdout.is_empty());
}
