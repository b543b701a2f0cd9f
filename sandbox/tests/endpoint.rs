//! The endpoint's rules over real sockets, in the provider's order of checks.

mod common;

use std::time::{Duration, Instant};

use common::*;
use sectigo_sps_sandbox::{
    ENDPOINT_PATH, Invitation, RecordedRequest, SANDBOX_LOGIN_NAME, SANDBOX_LOGIN_PASSWORD,
    Sandbox, SandboxConfig,
};

const BAD_LOGIN: &str = "-16\nIncorrect login details, account is locked, password has expired or your source IP is blocked.\n";

#[test]
fn resendable_order_answers_0_and_records_the_invitation_and_the_exact_fields() {
    let sandbox = start();
    let before = sectigo_sps_sandbox_now();
    assert_eq!(resend(&sandbox, "1000001"), (200, "0\n".to_string()));

    let invitations = sandbox.invitations();
    assert_eq!(invitations.len(), 1);
    let Invitation {
        order_number,
        login_name,
        unix_ms,
    } = &invitations[0];
    assert_eq!(order_number, "1000001");
    assert_eq!(login_name, SANDBOX_LOGIN_NAME);
    assert!(*unix_ms >= before && *unix_ms <= sectigo_sps_sandbox_now());

    assert_eq!(
        sandbox.requests(),
        vec![RecordedRequest {
            method: "POST".into(),
            target: ENDPOINT_PATH.into(),
            content_type: Some("application/x-www-form-urlencoded".into()),
            form: vec![
                ("loginName".into(), SANDBOX_LOGIN_NAME.into()),
                ("loginPassword".into(), SANDBOX_LOGIN_PASSWORD.into()),
                ("orderNumber".into(), "1000001".into()),
            ],
            code: Some(0),
            https: true,
        }]
    );
}

fn sectigo_sps_sandbox_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

#[test]
fn plain_http_answers_minus_1_before_anything_else() {
    let sandbox = start();
    let plain = format!(
        "{}!ResendInvitationEmailSMIME",
        sandbox.plain_base_url().unwrap()
    );
    assert!(plain.starts_with("http://127.0.0.1:"));
    // Even a GET with no parameters: the transport is checked first.
    let mut response = agent(&sandbox).get(&plain).call().unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "text/plain; charset=utf-8"
    );
    assert_eq!(
        response.body_mut().read_to_string().unwrap(),
        "-1\nRequest was not made over https!\n"
    );
    assert_eq!(
        post_form(&agent(&sandbox), &plain, &order_form("1000001")).1,
        "-1\nRequest was not made over https!\n"
    );
    assert!(sandbox.invitations().is_empty());
    assert!(!sandbox.requests()[1].https);
}

#[test]
fn any_method_but_post_answers_minus_17() {
    let sandbox = start();
    let agent = agent(&sandbox);
    let url = endpoint(&sandbox);
    let expected = "-17\nRequest used GET rather than POST!\n";
    let mut get = agent.get(&url).call().unwrap();
    assert_eq!(get.body_mut().read_to_string().unwrap(), expected);
    let mut put = agent.put(&url).send(form_body("1000001")).unwrap();
    assert_eq!(put.body_mut().read_to_string().unwrap(), expected);
    let mut delete = agent.delete(&url).call().unwrap();
    assert_eq!(delete.body_mut().read_to_string().unwrap(), expected);
    assert!(sandbox.invitations().is_empty());
}

#[test]
fn an_extra_parameter_answers_minus_2_naming_it() {
    let sandbox = start();
    let mut form = order_form("1000001");
    form.push(("responseFormat", "1".into()));
    assert_eq!(
        post_form(&agent(&sandbox), &endpoint(&sandbox), &form).1,
        "-2\n'responseFormat' is an unrecognised argument!\n"
    );
    // The spelling is exact: a wrongly-cased name is unknown too.
    let mut form = order_form("1000001");
    form[0].0 = "loginname";
    assert_eq!(
        post_form(&agent(&sandbox), &endpoint(&sandbox), &form).1,
        "-2\n'loginname' is an unrecognised argument!\n"
    );
}

