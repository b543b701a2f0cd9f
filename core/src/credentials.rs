//! Partner account credentials.

use std::fmt;

use zeroize::Zeroizing;

/// The partner account's login name and password.
///
/// The password is kept out of `Debug` and is wiped from memory when the value is dropped.
/// There is deliberately no `Display`.
#[derive(Clone)]
pub struct Credentials {
    login_name: String,
    password: Zeroizing<String>,
}

impl Credentials {
    /// Credentials for the partner API. Values are checked when a call is made.
    pub fn new(login_name: impl Into<String>, password: impl Into<String>) -> Credentials {
        Credentials {
            login_name: login_name.into(),
            password: Zeroizing::new(password.into()),
        }
    }

    /// The login name (not secret).
    pub fn login_name(&self) -> &str {
        &self.login_name
    }

    pub(crate) fn password(&self) -> &str {
        &self.password
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("login_name", &self.login_name)
            .field("password", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_password() {
        let credentials = Credentials::new("alice", "hunter2-secret");
        let shown = format!("{credentials:?} {credentials:#?}");
        assert!(!shown.contains("hunter2-secret"));
        assert!(shown.contains("alice"));
        assert!(shown.contains("<redacted>"));
    }
}
