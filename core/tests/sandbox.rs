//! The client against the sandbox over real loopback sockets: every verdict, every fault.

mod common;

use std::time::{Duration, Instant};

use common::*;
use sectigo_sps::{Category, Client, Credentials, Error, LocalCode, ProviderCode, ProxySetting};

fn code_and_message(result: Result<(), Error>) -> (i32, String) {
    match result {
        Ok(()) => (0, String::new()),
        Err(error) => (error.code(), error.message()),
    }
}

#[test]
fn success_sends_exactly_the_three_fields_once_and_records_one_invitation() {
    let sandbox = start_sandbox();
    let client = client_for(&sandbox);
    client
        .resend_invitation_email_smime(&credentials(), "1000001")
        .expect("success");

    let invitations = sandbox.invitations();
    assert_eq!(invitations.len(), 1);
    assert_eq!(invitations[0].order_number, "1000001");
    assert_eq!(invitations[0].login_name, LOGIN_NAME);

    let requests = sandbox.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/products/!ResendInvitationEmailSMIME");
    assert_eq!(
        request.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    // The password has `&`, `=`, `%`, `+` and a space: it arrives intact only if encoded once.
    assert_eq!(
        request.form,
        vec![
            ("loginName".to_string(), LOGIN_NAME.to_string()),
            ("loginPassword".to_string(), PASSWORD.to_string()),
            ("orderNumber".to_string(), "1000001".to_string()),
        ]
    );
    assert_eq!(request.code, Some(0));
}

#[test]
fn one_client_reuses_one_connection() {
    let sandbox = start_sandbox();
    let client = client_for(&sandbox);
    for order in ["1000001", "1000002", "1000003"] {
        client
            .resend_invitation_email_smime(&credentials(), order)
            .unwrap();
    }
    let stats = sandbox.stats();
    assert_eq!((stats.connections, stats.tls_handshakes), (1, 1));
    assert_eq!(sandbox.invitations().len(), 3);
}

#[test]
fn provider_verdicts_come_back_unchanged() {
    let sandbox = start_sandbox();
    let client = client_for(&sandbox);
    let cases: &[(&str, i32, &str)] = &[
        ("1000122", -122, "The Certificate is in wrong state."),
        ("1000014", -14, "An unknown error occurred!"),
        // Unlisted codes (numbers set by the sandbox fixture) pass through as they are.
        (
            "1000901",
            -9901,
            "The required agreement has not been accepted.",
        ),
        ("1000902", -9902, "The Certificate has pending actions."),
        ("1000903", -9903, "The Certificate has not been issued yet."),
        (
            "abc",
            -4,
            "The value of the 'orderNumber' argument is invalid!",
        ),
    ];
    for (order, code, message) in cases {
        let error = client
            .resend_invitation_email_smime(&credentials(), order)
            .unwrap_err();
        assert_eq!(
            (error.code(), error.message().as_str()),
            (*code, *message),
            "order {order}"
        );
        assert!(error.category().is_provider_verdict());
        assert!(!error.is_safe_to_retry());
    }
    let error = client
        .resend_invitation_email_smime(&credentials(), "abc")
        .unwrap_err();
    assert_eq!(error.provider().unwrap().parameter(), Some("orderNumber"));
    assert!(sandbox.invitations().is_empty());
}

#[test]
fn wrong_password_is_authentication_failed() {
    let sandbox = start_sandbox();
    let client = client_for(&sandbox);
    let error = client
        .resend_invitation_email_smime(&Credentials::new(LOGIN_NAME, "wrong"), "1000001")
        .unwrap_err();
    assert_eq!(error.code(), ProviderCode::AuthenticationFailed.code());
    assert_eq!(
        error.message(),
        "Incorrect login details, account is locked, password has expired or your source IP is blocked."
    );
    assert_eq!(error.category(), Category::Authentication);
    assert_eq!(sandbox.requests().len(), 1, "a -16 is never retried");
    assert!(sandbox.invitations().is_empty());
}

#[test]
fn plain_http_to_the_provider_gets_minus_one() {
    let sandbox = start_sandbox();
    let client = builder_for(&sandbox)
        .endpoint(sandbox.plain_base_url().unwrap())
        .build()
        .unwrap();
    let (code, message) =
        code_and_message(client.resend_invitation_email_smime(&credentials(), "1000001"));
    assert_eq!(
        (code, message.as_str()),
        (-1, "Request was not made over https!")
    );
}

#[test]
fn every_vector_over_real_sockets() {
    let sandbox = start_sandbox();
    let client = client_for(&sandbox);
    for vector in vectors() {
        let order = format!("vector-{}", vector.name);
        let (code, message) =
            code_and_message(client.resend_invitation_email_smime(&credentials(), &order));
        assert_eq!(
            (code, message.as_str()),
            (vector.code, vector.message.as_str()),
            "vector {}",
            vector.name
        );
    }
}

#[test]
/// `every_vector_over_real_sockets` serves them all; this makes sure none is missing.
fn every_documented_code_has_a_vector() {
    let covered: Vec<i32> = vectors().iter().map(|v| v.code).collect();
    for code in ProviderCode::ALL {
        assert!(covered.contains(&code.code()), "no vector for {code:?}");
    }
}

#[test]
fn fault_orders_give_their_specific_local_kind_within_the_timeout() {
    let sandbox = start_sandbox();
    let client = client_for(&sandbox); // 1 s timeout; the slow order takes 3 s
    let cases: &[(&str, LocalCode)] = &[
        ("9000001", LocalCode::Timeout),
        ("9000500", LocalCode::HttpStatus),
        ("9000002", LocalCode::MalformedResponse),
        ("9000003", LocalCode::ConnectionLost),
        ("9000004", LocalCode::ResponseTooLarge),
        ("9000302", LocalCode::Redirect),
    ];
    for (order, kind) in cases {
        let started = Instant::now();
        let error = client
            .resend_invitation_email_smime(&credentials(), order)
            .unwrap_err();
        assert_eq!(error.code(), kind.code(), "order {order}: {error}");
        // Bounded by the 1 s timeout; generous margin for a loaded machine.
        assert!(started.elapsed() < Duration::from_secs(10), "order {order}");
    }
}

#[test]
fn fault_messages_are_exact() {
    let sandbox = start_sandbox();
    let client = client_for(&sandbox);
    let message = |order: &str| {
        client
            .resend_invitation_email_smime(&credentials(), order)
            .unwrap_err()
            .message()
    };
    assert_eq!(
        message("9000001"),
        "timed out before the answer arrived; the request may have reached the provider"
    );
    assert_eq!(
        message("9000002"),
        "the answer is not a provider verdict (HTTP 200); body: \"<<garbage>>\""
    );
    assert_eq!(
        message("9000004"),
        "the answer is larger than the 65536-byte cap (HTTP 200)"
    );
    let port = sandbox
        .base_url()
        .split(':')
        .nth(2)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        message("9000302"),
        format!(
            "the provider answered HTTP 302 redirecting to \"https://localhost:{port}/products/!ResendInvitationEmailSMIME\"; redirects are not followed because they would re-send the credentials"
        )
    );
}

