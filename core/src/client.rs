//! The client: configuration once, then calls.

use std::fmt;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use ureq::Agent;
use ureq::tls::{RootCerts, TlsConfig, TlsProvider};
use ureq::unversioned::transport::DefaultConnector;
use zeroize::Zeroizing;

use crate::endpoint::{self, DEFAULT_BASE_URL};
use crate::request::form_body;
use crate::resolver::LookupResolver;
use crate::response::{MAX_BODY_BYTES, excerpt, interpret_response_hiding};
use crate::roots;
use crate::{Credentials, Error};

/// How long connecting may take by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole call may take by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Which proxy the client uses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ProxySetting {
    /// `HTTPS_PROXY`/`ALL_PROXY`/`HTTP_PROXY` and `NO_PROXY`, like curl, requests and Go.
    #[default]
    FromEnvironment,
    /// Connect directly.
    None,
    /// This proxy URL (`http://`, `https://`, `socks5://` ...).
    Url(String),
}

/// Configuration for a [`Client`]; see [`Client::builder`].
#[derive(Clone)]
pub struct ClientBuilder {
    base_url: String,
    connect_timeout: Duration,
    timeout: Duration,
    extra_roots_pem: Vec<Vec<u8>>,
    use_system_roots: bool,
    proxy: ProxySetting,
    user_agent: String,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: DEFAULT_BASE_URL.to_string(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            extra_roots_pem: Vec::new(),
            use_system_roots: true,
            proxy: ProxySetting::FromEnvironment,
            user_agent: format!("sectigo-sps/{}", env!("CARGO_PKG_VERSION")),
        }
    }
}

impl ClientBuilder {
    /// The provider's base URL (default `https://secure.trust-provider.com/products/`). The call's
    /// path, `!ResendInvitationEmailSMIME`, is appended to it.
    pub fn endpoint(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// How long connecting (resolving, TCP, TLS) may take. Default 10 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long a whole call may take. Default 30 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Also trusts the CA certificates in this PEM text (one or more `CERTIFICATE` blocks).
    pub fn add_root_certificates_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.extra_roots_pem.push(pem.into());
        self
    }

    /// Whether the operating system's trust store is used (default true).
    pub fn use_system_roots(mut self, use_them: bool) -> Self {
        self.use_system_roots = use_them;
        self
    }

    /// Which proxy to use (default: from the environment).
    pub fn proxy(mut self, proxy: ProxySetting) -> Self {
        self.proxy = proxy;
        self
    }

    /// Appends a product token to the `User-Agent` (`sectigo-sps/VERSION` always comes first).
    pub fn user_agent_suffix(mut self, suffix: &str) -> Self {
        self.user_agent = format!("sectigo-sps/{} {suffix}", env!("CARGO_PKG_VERSION"));
        self
    }

    /// Checks the configuration and builds the client. Loads the system trust store when asked.
    pub fn build(self) -> Result<Client, Error> {
        let url = endpoint::call_url(&self.base_url)?;
        for (name, value) in [
            ("connect timeout", self.connect_timeout),
            ("timeout", self.timeout),
        ] {
            if value.is_zero() {
                return Err(Error::InvalidConfig(format!("the {name} must be positive")));
            }
        }
        if self.user_agent.chars().any(char::is_control) {
            return Err(Error::InvalidConfig(String::from(
                "the user agent must not contain control characters",
            )));
        }
        let roots = roots::trusted(&self.extra_roots_pem, self.use_system_roots)?;
        let proxy =
            match &self.proxy {
                ProxySetting::FromEnvironment => ureq::Proxy::try_from_env(),
                ProxySetting::None => None,
                // The proxy URL may hold a password: the error does not repeat it.
                ProxySetting::Url(url) => Some(ureq::Proxy::new(url).map_err(|_| {
                    Error::InvalidConfig(String::from("the proxy URL is not valid"))
                })?),
            };
        // A loopback endpoint (the sandbox, a test server) is on this machine: a proxy would
        // reach its own loopback instead, and over http:// it would receive the credentials in
        // clear text. (Go's net/http skips environment proxies for loopback; we skip any.)
        let proxy = proxy.filter(|_| !endpoint::is_loopback_url(&url));
        let tls = TlsConfig::builder()
            .provider(TlsProvider::Rustls)
            .root_certs(RootCerts::Specific(Arc::new(roots)))
            .build();
        let config = Agent::config_builder()
            .tls_config(tls)
            .proxy(proxy)
            .timeout_connect(Some(self.connect_timeout))
            .timeout_global(Some(self.timeout))
            // A redirect would re-post the credentials to wherever it points.
            .max_redirects(0)
            // The body decides; the status is reported only when the body is not a verdict.
            .http_status_as_error(false)
            // Plain http is allowed to loopback hosts only; `endpoint::call_url` enforces that.
            .https_only(false)
            .user_agent(self.user_agent.as_str())
            .build();
        let agent = Agent::with_parts(config, DefaultConnector::new(), LookupResolver::default());
        Ok(Client {
            agent,
            url,
            timeout: self.timeout,
        })
    }
}

/// A client for the provider's API, built once and reused. Cheap to clone; safe to share between
/// threads (connections are pooled).
#[derive(Clone)]
pub struct Client {
    agent: Agent,
    url: String,
    timeout: Duration,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("url", &self.url)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts a configuration with the defaults: the documented provider host, the system trust
    /// store, the proxy from the environment, 10 s to connect and 30 s per call.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The full URL the client posts to.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Asks the provider to resend the S/MIME invitation email of `order_number`.
    ///
    /// `Ok(())` means the provider answered code 0. The call is never retried: it sends a real
    /// email. See [`Error::is_safe_to_retry`].
    pub fn resend_invitation_email_smime(
        &self,
        credentials: &Credentials,
        order_number: &str,
    ) -> Result<(), Error> {
        self.call(credentials, order_number, self.timeout)
    }

