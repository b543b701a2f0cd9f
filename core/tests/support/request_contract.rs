//! The contract of `request::form_body`, written from `check_field`. Shared by
//! `core/tests/properties.rs` and `fuzz/fuzz_targets/validate_request.rs` (through `#[path]`).
#![allow(dead_code)]

use sectigo_sps::request::{LOGIN_NAME, LOGIN_PASSWORD, ORDER_NUMBER, check_field, form_body};
use sectigo_sps::{Credentials, Error};

/// Checks `form_body` for one set of values: it fails exactly with the first failing field's
/// `check_field` error, or its body decodes to exactly the three fields in order. Returns that
/// error (`Ok(None)` on success), or what broke the contract.
pub fn check_form_body(name: &str, password: &str, order: &str) -> Result<Option<Error>, String> {
    let result = form_body(&Credentials::new(name, password), order);
    let first_failure = [
        (LOGIN_NAME, name),
        (LOGIN_PASSWORD, password),
        (ORDER_NUMBER, order),
    ]
    .into_iter()
    .find_map(|(field, value)| check_field(field, value).err());
    match (result, first_failure) {
        (Ok(body), None) => {
            let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&body)
                .map_err(|error| format!("the form body does not decode: {error}"))?;
            let expected = [
                ("loginName", name),
                ("loginPassword", password),
                ("orderNumber", order),
            ]
            .map(|(key, value)| (key.to_string(), value.to_string()));
            if pairs == expected {
                Ok(None)
            } else {
                Err(format!("the body decodes to {pairs:?}, not {expected:?}"))
            }
        }
        (Err(error), Some(expected)) if error == expected => Ok(Some(error)),
        (result, expected) => Err(format!(
            "form_body and check_field disagree: {:?} vs {expected:?}",
            result.map(|body| body.to_string())
        )),
    }
}
