//! Request validation on arbitrary input: the bytes are split at the first two 0xFF bytes (never
//! valid in UTF-8) into login name, password and order number, each decoded as lossy UTF-8.
//! `form_body` must never panic and:
//! - succeed exactly when `check_field` accepts all three values, and then its body must decode
//!   (`serde_urlencoded::from_str`) to exactly `loginName`, `loginPassword`, `orderNumber` with
//!   those values, in that order;
//! - otherwise fail with the first failing field's `check_field` error, whose message does not
//!   contain the password (checked for passwords of 4 characters or more; shorter ones can occur
//!   in the fixed wording by chance). Stronger: the message must be identical when every
//!   non-control character of the password is replaced by `*`, so it depends on the password
//!   only through its length and where its control characters are. A password that happens to
//!   be part of the fixed wording (say `Name`, inside `loginName`) is therefore not a leak.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sectigo_sps::request::{LOGIN_NAME, LOGIN_PASSWORD, ORDER_NUMBER, check_field, form_body};
use sectigo_sps::{Credentials, Error};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0xff);
    let mut next = || String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let (name, password, order) = (next(), next(), next());

    let result = form_body(&Credentials::new(name.clone(), password.clone()), &order);
    let first_failure = [
        (LOGIN_NAME, &name),
        (LOGIN_PASSWORD, &password),
        (ORDER_NUMBER, &order),
    ]
    .into_iter()
    .find_map(|(field, value)| check_field(field, value).err());

    match (result, first_failure) {
        (Ok(body), None) => {
            let pairs: Vec<(String, String)> =
                serde_urlencoded::from_str(&body).expect("the form body decodes");
            assert_eq!(
                pairs,
                [
                    ("loginName".to_string(), name),
                    ("loginPassword".to_string(), password),
                    ("orderNumber".to_string(), order),
                ]
            );
        }
        (Err(error), Some(expected)) => {
            assert_eq!(error, expected);
            assert!(matches!(error, Error::InvalidArgument(_)), "{error:?}");
            let message = error.message();
            let masked: String = password
                .chars()
                .map(|c| if c.is_control() { c } else { '*' })
                .collect();
            let masked_message = form_body(&Credentials::new(name, masked), &order)
                .expect_err("masking keeps the password's validity")
                .message();
            if password.chars().count() >= 4 && message.contains(&password) {
                assert!(
                    masked_message.contains(&password),
                    "the error message shows the password: {message:?}"
                );
            }
            assert_eq!(
                message, masked_message,
                "the message depends on the password text"
            );
        }
        (result, expected) => panic!(
            "form_body and check_field disagree: {:?} vs {expected:?}",
            result.map(|body| body.to_string())
        ),
    }
});