    /// Like [`Client::resend_invitation_email_smime`], with this call bounded by `timeout` when
    /// it is shorter than the client's (a caller's deadline, for example).
    pub fn resend_invitation_email_smime_within(
        &self,
        credentials: &Credentials,
        order_number: &str,
        timeout: Duration,
    ) -> Result<(), Error> {
        self.call(credentials, order_number, timeout.min(self.timeout))
    }

    fn call(
        &self,
        credentials: &Credentials,
        order_number: &str,
        timeout: Duration,
    ) -> Result<(), Error> {
        // Arguments first: a bad value is reported as such whatever the deadline.
        let body = form_body(credentials, order_number)?;
        if timeout.is_zero() {
            return Err(Error::Timeout {
                phase: String::from("before sending (no time was left)"),
                request_sent: false,
            });
        }
        // A hostile server could echo what we sent: neither form of the password may leave
        // here inside an excerpt, a Location or a verdict.
        let encoded = Zeroizing::new(
            serde_urlencoded::to_string([("", credentials.password())]).unwrap_or_default(),
        );
        let secrets = [credentials.password(), encoded.trim_start_matches('=')];
        self.post(&body, timeout, &secrets).map_err(|error| {
            secrets
                .iter()
                .fold(error, |error, secret| error.without_secret(secret))
        })
    }

    fn post(&self, body: &str, timeout: Duration, secrets: &[&str]) -> Result<(), Error> {
        let mut response = self
            .agent
            .post(&self.url)
            .config()
            .timeout_global(Some(timeout))
            .build()
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(body.as_bytes())
            .map_err(|error| self.transport_error(error, false))?;
        let status = response.status().as_u16();
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get("location")
                .map(|value| excerpt(value.as_bytes(), secrets))
                .unwrap_or_else(|| String::from("(no Location header)"));
            return Err(Error::Redirect { status, location });
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(|error| match error {
                ureq::Error::BodyExceedsLimit(limit) => Error::ResponseTooLarge { status, limit },
                other => self.transport_error(other, true),
            })?;
        interpret_response_hiding(status, &body, secrets)
    }

    /// Maps a transport failure to our table. `response_started`: the status line had arrived.
    fn transport_error(&self, error: ureq::Error, response_started: bool) -> Error {
        use ureq::Timeout as Phase;
        let host = self.host();
        match error {
            ureq::Error::Timeout(phase) => {
                let request_sent = !matches!(phase, Phase::Resolve | Phase::Connect);
                let phase = match phase {
                    Phase::Resolve => "while resolving the host",
                    Phase::Connect => "while connecting",
                    Phase::SendRequest | Phase::SendBody | Phase::Await100 => {
                        "while sending the request"
                    }
                    Phase::RecvResponse => "while waiting for the answer",
                    Phase::RecvBody => "while reading the answer",
                    _ if response_started => "while reading the answer",
                    _ => "before the answer arrived",
                };
                Error::Timeout {
                    phase: phase.to_string(),
                    request_sent,
                }
            }
            ureq::Error::HostNotFound => Error::ConnectFailed {
                host,
                reason: String::from("its name (or the proxy's) could not be resolved"),
            },
            ureq::Error::ConnectionFailed => Error::ConnectFailed {
                host,
                reason: String::from("no connection could be made"),
            },
            ureq::Error::ConnectProxyFailed(reason) => Error::ConnectFailed {
                host,
                reason: format!("the proxy refused the tunnel: {reason}"),
            },
            ureq::Error::Rustls(error) => Error::Tls(error.to_string()),
            ureq::Error::Tls(reason) => Error::Tls(reason.to_string()),
            ureq::Error::Io(error) => self.io_error(error, response_started),
            ureq::Error::Protocol(error) => Error::MalformedResponse {
                status: 0,
                excerpt: format!("(broken HTTP: {error})"),
            },
            ureq::Error::LargeResponseHeader(size, limit) => Error::MalformedResponse {
                status: 0,
                excerpt: format!("(response headers of {size} bytes exceed {limit})"),
            },
            ureq::Error::BadUri(_) | ureq::Error::Http(_) | ureq::Error::InvalidProxyUrl => {
                Error::InvalidConfig(String::from(
                    "the request could not be built from the configuration",
                ))
            }
            other => Error::ConnectionLost(other.to_string()),
        }
    }

    fn io_error(&self, error: io::Error, response_started: bool) -> Error {
        use io::ErrorKind as Kind;
        // rustls reports handshake failures through the socket's io::Error.
        if let Some(tls) = error
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        {
            return Error::Tls(tls.to_string());
        }
        match error.kind() {
            // Only a refused connection proves nothing was sent: unreachable-network errors can
            // also end a connection that already carried the request.
            Kind::ConnectionRefused if !response_started => Error::ConnectFailed {
                host: self.host(),
                reason: error.to_string(),
            },
            Kind::TimedOut | Kind::WouldBlock => Error::Timeout {
                phase: String::from("while waiting on the connection"),
                request_sent: true,
            },
            Kind::UnexpectedEof if response_started => {
                Error::ConnectionLost(String::from("the answer was cut short"))
            }
            _ => Error::ConnectionLost(error.to_string()),
        }
    }

    fn host(&self) -> String {
        self.url
            .parse::<ureq::http::Uri>()
            .ok()
            .and_then(|uri| uri.authority().map(|a| a.to_string()))
            .unwrap_or_default()
    }
}