#[test]
fn query_string_parameters_count_as_parameters() {
    let sandbox = start();
    let agent = agent(&sandbox);
    let (_, body) = post_form(
        &agent,
        &format!("{}?debug=1", endpoint(&sandbox)),
        &order_form("1000001"),
    );
    assert_eq!(body, "-2\n'debug' is an unrecognised argument!\n");
    // Credentials in the URL as well as the body: given twice.
    let (_, body) = post_form(
        &agent,
        &format!("{}?loginName=sandbox-user", endpoint(&sandbox)),
        &order_form("1000001"),
    );
    assert_eq!(
        body,
        "-4\nThe value of the 'loginName' argument is invalid!\n"
    );
    assert_eq!(
        sandbox.requests()[1].target,
        format!("{ENDPOINT_PATH}?loginName=sandbox-user")
    );
    assert!(sandbox.invitations().is_empty());
}

#[test]
fn missing_or_empty_parameters_answer_minus_3_in_order() {
    let sandbox = start();
    let agent = agent(&sandbox);
    let url = endpoint(&sandbox);
    let without = |name: &str| -> Vec<(&'static str, String)> {
        order_form("1000001")
            .into_iter()
            .filter(|(candidate, _)| *candidate != name)
            .collect()
    };
    assert_eq!(
        post_form(&agent, &url, &[]).1,
        "-3\nThe 'loginName' argument is missing!\n"
    );
    assert_eq!(
        post_form(&agent, &url, &without("loginName")).1,
        "-3\nThe 'loginName' argument is missing!\n"
    );
    assert_eq!(
        post_form(&agent, &url, &without("loginPassword")).1,
        "-3\nThe 'loginPassword' argument is missing!\n"
    );
    assert_eq!(
        post_form(&agent, &url, &without("orderNumber")).1,
        "-3\nThe 'orderNumber' argument is missing!\n"
    );
    let mut empty = order_form("");
    assert_eq!(
        post_form(&agent, &url, &empty).1,
        "-3\nThe 'orderNumber' argument is missing!\n"
    );
    empty[1].1.clear();
    assert_eq!(
        post_form(&agent, &url, &empty).1,
        "-3\nThe 'loginPassword' argument is missing!\n"
    );
    // Without the form content type the body is not parameters at all.
    let mut response = agent
        .post(&url)
        .header("Content-Type", "text/plain")
        .send(form_body("1000001"))
        .unwrap();
    assert_eq!(
        response.body_mut().read_to_string().unwrap(),
        "-3\nThe 'loginName' argument is missing!\n"
    );
}

#[test]
fn invalid_values_answer_minus_4() {
    let sandbox = start();
    let agent = agent(&sandbox);
    let url = endpoint(&sandbox);
    let invalid = |name: &str| format!("-4\nThe value of the '{name}' argument is invalid!\n");

    let mut long_name = order_form("1000001");
    long_name[0].1 = "x".repeat(65);
    assert_eq!(post_form(&agent, &url, &long_name).1, invalid("loginName"));
    let mut long_password = order_form("1000001");
    long_password[1].1 = "x".repeat(129);
    assert_eq!(
        post_form(&agent, &url, &long_password).1,
        invalid("loginPassword")
    );
    assert_eq!(
        post_form(&agent, &url, &order_form(&"1".repeat(129))).1,
        invalid("orderNumber")
    );
    // Lengths are in characters, not bytes: 64 two-byte characters fit (and then fail login).
    let mut wide_name = order_form("1000001");
    wide_name[0].1 = "é".repeat(64);
    assert_eq!(post_form(&agent, &url, &wide_name).1, BAD_LOGIN);

    assert_eq!(
        post_form(&agent, &url, &order_form("1000001\n")).1,
        invalid("orderNumber")
    );
    let mut twice = order_form("1000001");
    twice.push(("orderNumber", "1000002".into()));
    assert_eq!(post_form(&agent, &url, &twice).1, invalid("orderNumber"));

    assert_eq!(
        post_form(&agent, &url, &order_form("4242")).1,
        invalid("orderNumber")
    );
    assert!(sandbox.invitations().is_empty());
}

