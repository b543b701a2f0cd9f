//! The command line.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

/// Client for Sectigo's partner API (SPS).
#[derive(Debug, Parser)]
#[command(name = "sectigo-sps", version, about, after_help = crate::exit::EXIT_CODES_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ask the provider to resend the S/MIME invitation email of an order.
    ///
    /// Credentials come from SECTIGO_LOGIN_NAME and SECTIGO_LOGIN_PASSWORD, or from
    /// --login-name with --password-file (there is no password flag: it would show in the
    /// process list). The call is never retried: each success sends a real email.
    #[command(after_help = crate::exit::EXIT_CODES_HELP)]
    ResendInvitation(ResendArgs),
    /// Print the status-code table (provider codes and this tool's own).
    Codes {
        /// Print the table as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct ResendArgs {
    /// The order number whose invitation is resent.
    #[arg(long, value_name = "NUMBER")]
    pub order: String,

    /// The partner account's login name [default: $SECTIGO_LOGIN_NAME].
    #[arg(long, value_name = "NAME")]
    pub login_name: Option<String>,

    /// Read the password from this file ('-' for standard input; one trailing newline is
    /// dropped) [default: the password in $SECTIGO_LOGIN_PASSWORD].
    #[arg(long, value_name = "PATH")]
    pub password_file: Option<PathBuf>,

    /// The provider's base URL [default: https://secure.trust-provider.com/products/].
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,

    /// Also trust the CA certificates in this PEM file (repeatable).
    #[arg(long, value_name = "PATH")]
    pub ca_cert: Vec<PathBuf>,

    /// Do not trust the system's CA certificates (only --ca-cert ones).
    #[arg(long)]
    pub no_system_roots: bool,

    /// Time limit for the whole call, in seconds [default: 30].
    #[arg(long, value_name = "SECONDS", value_parser = seconds)]
    pub timeout: Option<Duration>,

    /// Time limit for connecting, in seconds [default: 10].
    #[arg(long, value_name = "SECONDS", value_parser = seconds)]
    pub connect_timeout: Option<Duration>,

    /// Use this proxy [default: from HTTPS_PROXY / ALL_PROXY / HTTP_PROXY and NO_PROXY].
    #[arg(long, value_name = "URL", conflicts_with = "no_proxy")]
    pub proxy: Option<String>,

    /// Connect directly, ignoring proxy variables in the environment.
    #[arg(long)]
    pub no_proxy: bool,

    /// Print the outcome as one JSON object on standard output.
    #[arg(long)]
    pub json: bool,

    /// Start the built-in sandbox (a local emulator of the provider) and run against it with its
    /// own credentials. Nothing leaves this machine.
    #[arg(long, conflicts_with_all = [
        "endpoint", "login_name", "password_file", "ca_cert", "no_system_roots", "proxy"
    ])]
    pub sandbox: bool,
}

fn seconds(text: &str) -> Result<Duration, String> {
    let value: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if !(value.is_finite() && value > 0.0 && value <= 86_400.0) {
        return Err(String::from(
            "must be more than 0 and at most 86400 seconds",
        ));
    }
    Ok(Duration::from_secs_f64(value))
}