#[test]
fn a_redirect_is_never_followed() {
    let sandbox = start_sandbox();
    let client = client_for(&sandbox);
    let error = client
        .resend_invitation_email_smime(&credentials(), "9000302")
        .unwrap_err();
    assert!(
        matches!(error, Error::Redirect { status: 302, .. }),
        "{error:?}"
    );
    assert_eq!(sandbox.requests().len(), 1);
    assert_eq!(sandbox.stats().requests, 1);
}

#[test]
fn the_slow_order_times_out_and_is_not_retried() {
    let sandbox = start_sandbox();
    let client = client_for(&sandbox);
    let error = client
        .resend_invitation_email_smime(&credentials(), "9000001")
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                request_sent: true,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(!error.is_safe_to_retry());
    assert_eq!(sandbox.requests().len(), 1);
}

#[test]
fn a_per_call_deadline_shortens_the_call() {
    let sandbox = start_sandbox();
    let client = builder_for(&sandbox)
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let error = client
        .resend_invitation_email_smime_within(&credentials(), "1000001", Duration::ZERO)
        .unwrap_err();
    assert!(matches!(
        error,
        Error::Timeout {
            request_sent: false,
            ..
        }
    ));
    assert_eq!(
        sandbox.stats().connections,
        0,
        "nothing sent without time left"
    );
    let error = client
        .resend_invitation_email_smime_within(&credentials(), "", Duration::ZERO)
        .unwrap_err();
    assert_eq!(
        error.code(),
        LocalCode::InvalidArgument.code(),
        "arguments are checked first"
    );

    let started = Instant::now();
    let error = client
        .resend_invitation_email_smime_within(&credentials(), "9000001", Duration::from_millis(300))
        .unwrap_err();
    assert_eq!(error.code(), LocalCode::Timeout.code());
    // The slow order answers after 3 s; the 20 s client timeout would wait for it.
    assert!(started.elapsed() < Duration::from_millis(2500));
}

