//! `sectigo_sps_client` and the call.

use std::ffi::c_char;
use std::time::Duration;

use sectigo_sps::{Client, Credentials};

use crate::ffi::{Failure, OutPointer, arg_ref, arg_str, free_handle, into_handle};
use crate::panic::{boundary, fallible};

/// A client for the provider's API, built once and reused: it pools connections.
///
/// Thread safety: a client may be used by several threads at once (every call takes it as
/// `const`). `sectigo_sps_client_free` must not race with a call on the same client.
pub struct sectigo_sps_client {
    client: Client,
}

impl sectigo_sps_client {
    pub(crate) fn new_handle(client: Client) -> *mut sectigo_sps_client {
        into_handle(sectigo_sps_client { client })
    }
}

/// Builds a client with the defaults into `*client_out` (written only on success): the
/// provider's documented host, the system trust store, the proxy from the environment, 10 s to
/// connect, 30 s per call. Use a `sectigo_sps_client_builder` for anything else.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_client_new(
    client_out: *mut *mut sectigo_sps_client,
    message: *mut *mut c_char,
) -> i32 {
    // SAFETY: the C contract: each pointer is NULL or valid (see the header).
    unsafe {
        fallible(message, || {
            let client_out = OutPointer::new(client_out, "client_out")?;
            let client = Client::builder().build()?;
            client_out.set(sectigo_sps_client::new_handle(client));
            Ok(())
        })
    }
}

/// Frees a client and closes its pooled connections. NULL is a no-op. Must not race with a call
/// on the same client.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_client_free(client: *mut sectigo_sps_client) {
    // SAFETY: the C contract: NULL or a client from this library, freed once, with no call on it
    // in progress.
    boundary((), || unsafe { free_handle(client) })
}

/// The checked arguments of a call. The password is copied once, into the core's `Credentials`,
/// which wipes it when dropped.
struct CallArguments<'a> {
    client: &'a Client,
    credentials: Credentials,
    order_number: &'a str,
}

/// # Safety
/// Each pointer must be NULL or valid, as documented for the call.
unsafe fn call_arguments<'a>(
    client: *const sectigo_sps_client,
    login_name: *const c_char,
    login_password: *const c_char,
    order_number: *const c_char,
) -> Result<CallArguments<'a>, Failure> {
    // SAFETY: the caller's guarantee, passed on.
    unsafe {
        let client = &arg_ref(client, "client")?.client;
        let login_name = arg_str(login_name, "login_name")?;
        let login_password = arg_str(login_password, "login_password")?;
        let order_number = arg_str(order_number, "order_number")?;
        Ok(CallArguments {
            client,
            credentials: Credentials::new(login_name, login_password),
            order_number,
        })
    }
}

/// Asks the provider to resend the S/MIME invitation email of the order `order_number`.
///
/// Returns `SECTIGO_SPS_OK` (0) when the provider answered 0; the provider's own negative code
/// when it refused (named or not, unchanged, with its message unchanged in `*message`); or a
/// positive local code (nothing was sent for 1, 2, 3; see each constant). Arguments are checked
/// before anything is sent: `login_name` 1 to 64 characters, `login_password` 1 to 128,
/// `order_number` 1 to 128, no control characters, valid UTF-8. No message contains the
/// password, except that a provider verdict quoting a password shorter than 6 characters is
/// passed through unchanged (the provider's wording is never altered for a short password).
///
/// The call is never retried: it sends a real email. Retry it yourself only when
/// `sectigo_sps_status_is_safe_to_retry(code)` is true (`SECTIGO_SPS_CONNECT_FAILED` or
/// `SECTIGO_SPS_TIMEOUT_BEFORE_SEND`: the request certainly was not sent). Thread-safe for a
/// shared `client`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_resend_invitation_email_smime(
    client: *const sectigo_sps_client,
    login_name: *const c_char,
    login_password: *const c_char,
    order_number: *const c_char,
    message: *mut *mut c_char,
) -> i32 {
    // SAFETY: the C contract: each pointer is NULL or valid (see the header).
    unsafe {
        fallible(message, || {
            let call = call_arguments(client, login_name, login_password, order_number)?;
            call.client
                .resend_invitation_email_smime(&call.credentials, call.order_number)?;
            Ok(())
        })
    }
}

/// Like `sectigo_sps_resend_invitation_email_smime`, with this call bounded by `timeout_ms`
/// milliseconds when that is shorter than the client's timeout (a caller's deadline, for
/// example). 0 returns `SECTIGO_SPS_TIMEOUT_BEFORE_SEND` at once, without sending anything.
/// A timeout while resolving or connecting also gives `SECTIGO_SPS_TIMEOUT_BEFORE_SEND`; a
/// timeout once the request may have been sent gives `SECTIGO_SPS_TIMEOUT`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_resend_invitation_email_smime_with_timeout(
    client: *const sectigo_sps_client,
    login_name: *const c_char,
    login_password: *const c_char,
    order_number: *const c_char,
    timeout_ms: u32,
    message: *mut *mut c_char,
) -> i32 {
    // SAFETY: the C contract: each pointer is NULL or valid (see the header).
    unsafe {
        fallible(message, || {
            let call = call_arguments(client, login_name, login_password, order_number)?;
            call.client.resend_invitation_email_smime_within(
                &call.credentials,
                call.order_number,
                Duration::from_millis(u64::from(timeout_ms)),
            )?;
            Ok(())
        })
    }
}