#[test]
fn wrong_credentials_answer_minus_16() {
    let sandbox = start();
    let agent = agent(&sandbox);
    let mut wrong = order_form("1000001");
    wrong[1].1 = "s3cr&t=p%+ss wor".into();
    assert_eq!(post_form(&agent, &endpoint(&sandbox), &wrong).1, BAD_LOGIN);
    let mut wrong_case = order_form("1000001");
    wrong_case[0].1 = "Sandbox-User".into();
    assert_eq!(
        post_form(&agent, &endpoint(&sandbox), &wrong_case).1,
        BAD_LOGIN
    );
    // Credentials are checked before the order: an unknown order still gets -16.
    wrong[2].1 = "4242".into();
    assert_eq!(post_form(&agent, &endpoint(&sandbox), &wrong).1, BAD_LOGIN);
    assert!(sandbox.invitations().is_empty());
}

#[test]
fn a_client_that_does_not_percent_encode_is_caught() {
    let sandbox = start();
    let unencoded = format!(
        "loginName={SANDBOX_LOGIN_NAME}&loginPassword={SANDBOX_LOGIN_PASSWORD}&orderNumber=1000001"
    );
    let (_, body) = split_response(&raw_tls(&sandbox, &raw_post(&unencoded)));
    assert_eq!(body, b"-2\n't' is an unrecognised argument!\n");
    // Encoded twice: the password arrives with literal %XX sequences.
    let encoded_password = serde_urlencoded::to_string([("p", SANDBOX_LOGIN_PASSWORD)]).unwrap();
    let twice_password = format!(
        "loginName=sandbox-user&loginPassword={}&orderNumber=1000001",
        encoded_password["p=".len()..].replace('%', "%25")
    );
    let (_, body) = split_response(&raw_tls(&sandbox, &raw_post(&twice_password)));
    assert_eq!(body, BAD_LOGIN.as_bytes());
    assert!(sandbox.invitations().is_empty());
}

#[test]
fn every_fixture_state_answers_its_verdict() {
    let sandbox = start();
    for order in ["1000001", "1000002", "1000003"] {
        assert_eq!(resend(&sandbox, order), (200, "0\n".to_string()));
    }
    let refusals = [
        ("1000122", "-122\nThe Certificate is in wrong state.\n"),
        ("1000014", "-14\nAn unknown error occurred!\n"),
        (
            "1000901",
            "-9901\nThe required agreement has not been accepted.\n",
        ),
        ("1000902", "-9902\nThe Certificate has pending actions.\n"),
        (
            "1000903",
            "-9903\nThe Certificate has not been issued yet.\n",
        ),
    ];
    for (order, expected) in refusals {
        assert_eq!(
            resend(&sandbox, order),
            (200, expected.to_string()),
            "{order}"
        );
    }
    let sent: Vec<String> = sandbox
        .invitations()
        .into_iter()
        .map(|invitation| invitation.order_number)
        .collect();
    assert_eq!(sent, ["1000001", "1000002", "1000003"]);
    let codes: Vec<Option<i64>> = sandbox.requests().iter().map(|r| r.code).collect();
    assert_eq!(
        codes,
        [0, 0, 0, -122, -14, -9901, -9902, -9903].map(Some).to_vec()
    );
}