#[test]
fn an_untrusted_server_certificate_is_a_tls_error() {
    let sandbox = start_sandbox();
    let other = start_sandbox(); // a different CA
    let client = Client::builder()
        .endpoint(sandbox.base_url())
        .add_root_certificates_pem(other.ca_pem())
        .use_system_roots(false)
        .proxy(ProxySetting::None)
        .build()
        .unwrap();
    let error = client
        .resend_invitation_email_smime(&credentials(), "1000001")
        .unwrap_err();
    assert_eq!(error.code(), LocalCode::Tls.code(), "{error:?}");
    // Both sandbox CAs share a subject name, so rustls finds "the" issuer and then reports
    // BadSignature; a real foreign CA gives UnknownIssuer. Both are untrusted certificates.
    assert!(
        error
            .message()
            .starts_with("TLS handshake with the provider failed: invalid peer certificate: "),
        "{error}"
    );
    assert!(sandbox.requests().is_empty());
}

#[test]
fn plain_http_to_a_remote_host_is_refused_before_connecting() {
    let error = Client::builder()
        .endpoint("http://secure.trust-provider.com/products/")
        .proxy(ProxySetting::None)
        .build()
        .unwrap_err();
    assert_eq!(error.code(), LocalCode::InvalidConfig.code());
}

#[test]
fn connection_refused_is_safe_to_retry() {
    // Bind then drop a listener: the port is very likely closed now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let sandbox = start_sandbox();
    let client = builder_for(&sandbox)
        .endpoint(format!("https://127.0.0.1:{port}/products/"))
        .build()
        .unwrap();
    let error = client
        .resend_invitation_email_smime(&credentials(), "1000001")
        .unwrap_err();
    assert_eq!(error.code(), LocalCode::ConnectFailed.code(), "{error:?}");
    assert!(error.is_safe_to_retry());
}

#[test]
fn invalid_arguments_are_reported_locally_and_nothing_is_sent() {
    let sandbox = start_sandbox();
    let client = client_for(&sandbox);
    let long_name = "n".repeat(65);
    let cases = [
        (LOGIN_NAME, "", "1000001"),
        ("", PASSWORD, "1000001"),
        (LOGIN_NAME, PASSWORD, ""),
        (long_name.as_str(), PASSWORD, "1000001"),
        (LOGIN_NAME, PASSWORD, "10\n00001"),
        (LOGIN_NAME, "pass\0word", "1000001"),
    ];
    for (name, password, order) in cases {
        let error = client
            .resend_invitation_email_smime(&Credentials::new(name, password), order)
            .unwrap_err();
        assert_eq!(error.code(), LocalCode::InvalidArgument.code());
    }
    assert!(sandbox.requests().is_empty());
}

#[test]
fn client_is_send_sync_and_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Client>();
    let sandbox = start_sandbox();
    let client = client_for(&sandbox);
    std::thread::scope(|scope| {
        for thread in 0..8 {
            let client = &client;
            scope.spawn(move || {
                for call in 0..10 {
                    let (order, expected) = if (thread + call) % 2 == 0 {
                        ("1000001", 0)
                    } else {
                        ("1000122", -122)
                    };
                    let (code, _) = code_and_message(
                        client.resend_invitation_email_smime(&credentials(), order),
                    );
                    assert_eq!(code, expected);
                }
            });
        }
    });
    assert_eq!(sandbox.invitations().len(), 40);
}

#[test]
fn unusable_ca_certificates_are_refused_when_building() {
    let cases = [
        (
            "no PEM block at all",
            "the CA certificate text holds no PEM CERTIFICATE block",
        ),
        (
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            "a CA certificate is not a usable X.509 certificate",
        ),
    ];
    for (pem, expected) in cases {
        let error = Client::builder()
            .add_root_certificates_pem(pem)
            .use_system_roots(false)
            .build()
            .unwrap_err();
        assert_eq!(error.code(), LocalCode::InvalidConfig.code());
        assert!(error.message().contains(expected), "{error}");
    }
}

#[test]
fn an_unknown_host_is_a_connect_failure_safe_to_retry() {
    let sandbox = start_sandbox();
    let client = builder_for(&sandbox)
        .endpoint("https://no-such-host.invalid/products/")
        .build()
        .unwrap();
    let error = client
        .resend_invitation_email_smime(&credentials(), "1000001")
        .unwrap_err();
    // A machine whose DNS does not answer at all times out while resolving instead: also
    // "not sent", with its own code.
    let expected = if error.code() == LocalCode::TimeoutBeforeSend.code() {
        "timed out while resolving the host; the request was not sent"
    } else {
        "could not connect to no-such-host.invalid: its name (or the proxy's) could not be resolved"
    };
    assert_eq!(error.message(), expected, "{error:?}");
    assert!(error.is_safe_to_retry());
}
