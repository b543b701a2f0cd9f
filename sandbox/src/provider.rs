//! The endpoint's rules, in the provider's order: transport, method, parameters, credentials,
//! then the order's state. Pure apart from the clock: the server records and answers.

use std::time::Duration;

use crate::fixture::{Behaviour, Fixture};
use crate::http::{Response, TEXT_PLAIN};
use crate::record::{Invitation, unix_ms_now};
use crate::vectors::Vectors;

const PARAMETERS: [(&str, usize); 3] = [
    ("loginName", 64),
    ("loginPassword", 128),
    ("orderNumber", 128),
];

pub(crate) const BAD_LOGIN: &str = "Incorrect login details, account is locked, password has expired or your source IP is blocked.";

/// Size of the oversized fault body: large enough to trip any sane client's response cap.
pub(crate) const OVERSIZED_BODY_BYTES: usize = 1 << 20;

/// What the server must do to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reply {
    /// A normal response. `code` is the verdict it carries, for the record.
    Respond {
        response: Response,
        code: Option<i64>,
    },
    /// Wait, then answer (the slow fault order).
    Delayed {
        delay: Duration,
        response: Response,
        code: Option<i64>,
    },
    /// Announce `declared_len` body bytes, send only `body`, then drop the connection.
    Truncated {
        response: Response,
        declared_len: usize,
    },
}

impl Reply {
    pub fn code(&self) -> Option<i64> {
        match self {
            Reply::Respond { code, .. } | Reply::Delayed { code, .. } => *code,
            Reply::Truncated { .. } => None,
        }
    }
}

/// The provider's answer shape: `CODE\n`, or `CODE\nMESSAGE\n` for an error.
pub(crate) fn verdict(code: i64, message: &str) -> Reply {
    let body = if code == 0 {
        "0\n".to_string()
    } else {
        format!("{code}\n{message}\n")
    };
    Reply::Respond {
        response: Response::text(200, body),
        code: Some(code),
    }
}

fn invalid(name: &str) -> Reply {
    verdict(
        -4,
        &format!("The value of the '{name}' argument is invalid!"),
    )
}

pub(crate) struct EndpointRequest<'a> {
    pub https: bool,
    pub method: &'a str,
    pub query: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
}

pub(crate) struct Evaluation {
    /// The body's form fields as decoded, for the record.
    pub form: Vec<(String, String)>,
    pub reply: Reply,
    /// Recorded before the reply is sent: the provider acts even if the client gives up.
    pub invitation: Option<Invitation>,
}

pub(crate) struct Provider {
    pub credentials: (String, String),
    pub fixture: Fixture,
    pub vectors: Vectors,
    pub slow: Duration,
    /// The HTTPS listener's port, for the redirect fault order's `Location`.
    pub https_port: u16,
}

fn is_form(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|value| {
        value
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .eq_ignore_ascii_case("application/x-www-form-urlencoded")
    })
}

fn decode(encoded: &[u8]) -> Vec<(String, String)> {
    // Decoding into owned pairs cannot fail (invalid UTF-8 is replaced), and happens once.
    serde_urlencoded::from_bytes(encoded).unwrap_or_default()
}

impl Provider {
    pub fn evaluate(&self, request: &EndpointRequest<'_>) -> Evaluation {
        let form = if is_form(request.content_type) {
            decode(request.body)
        } else {
            Vec::new()
        };
        let (reply, invitation) = self.decide(request, &form);
        Evaluation {
            form,
            reply,
            invitation,
        }
    }

