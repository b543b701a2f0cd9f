//! Argument checks and the form body: everything decided before a byte is sent.

use serde::Serialize;
use zeroize::Zeroizing;

use crate::{Credentials, Error};

/// A form field of the call, with the provider's documented maximum length in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The parameter name, exactly as the provider spells it.
    pub name: &'static str,
    /// The documented maximum length, in characters (not bytes).
    pub max_chars: usize,
    secret: bool,
}

/// `loginName`: at most 64 characters.
pub const LOGIN_NAME: Field = Field {
    name: "loginName",
    max_chars: 64,
    secret: false,
};
/// `loginPassword`: at most 128 characters.
pub const LOGIN_PASSWORD: Field = Field {
    name: "loginPassword",
    max_chars: 128,
    secret: true,
};
/// `orderNumber`: at most 128 characters (a string for this endpoint).
pub const ORDER_NUMBER: Field = Field {
    name: "orderNumber",
    max_chars: 128,
    secret: false,
};

/// Checks one value the way the provider would, so that what it would reject is reported
/// locally. The message never contains the value of a secret field.
pub fn check_field(field: Field, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "{} must not be empty",
            field.name
        )));
    }
    let length = value.chars().count();
    if length > field.max_chars {
        return Err(Error::InvalidArgument(format!(
            "{} is {length} characters long; the provider accepts at most {}",
            field.name, field.max_chars
        )));
    }
    if let Some((position, control)) = value.chars().enumerate().find(|(_, c)| c.is_control()) {
        let which = if field.secret {
            String::from("a control character")
        } else {
            format!("the control character U+{:04X}", u32::from(control))
        };
        return Err(Error::InvalidArgument(format!(
            "{} contains {which} at character {}; control characters are not accepted",
            field.name,
            position + 1
        )));
    }
    Ok(())
}

#[derive(Serialize)]
struct Form<'a> {
    #[serde(rename = "loginName")]
    login_name: &'a str,
    #[serde(rename = "loginPassword")]
    login_password: &'a str,
    #[serde(rename = "orderNumber")]
    order_number: &'a str,
}

/// Checks every argument, then encodes exactly the three documented fields once: the body the
/// client sends. Public for fuzzing and for callers that want to check values early.
///
/// The body holds the password, so it is wiped when dropped.
pub fn form_body(
    credentials: &Credentials,
    order_number: &str,
) -> Result<Zeroizing<String>, Error> {
    check_field(LOGIN_NAME, credentials.login_name())?;
    check_field(LOGIN_PASSWORD, credentials.password())?;
    check_field(ORDER_NUMBER, order_number)?;
    let form = Form {
        login_name: credentials.login_name(),
        login_password: credentials.password(),
        order_number,
    };
    serde_urlencoded::to_string(&form)
        .map(Zeroizing::new)
        .map_err(|_| Error::InvalidArgument(String::from("the form could not be encoded")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(name: &str, password: &str, order: &str) -> Result<String, Error> {
        form_body(&Credentials::new(name, password), order).map(|b| b.to_string())
    }

    #[test]
    fn encodes_exactly_three_fields_once() {
        assert_eq!(
            body("a&b=c", "p%+ &=é", "1000001").unwrap(),
            "loginName=a%26b%3Dc&loginPassword=p%25%2B+%26%3D%C3%A9&orderNumber=1000001"
        );
    }

    #[test]
    fn rejects_empty_values() {
        assert_eq!(
            body("", "pw", "1"),
            Err(Error::InvalidArgument("loginName must not be empty".into()))
        );
        assert_eq!(
            body("n", "", "1"),
            Err(Error::InvalidArgument(
                "loginPassword must not be empty".into()
            ))
        );
        assert_eq!(
            body("n", "pw", ""),
            Err(Error::InvalidArgument(
                "orderNumber must not be empty".into()
            ))
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        let at_limit = "é".repeat(64);
        assert!(body(&at_limit, "pw", "1").is_ok());
        assert_eq!(
            body(&"é".repeat(65), "pw", "1"),
            Err(Error::InvalidArgument(
                "loginName is 65 characters long; the provider accepts at most 64".into()
            ))
        );
        assert!(body("n", &"x".repeat(128), &"9".repeat(128)).is_ok());
        assert_eq!(
            body("n", "pw", &"9".repeat(129)),
            Err(Error::InvalidArgument(
                "orderNumber is 129 characters long; the provider accepts at most 128".into()
            ))
        );
    }

    #[test]
    fn rejects_control_characters_without_showing_secrets() {
        assert_eq!(
            body("ab\0c", "pw", "1"),
            Err(Error::InvalidArgument(
                "loginName contains the control character U+0000 at character 3; control characters are not accepted".into()
            ))
        );
        assert_eq!(
            body("n", "se\ncret", "1"),
            Err(Error::InvalidArgument(
                "loginPassword contains a control character at character 3; control characters are not accepted".into()
            ))
        );
        assert!(body("n", "pw", "12\u{7f}").is_err());
        assert!(body("n", "pw", "12\u{85}").is_err());
    }
}