#[test]
fn slow_order_records_the_invitation_on_arrival_and_answers_later() {
    let sandbox = start();
    let started = Instant::now();
    std::thread::scope(|scope| {
        let answer = scope.spawn(|| resend(&sandbox, "9000001"));
        // The provider acted even if the client gives up: the invitation exists before the answer.
        let deadline = Instant::now() + Duration::from_secs(5);
        while sandbox.invitations().is_empty() {
            assert!(Instant::now() < deadline, "invitation not recorded");
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(!answer.is_finished());
        assert_eq!(answer.join().unwrap(), (200, "0\n".to_string()));
    });
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(sandbox.invitations()[0].order_number, "9000001");
}

#[test]
fn http_500_order_answers_an_html_page() {
    let sandbox = start();
    let mut response = agent(&sandbox)
        .post(&endpoint(&sandbox))
        .send_form(order_form("9000500").iter().map(|(n, v)| (*n, v.as_str())))
        .unwrap();
    assert_eq!(response.status().as_u16(), 500);
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "text/html; charset=utf-8"
    );
    let body = response.body_mut().read_to_string().unwrap();
    assert!(body.starts_with("<!DOCTYPE html>"), "{body}");
    assert_eq!(sandbox.requests()[0].code, None);
    assert!(sandbox.invitations().is_empty());
}

#[test]
fn garbage_order_answers_a_body_that_is_no_verdict() {
    let sandbox = start();
    assert_eq!(
        resend(&sandbox, "9000002"),
        (200, "<<garbage>>".to_string())
    );
}

#[test]
fn truncated_order_promises_100_bytes_sends_10_and_closes() {
    let sandbox = start();
    let raw = raw_tls(&sandbox, &raw_post(&form_body("9000003")));
    let (head, body) = split_response(&raw);
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(head.contains("\r\nContent-Length: 100\r"), "{head}");
    assert_eq!(body, b"-122\nThe C");
    // A real client sees an error while reading the body, not a short success.
    let mut response = agent(&sandbox)
        .post(&endpoint(&sandbox))
        .send_form(order_form("9000003").iter().map(|(n, v)| (*n, v.as_str())))
        .unwrap();
    assert!(response.body_mut().read_to_string().is_err());
}

#[test]
fn oversized_order_answers_one_mebibyte_starting_with_minus_14() {
    let sandbox = start();
    let raw = raw_tls(&sandbox, &raw_post(&form_body("9000004")));
    let (head, body) = split_response(&raw);
    assert!(head.contains("\r\nContent-Length: 1048576\r"), "{head}");
    assert_eq!(body.len(), 1 << 20);
    assert!(body.starts_with(b"-14\n"));
}

#[test]
fn redirect_order_points_at_localhost_on_the_same_port() {
    let sandbox = start();
    let response = agent(&sandbox)
        .post(&endpoint(&sandbox))
        .send_form(order_form("9000302").iter().map(|(n, v)| (*n, v.as_str())))
        .unwrap();
    assert_eq!(response.status().as_u16(), 302);
    assert_eq!(
        response.headers().get("location").unwrap(),
        &format!(
            "https://localhost:{}{ENDPOINT_PATH}",
            sandbox.https_addr().port()
        )
    );
    assert!(sandbox.invitations().is_empty());
    assert_eq!(sandbox.requests().len(), 1);
    // A client that follows it reaches this sandbox again (whether `localhost` resolves to
    // 127.0.0.1 or ::1), with a certificate valid for that name: a second recorded request.
    let location = response
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(
        post_form(&agent(&sandbox), location, &order_form("1000001")),
        (200, "0\n".to_string())
    );
    assert_eq!(sandbox.requests().len(), 2);
}