    fn decide(
        &self,
        request: &EndpointRequest<'_>,
        form: &[(String, String)],
    ) -> (Reply, Option<Invitation>) {
        if !request.https {
            return (verdict(-1, "Request was not made over https!"), None);
        }
        if request.method != "POST" {
            return (verdict(-17, "Request used GET rather than POST!"), None);
        }
        // The query string counts as parameters: a client that puts anything there, credentials
        // above all, is caught by -2 or by the duplicate rule.
        let query = request
            .query
            .map(|query| decode(query.as_bytes()))
            .unwrap_or_default();
        let parameters: Vec<&(String, String)> = query.iter().chain(form).collect();

        if let Some((name, _)) = parameters
            .iter()
            .find(|(name, _)| !PARAMETERS.iter().any(|(known, _)| known == name))
        {
            return (
                verdict(-2, &format!("'{name}' is an unrecognised argument!")),
                None,
            );
        }
        let values = |wanted: &str| -> Vec<&str> {
            parameters
                .iter()
                .filter(|(name, _)| name == wanted)
                .map(|(_, value)| value.as_str())
                .collect()
        };
        for (name, _) in PARAMETERS {
            if values(name).iter().all(|value| value.is_empty()) {
                return (
                    verdict(-3, &format!("The '{name}' argument is missing!")),
                    None,
                );
            }
        }
        for (name, max_chars) in PARAMETERS {
            let given = values(name);
            let value = given[0];
            if given.len() > 1
                || value.chars().count() > max_chars
                || value.chars().any(char::is_control)
            {
                return (invalid(name), None);
            }
        }
        let login_name = values("loginName")[0];
        let order = values("orderNumber")[0];
        if (login_name, values("loginPassword")[0])
            != (self.credentials.0.as_str(), self.credentials.1.as_str())
        {
            return (verdict(-16, BAD_LOGIN), None);
        }

        if let Some(name) = order.strip_prefix("vector-") {
            let Some(vector) = self.vectors.get(name) else {
                return (invalid("orderNumber"), None);
            };
            let code = std::str::from_utf8(&vector.body)
                .ok()
                .and_then(|body| body.lines().next())
                .and_then(|line| line.trim().parse::<i64>().ok());
            let response = Response::text(vector.http_status, vector.body.clone());
            return (Reply::Respond { response, code }, None);
        }

        let invitation = || Invitation {
            order_number: order.to_string(),
            login_name: login_name.to_string(),
            unix_ms: unix_ms_now(),
        };
        match self.fixture.get(order) {
            None => (invalid("orderNumber"), None),
            Some(Behaviour::Resend) => (verdict(0, ""), Some(invitation())),
            Some(Behaviour::Verdict { code, message }) => (verdict(*code, message), None),
            Some(Behaviour::Slow) => (
                Reply::Delayed {
                    delay: self.slow,
                    response: Response::text(200, "0\n"),
                    code: Some(0),
                },
                Some(invitation()),
            ),
            Some(Behaviour::Http500) => (
                Reply::Respond {
                    response: Response::new(500, "text/html; charset=utf-8", ERROR_PAGE),
                    code: None,
                },
                None,
            ),
            Some(Behaviour::Garbage) => (
                Reply::Respond {
                    response: Response::text(200, "<<garbage>>"),
                    code: None,
                },
                None,
            ),
            Some(Behaviour::Truncated) => (
                Reply::Truncated {
                    response: Response::text(200, "-122\nThe C"),
                    declared_len: 100,
                },
                None,
            ),
            Some(Behaviour::Oversized) => (
                Reply::Respond {
                    response: Response::text(200, oversized_body()),
                    code: Some(-14),
                },
                None,
            ),
            Some(Behaviour::Echo) => {
                // A broken server's debug page that repeats what it was sent, decoded and
                // encoded: a client must not let the password through in its error text.
                let password = values("loginPassword")[0];
                let encoded = serde_urlencoded::to_string(form).unwrap_or_default();
                let page = format!(
                    "<html><body><p>Rejected \"{password}\"</p><pre>{encoded}</pre></body></html>\n"
                );
                (
                    Reply::Respond {
                        response: Response::new(500, "text/html; charset=utf-8", page),
                        code: None,
                    },
                    None,
                )
            }
            Some(Behaviour::Redirect) => {
                // `localhost`, not 127.0.0.1: a client that follows the redirect re-posts to a
                // different host name and shows up as a second recorded request.
                let location = format!(
                    "https://localhost:{}{}",
                    self.https_port,
                    crate::ENDPOINT_PATH
                );
                let response =
                    Response::new(302, TEXT_PLAIN, "Moved.\n").with_header("Location", location);
                (
                    Reply::Respond {
                        response,
                        code: None,
                    },
                    None,
                )
            }
        }
    }
}

