//! Proxy variables from the environment are not used for loopback endpoints: the proxy would
//! reach its own loopback, and over http:// it would see the credentials in clear text.
//! (Its own test binary: it changes the process environment.)

mod common;

use common::*;
use sectigo_sps::ProxySetting;

#[test]
fn environment_proxies_are_bypassed_for_loopback_endpoints() {
    // A proxy on a closed port: any attempt to use it fails with connect_failed.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let proxy = format!("http://{closed}");
    for variable in [
        "HTTPS_PROXY",
        "HTTP_PROXY",
        "ALL_PROXY",
        "https_proxy",
        "http_proxy",
    ] {
        // SAFETY: this test binary has a single test; nothing else reads the environment now.
        unsafe { std::env::set_var(variable, &proxy) };
    }
    let sandbox = start_sandbox();
    for base_url in [sandbox.base_url(), sandbox.plain_base_url().unwrap()] {
        let client = builder_for(&sandbox)
            .endpoint(base_url.as_str())
            .proxy(ProxySetting::FromEnvironment)
            .build()
            .unwrap();
        let outcome = client.resend_invitation_email_smime(&credentials(), "1000001");
        let expected = if base_url.starts_with("https") { 0 } else { -1 };
        assert_eq!(
            outcome.map_err(|e| e.code()).err().unwrap_or(0),
            expected,
            "{base_url}"
        );
    }
    // The plain-HTTP request reached the sandbox directly, so no proxy saw the password.
    assert_eq!(sandbox.requests().len(), 2);
}
