//! The provider's base URL and the rules on where credentials may be sent.

use std::net::IpAddr;

use ureq::http::Uri;

use crate::Error;

/// The documented base URL of the provider's API.
pub const DEFAULT_BASE_URL: &str = "https://secure.trust-provider.com/products/";

/// The path segment of the call, appended to the base URL. The `!` is sent literally.
pub const RESEND_INVITATION_EMAIL_SMIME: &str = "!ResendInvitationEmailSMIME";

/// Checks a base URL and returns the full URL of the call.
///
/// HTTPS only, except plain HTTP to a loopback host (tests, the sandbox). No credentials, query
/// or fragment in the URL: the credentials go in the body, and nothing else belongs there.
pub(crate) fn call_url(base_url: &str) -> Result<String, Error> {
    // A URL with user information may carry a password: never echo it.
    let shown = if base_url.contains('@') {
        "(not shown: it contains user information)"
    } else {
        base_url
    };
    let invalid = |why: &str| Error::InvalidConfig(format!("endpoint {shown:?}: {why}"));
    if base_url.contains(['#', '?']) {
        return Err(invalid(
            "must not contain a query or fragment; credentials go in the request body",
        ));
    }
    let uri: Uri = base_url
        .parse()
        .map_err(|_| invalid("not a valid absolute URL"))?;
    let authority = uri
        .authority()
        .ok_or_else(|| invalid("not an absolute URL (scheme and host are required)"))?;
    if authority.as_str().contains('@') {
        return Err(invalid(
            "must not contain user information; credentials go in the request body",
        ));
    }
    match uri.scheme_str() {
        Some("https") => {}
        Some("http") if is_loopback(authority.host()) => {}
        Some("http") => {
            return Err(invalid(
                "plain http is allowed only to a loopback host (localhost, 127.0.0.0/8, ::1); use https",
            ));
        }
        _ => return Err(invalid("the scheme must be https")),
    }
    let mut url = format!(
        "{}://{}{}",
        uri.scheme_str().unwrap_or("https"),
        authority,
        uri.path()
    );
    if !url.ends_with('/') {
        url.push('/');
    }
    url.push_str(RESEND_INVITATION_EMAIL_SMIME);
    Ok(url)
}

/// True when `url` (as returned by [`call_url`]) points at this machine.
pub(crate) fn is_loopback_url(url: &str) -> bool {
    url.parse::<Uri>()
        .ok()
        .and_then(|uri| uri.host().map(is_loopback))
        .unwrap_or(false)
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_host() {
        assert_eq!(
            call_url(DEFAULT_BASE_URL).unwrap(),
            "https://secure.trust-provider.com/products/!ResendInvitationEmailSMIME"
        );
    }

    #[test]
    fn adds_missing_slash_and_keeps_port() {
        assert_eq!(
            call_url("https://127.0.0.1:8443/products").unwrap(),
            "https://127.0.0.1:8443/products/!ResendInvitationEmailSMIME"
        );
    }

    #[test]
    fn plain_http_only_to_loopback() {
        for ok in [
            "http://127.0.0.1:1/products/",
            "http://127.9.9.9/",
            "http://localhost:8080/products/",
            "http://[::1]:8080/products/",
        ] {
            assert!(call_url(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://secure.trust-provider.com/products/",
            "http://10.0.0.1/products/",
            "http://localhost.evil.example/",
        ] {
            let error = call_url(refused).unwrap_err();
            assert!(matches!(error, Error::InvalidConfig(_)), "{refused}");
            assert!(error.to_string().contains("plain http"), "{error}");
        }
    }

    #[test]
    fn refuses_credentials_queries_and_other_schemes() {
        for refused in [
            "https://user:pw@secure.trust-provider.com/products/",
            "https://secure.trust-provider.com/products/?loginName=x",
            "https://secure.trust-provider.com/products/#x",
            "ftp://secure.trust-provider.com/",
            "secure.trust-provider.com/products/",
            "",
        ] {
            assert!(
                matches!(call_url(refused), Err(Error::InvalidConfig(_))),
                "{refused}"
            );
        }
    }
}
