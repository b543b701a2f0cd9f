//! Where the credentials come from. Never from a flag: flags show in the process list.

use std::io::Read;

use sectigo_sps::Credentials;
use sectigo_sps_sandbox::{SANDBOX_LOGIN_NAME, SANDBOX_LOGIN_PASSWORD};
use zeroize::Zeroizing;

use crate::args::ResendArgs;

pub const LOGIN_NAME_VARIABLE: &str = "SECTIGO_LOGIN_NAME";
pub const PASSWORD_VARIABLE: &str = "SECTIGO_LOGIN_PASSWORD";

/// A password is at most 128 characters (512 bytes of UTF-8) plus a line break; anything much
/// larger is not a password file.
const MAX_PASSWORD_FILE_BYTES: usize = 4096;

pub fn credentials(args: &ResendArgs, sandbox: bool) -> Result<Credentials, String> {
    if sandbox {
        return Ok(Credentials::new(SANDBOX_LOGIN_NAME, SANDBOX_LOGIN_PASSWORD));
    }
    let login_name = match &args.login_name {
        Some(name) => name.clone(),
        None => std::env::var(LOGIN_NAME_VARIABLE).map_err(|_| {
            format!("no login name: set {LOGIN_NAME_VARIABLE} or pass --login-name")
        })?,
    };
    let password = match &args.password_file {
        Some(path) => read_password(path)?,
        None => Zeroizing::new(std::env::var(PASSWORD_VARIABLE).map_err(|_| {
            format!("no password: set {PASSWORD_VARIABLE} or pass --password-file (- for standard input)")
        })?),
    };
    Ok(Credentials::new(login_name, password.as_str()))
}

fn read_password(path: &std::path::Path) -> Result<Zeroizing<String>, String> {
    // Sized up front: a growing Vec would leave unwiped copies of the password behind.
    let mut bytes = Zeroizing::new(Vec::with_capacity(MAX_PASSWORD_FILE_BYTES));
    // One byte more than allowed is read, to tell a too-large file from one that fits.
    let limit = MAX_PASSWORD_FILE_BYTES as u64 - 1;
    let result = if path.as_os_str() == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|file| file.take(limit).read_to_end(&mut bytes))
    };
    result.map_err(|error| format!("cannot read --password-file {}: {error}", path.display()))?;
    if bytes.len() as u64 == limit {
        return Err(format!(
            "--password-file {} is too large to hold a password",
            path.display()
        ));
    }
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| format!("--password-file {} is not UTF-8 text", path.display()))?;
    // Editors and `echo` end files with a newline; it is never part of the password.
    let password = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(text);
    Ok(Zeroizing::new(password.to_string()))
}
