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
use sectigo_sps::request::form_body;
use sectigo_sps::{Credentials, Error};

#[path = "../../core/tests/support/request_contract.rs"]
mod request_contract;
use request_contract::check_form_body;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0xff);
    let mut next = || String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let (name, password, order) = (next(), next(), next());

    let error = match check_form_body(&name, &password, &order) {
        Ok(None) => return,
        Ok(Some(error)) => error,
        Err(breach) => panic!("{breach}"),
    };
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
});
