//! `sectigo-sps-sandbox`: run the emulator as a process, for test suites in other languages and
//! for people trying the client without credentials.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use sectigo_sps_sandbox::{SANDBOX_LOGIN_NAME, Sandbox, SandboxConfig};

const USAGE: &str = "\
Usage: sectigo-sps-sandbox [OPTIONS]

A local HTTPS emulator of Sectigo's POST /products/!ResendInvitationEmailSMIME.
Prints the HTTPS base URL as the first line of stdout (and, with --plain-http, the plain-HTTP
base URL as the second line), then serves on 127.0.0.1 until killed.

Options:
  --port N               HTTPS port (default 0: any free port)
  --ca-out PATH          write the generated CA certificate (PEM) here before printing the URL
  --plain-http           also serve plain HTTP on another port (the endpoint answers -1 there)
  --fixture PATH         order fixture file (TSV) replacing the built-in one
  --vectors PATH         shared response vectors, served for orderNumber vector-NAME
                         (default: the repository's tests/vectors/vectors.tsv, if present)
  --slow-ms N            delay of the slow order 9000001 (default 3000)
  --exit-on-stdin-eof    exit (status 0) when stdin reaches end of file, so that a test harness
                         that dies does not leave the sandbox running
  -h, --help             print this help

Credentials: loginName 'sandbox-user', loginPassword 's3cr&t=p%+ss word' (the special
characters catch clients that do not percent-encode the form).

Orders of the built-in fixture:
  1000001 1000002 1000003   resendable: 0, an invitation is recorded
  1000122                   -122 The Certificate is in wrong state.
  1000014                   -14 An unknown error occurred!
  1000901                   -9901 The required agreement has not been accepted.
  1000902                   -9902 The Certificate has pending actions.
  1000903                   -9903 The Certificate has not been issued yet.
                            (-9901..-9903 are placeholders set by the fixture: the provider's
                            numbers for these refusals are not documented)
  9000001                   slow: records an invitation, waits --slow-ms, answers 0
  9000500                   HTTP 500 with an HTML error page
  9000002                   HTTP 200 with the body <<garbage>>
  9000003                   Content-Length: 100, 10 bytes of body, then the connection closes
  9000004                   HTTP 200 with a 1 MiB body whose first line is -14
  9000302                   HTTP 302 to https://localhost:<port>/products/!ResendInvitationEmailSMIME
  9000005                   HTTP 500 HTML page echoing the password and the form it was sent
  vector-NAME               the shared response vector NAME, byte for byte
  anything else             -4 The value of the 'orderNumber' argument is invalid!

Control requests (HTTPS and plain):
  GET  /_sandbox/invitations         order<TAB>loginName<TAB>unix_ms, one per line
  GET  /_sandbox/invitations.json    [{\"order_number\",\"login_name\",\"unix_ms\"}, ...]
  GET  /_sandbox/requests.json       requests to the endpoint, as received
  GET  /_sandbox/stats               {\"connections\",\"tls_handshakes\",\"requests\"}
  GET  /_sandbox/ca.pem              the CA certificate
  POST /_sandbox/reset               forget invitations and requests (204)
";

struct Options {
    config: SandboxConfig,
    ca_out: Option<PathBuf>,
    exit_on_stdin_eof: bool,
}

fn parse(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut config = SandboxConfig::default();
    let mut ca_out = None;
    let mut exit_on_stdin_eof = false;
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        // Both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_string(), Some(value.to_string()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--port" => {
                config.port = value()?
                    .parse()
                    .map_err(|_| "--port needs a number from 0 to 65535".to_string())?;
            }
            "--ca-out" => ca_out = Some(PathBuf::from(value()?)),
            "--plain-http" => config.plain_http = true,
            "--fixture" => config.fixture = Some(PathBuf::from(value()?)),
            "--vectors" => config.vectors = Some(PathBuf::from(value()?)),
            "--slow-ms" => {
                let ms: u64 = value()?
                    .parse()
                    .map_err(|_| "--slow-ms needs a number of milliseconds".to_string())?;
                config.slow = Duration::from_millis(ms);
            }
            "--exit-on-stdin-eof" => exit_on_stdin_eof = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
        if inline.is_some() && matches!(flag.as_str(), "--plain-http" | "--exit-on-stdin-eof") {
            return Err(format!("{flag} takes no value"));
        }
    }
    Ok(Some(Options {
        config,
        ca_out,
        exit_on_stdin_eof,
    }))
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(why) => {
            eprintln!("sectigo-sps-sandbox: {why}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match Sandbox::start(options.config) {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("sectigo-sps-sandbox: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(path) = &options.ca_out {
        if let Err(error) = std::fs::write(path, sandbox.ca_pem()) {
            eprintln!(
                "sectigo-sps-sandbox: cannot write {}: {error}",
                path.display()
            );
            return ExitCode::FAILURE;
        }
    }
    // The URL lines are the contract with harnesses: nothing else goes to stdout, and they are
    // flushed at once because stdout is a pipe there (block-buffered).
    let mut stdout = std::io::stdout().lock();
    let mut lines = format!("{}\n", sandbox.base_url());
    if let Some(plain) = sandbox.plain_base_url() {
        lines.push_str(&format!("{plain}\n"));
    }
    if stdout
        .write_all(lines.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    drop(stdout);
    eprintln!(
        "sectigo-sps-sandbox: serving; login name {SANDBOX_LOGIN_NAME:?}, password in --help"
    );

    if options.exit_on_stdin_eof {
        let mut sink = [0u8; 4096];
        let mut stdin = std::io::stdin().lock();
        while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
        return ExitCode::SUCCESS;
    }
    loop {
        std::thread::park();
    }
}
