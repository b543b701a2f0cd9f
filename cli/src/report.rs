//! What the command prints: a line on what happened and what to do next, or one JSON object.

use sectigo_sps::{Category, Error, LocalCode, ProviderCode, status_name};
use serde_json::json;

use crate::exit::Exit;

pub fn outcome(
    outcome: &Result<(), Error>,
    order: &str,
    sandbox_recorded: Option<usize>,
    as_json: bool,
) -> Exit {
    let (code, message, exit) = match outcome {
        Ok(()) => (0, String::new(), Exit::Success),
        Err(error) => (
            error.code(),
            error.message(),
            Exit::for_category(error.category()),
        ),
    };
    if as_json {
        let mut object = json!({
            "ok": outcome.is_ok(),
            "order": order,
            "code": code,
            "name": status_name(code),
            "category": Category::of(code).name(),
            "message": message,
        });
        if let Err(error) = outcome {
            object["parameter"] = json!(error.provider().and_then(|p| p.parameter()));
            object["safe_to_retry"] = json!(error.is_safe_to_retry());
        }
        if let Some(count) = sandbox_recorded {
            object["sandbox_invitations_recorded"] = json!(count);
        }
        println!("{object}");
        return exit;
    }
    match outcome {
        Ok(()) => println!("Invitation email resent for order {order}."),
        Err(error) => {
            let what = match error {
                Error::Provider(verdict) => format!(
                    "the provider rejected the request: code {} ({}): {}",
                    verdict.code(),
                    status_name(verdict.code()),
                    printable(verdict.message())
                ),
                other => format!("{} ({}): {}", status_name(code), code, other.message()),
            };
            eprintln!("error: {what}");
            eprintln!("hint: {}", hint(error));
        }
    }
    if let Some(count) = sandbox_recorded {
        println!("Sandbox: recorded {count} invitation email(s) for order {order}.");
    }
    exit
}

/// The provider's message as it can be shown on a terminal: control characters (line breaks of
/// extra lines aside) are escaped, so a hostile answer cannot move the cursor or recolour the
/// screen. `--json` output carries the message unchanged.
fn printable(message: &str) -> String {
    message
        .chars()
        .flat_map(|c| match c {
            '\n' => vec!['\n'],
            c if c.is_control() => c.escape_default().collect(),
            c => vec![c],
        })
        .collect()
}

/// What an operator should do next.
fn hint(error: &Error) -> &'static str {
    match (ProviderCode::from_code(error.code()), error.category()) {
        (Some(ProviderCode::AuthenticationFailed), _) => {
            "check the login name and password; the account may be locked, the password expired, or this source IP blocked. Not retried: repeated failures can lock the account."
        }
        (Some(ProviderCode::NotHttps), _) => "the endpoint must be an https:// URL.",
        (Some(ProviderCode::InvalidArgumentValue), _) => {
            "check the order number (and the other values) for this account."
        }
        (_, Category::InvalidRequest) => {
            "the provider did not accept the request's form; please report this with the message above."
        }
        (_, Category::CertificateState) => {
            "the certificate's state does not allow a resend (for example already collected, revoked or pending); check the order in the provider's portal."
        }
        (_, Category::ProviderOther) => {
            "the provider reported an error; nothing was retried. Try again later or contact the provider with the code."
        }
        (_, Category::InvalidArgument | Category::InvalidConfig) => {
            "correct the value and run the command again; nothing was sent."
        }
        (_, Category::Tls) => {
            "the server's certificate was not trusted or TLS failed; if the endpoint uses a private CA, pass it with --ca-cert."
        }
        (_, Category::Timeout | Category::Connection) if error.is_safe_to_retry() => {
            "check the network, proxy settings and --endpoint; the request was not sent, so running the command again is safe."
        }
        (_, Category::Timeout | Category::Connection) => {
            "the request may have reached the provider and the email may have been sent; check before running the command again."
        }
        (_, Category::MalformedResponse) => {
            "something other than the provider answered (a proxy, or the wrong --endpoint); check the endpoint. The request may have been processed."
        }
        _ => "this is a bug in sectigo-sps; please report it.",
    }
}

pub fn usage_error(message: &str) -> Exit {
    eprintln!("error: {message}");
    Exit::Usage
}

pub fn code_table(as_json: bool) -> Exit {
    let mut rows: Vec<(i32, &str, &str)> =
        vec![(0, "ok", "success: the invitation email was resent")];
    rows.extend(
        ProviderCode::ALL
            .iter()
            .map(|c| (c.code(), c.name(), c.meaning())),
    );
    rows.extend(
        LocalCode::ALL
            .iter()
            .map(|c| (c.code(), c.name(), c.meaning())),
    );
    if as_json {
        let table: Vec<_> = rows
            .iter()
            .map(|(code, name, meaning)| {
                json!({ "code": code, "name": name, "category": Category::of(*code).name(), "meaning": meaning })
            })
            .collect();
        println!("{}", serde_json::Value::from(table));
    } else {
        for (code, name, meaning) in rows {
            println!("{code:>5}  {name:<24} {meaning}");
        }
        println!("Other negative codes are the provider's own and are passed through unchanged.");
    }
    Exit::Success
}
