//! `sectigo-sps`: resend an S/MIME invitation email from the shell.

mod args;
mod exit;
mod report;
mod secrets;

use std::process::ExitCode;

use clap::Parser;
use sectigo_sps::{Client, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, ProxySetting};
use sectigo_sps_sandbox::{Sandbox, SandboxConfig};

use crate::args::{Cli, Command, ResendArgs};
use crate::exit::Exit;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let exit = match cli.command {
        Command::ResendInvitation(args) => resend_invitation(&args),
        Command::Codes { json } => report::code_table(json),
    };
    exit.into()
}

fn resend_invitation(args: &ResendArgs) -> Exit {
    // Kept alive until the call is over: dropping it stops the emulator.
    let sandbox = if args.sandbox {
        match Sandbox::start(SandboxConfig::default()) {
            Ok(sandbox) => Some(sandbox),
            Err(error) => {
                return report::usage_error(&format!("the sandbox did not start: {error}"));
            }
        }
    } else {
        None
    };
    let credentials = match secrets::credentials(args, sandbox.is_some()) {
        Ok(credentials) => credentials,
        Err(message) => return report::usage_error(&message),
    };
    let client = match build_client(args, sandbox.as_ref()) {
        Ok(client) => client,
        Err(message) => return report::usage_error(&message),
    };
    let outcome = client.resend_invitation_email_smime(&credentials, &args.order);
    // With --sandbox, show what the emulator recorded: the effect, not just the answer.
    let recorded = sandbox.map(|sandbox| {
        sandbox
            .invitations()
            .iter()
            .filter(|invitation| invitation.order_number == args.order)
            .count()
    });
    report::outcome(&outcome, &args.order, recorded, args.json)
}

fn build_client(args: &ResendArgs, sandbox: Option<&Sandbox>) -> Result<Client, String> {
    let mut builder = Client::builder()
        .timeout(args.timeout.unwrap_or(DEFAULT_TIMEOUT))
        .connect_timeout(args.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
        .user_agent_suffix(concat!("sectigo-sps-cli/", env!("CARGO_PKG_VERSION")));
    if let Some(sandbox) = sandbox {
        builder = builder
            .endpoint(sandbox.base_url())
            .add_root_certificates_pem(sandbox.ca_pem())
            .use_system_roots(false)
            .proxy(ProxySetting::None);
    }
    if let Some(endpoint) = &args.endpoint {
        builder = builder.endpoint(endpoint.as_str());
    }
    for path in &args.ca_cert {
        let pem = std::fs::read(path)
            .map_err(|error| format!("cannot read --ca-cert {}: {error}", path.display()))?;
        builder = builder.add_root_certificates_pem(pem);
    }
    if args.no_system_roots {
        builder = builder.use_system_roots(false);
    }
    if args.no_proxy {
        builder = builder.proxy(ProxySetting::None);
    } else if let Some(proxy) = &args.proxy {
        builder = builder.proxy(ProxySetting::Url(proxy.clone()));
    }
    builder.build().map_err(|error| error.message())
}