#[test]
fn vectors_are_served_byte_exact_with_their_status() {
    let sandbox = start();
    let raw = raw_tls(&sandbox, &raw_post(&form_body("vector-crlf_extra")));
    let (head, body) = split_response(&raw);
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(
        head.contains("Content-Type: text/plain; charset=utf-8"),
        "{head}"
    );
    assert_eq!(
        body,
        b"-122\r\nThe Certificate is in wrong state.\r\nextra\xff".to_vec()
    );
    let raw = raw_tls(&sandbox, &raw_post(&form_body("vector-proxy_html")));
    let (head, body) = split_response(&raw);
    assert!(head.starts_with("HTTP/1.1 502 Bad Gateway\r\n"), "{head}");
    assert_eq!(body, b"<html>bad gateway</html>");
    assert_eq!(resend(&sandbox, "vector-ok"), (200, "0\n".to_string()));
    assert_eq!(
        resend(&sandbox, "vector-missing").1,
        "-4\nThe value of the 'orderNumber' argument is invalid!\n"
    );
    // Vectors are answers, not actions: nothing is "sent".
    assert!(sandbox.invitations().is_empty());
    // Credentials are still checked first.
    let mut wrong = order_form("vector-ok");
    wrong[1].1 = "nope".into();
    assert_eq!(
        post_form(&agent(&sandbox), &endpoint(&sandbox), &wrong).1,
        BAD_LOGIN
    );
}

#[test]
fn the_repository_vectors_file_loads_when_present() {
    let config = SandboxConfig::default();
    match config.vectors {
        Some(path) => {
            assert!(path.ends_with("tests/vectors/vectors.tsv"));
            Sandbox::start(SandboxConfig::default()).expect("the repository's vectors parse");
        }
        None => eprintln!("note: tests/vectors/vectors.tsv does not exist yet; nothing to load"),
    }
}

#[test]
fn percent_encoded_bang_and_other_paths_are_404() {
    let sandbox = start();
    let agent = agent(&sandbox);
    let encoded = format!("{}%21ResendInvitationEmailSMIME", sandbox.base_url());
    let pairs = order_form("1000001");
    let mut response = agent
        .post(&encoded)
        .send_form(pairs.iter().map(|(n, v)| (*n, v.as_str())))
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);
    assert!(
        response
            .body_mut()
            .read_to_string()
            .unwrap()
            .contains("<h1>Not Found</h1>")
    );
    let response = agent
        .get(&format!("https://{}/", sandbox.https_addr()))
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);
    assert!(sandbox.invitations().is_empty());
    assert!(sandbox.requests().is_empty());
}

#[test]
fn custom_fixture_and_credentials_replace_the_defaults() {
    let dir = temp_dir();
    let fixture = dir.join("orders.tsv");
    std::fs::write(
        &fixture,
        "# mine\n77\tresend\n78\tverdict\t-42\tCall limit reached.\n",
    )
    .unwrap();
    let sandbox = Sandbox::start(SandboxConfig {
        fixture: Some(fixture),
        credentials: ("alice".into(), "a=b&c".into()),
        ..config()
    })
    .unwrap();
    let agent = agent(&sandbox);
    let form = |order: &str| {
        vec![
            ("loginName", "alice".to_string()),
            ("loginPassword", "a=b&c".to_string()),
            ("orderNumber", order.to_string()),
        ]
    };
    assert_eq!(post_form(&agent, &endpoint(&sandbox), &form("77")).1, "0\n");
    assert_eq!(
        post_form(&agent, &endpoint(&sandbox), &form("78")).1,
        "-42\nCall limit reached.\n"
    );
    assert_eq!(
        post_form(&agent, &endpoint(&sandbox), &form("1000001")).1,
        "-4\nThe value of the 'orderNumber' argument is invalid!\n"
    );
    assert_eq!(sandbox.invitations()[0].login_name, "alice");
}

#[test]
fn a_broken_fixture_fails_at_start() {
    let fixture = temp_dir().join("orders.tsv");
    std::fs::write(&fixture, "1\tteleport\n").unwrap();
    let error = Sandbox::start(SandboxConfig {
        fixture: Some(fixture),
        ..config()
    })
    .err()
    .expect("a broken fixture is refused");
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
}

#[test]
fn config_debug_hides_the_password() {
    let printed = format!("{:?}", SandboxConfig::default());
    assert!(!printed.contains(SANDBOX_LOGIN_PASSWORD), "{printed}");
    assert!(printed.contains(SANDBOX_LOGIN_NAME));
}