const ERROR_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n<body><h1>Internal Server Error</h1><p>The server encountered an internal error.</p></body></html>\n";

/// A provider-shaped first line, then padding up to exactly 1 MiB.
fn oversized_body() -> Vec<u8> {
    let mut body = b"-14\nAn unknown error occurred!\n".to_vec();
    let line = b"padding padding padding padding padding padding padding padding padding\n";
    while body.len() < OVERSIZED_BODY_BYTES {
        let room = OVERSIZED_BODY_BYTES - body.len();
        body.extend_from_slice(&line[..line.len().min(room)]);
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::DEFAULT_FIXTURE;

    fn provider() -> Provider {
        Provider {
            credentials: ("user".into(), "p&ss".into()),
            fixture: Fixture::parse(DEFAULT_FIXTURE).unwrap(),
            vectors: Vectors::parse("dup\t200\t-9\\nx\\n\t-9\tx\n").unwrap(),
            slow: Duration::from_millis(5),
            https_port: 4443,
        }
    }

    fn body_of(body: &str) -> String {
        let request = EndpointRequest {
            https: true,
            method: "POST",
            query: None,
            content_type: Some("application/x-www-form-urlencoded"),
            body: body.as_bytes(),
        };
        match provider().evaluate(&request).reply {
            Reply::Respond { response, .. } => String::from_utf8(response.body).unwrap(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn checks_come_in_the_providers_order() {
        let creds = "loginName=user&loginPassword=p%26ss";
        assert_eq!(body_of(&format!("{creds}&orderNumber=1000001")), "0\n");
        assert_eq!(
            body_of("zzz=1&loginName="),
            "-2\n'zzz' is an unrecognised argument!\n"
        );
        assert_eq!(
            body_of("loginName=&orderNumber=1"),
            "-3\nThe 'loginName' argument is missing!\n"
        );
        assert_eq!(
            body_of("loginName=u&loginPassword=x"),
            "-3\nThe 'orderNumber' argument is missing!\n"
        );
        assert_eq!(
            body_of(&format!("{creds}&orderNumber={}", "1".repeat(129))),
            "-4\nThe value of the 'orderNumber' argument is invalid!\n"
        );
        assert_eq!(
            body_of(&format!("{creds}&orderNumber={}", "1".repeat(128))),
            "-4\nThe value of the 'orderNumber' argument is invalid!\n"
        );
        assert_eq!(
            body_of(&format!(
                "loginName={}&loginPassword=x&orderNumber=1",
                "é".repeat(64)
            )),
            format!("-16\n{BAD_LOGIN}\n")
        );
        assert_eq!(
            body_of("loginName=a%0A&loginPassword=x&orderNumber=1"),
            "-4\nThe value of the 'loginName' argument is invalid!\n"
        );
        assert_eq!(
            body_of("loginName=a&loginName=a&loginPassword=x&orderNumber=1"),
            "-4\nThe value of the 'loginName' argument is invalid!\n"
        );
        assert_eq!(
            body_of(&format!("{creds}+&orderNumber=1000001")),
            format!("-16\n{BAD_LOGIN}\n")
        );
        assert_eq!(
            body_of(&format!("{creds}&orderNumber=vector-dup")),
            "-9\nx\n"
        );
        assert_eq!(
            body_of(&format!("{creds}&orderNumber=vector-nope")),
            "-4\nThe value of the 'orderNumber' argument is invalid!\n"
        );
    }

    #[test]
    fn oversized_body_is_exactly_one_mebibyte() {
        let body = oversized_body();
        assert_eq!(body.len(), 1 << 20);
        assert!(body.starts_with(b"-14\n"));
    }
}
