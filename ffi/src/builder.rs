//! `sectigo_sps_client_builder`: the client's configuration, set piece by piece, so that new
//! settings can be added later without changing any existing function.

use std::ffi::c_char;
use std::time::Duration;

use sectigo_sps::{Client, ClientBuilder, Error, ProxySetting};

use crate::client::sectigo_sps_client;
use crate::ffi::{Failure, OutPointer, arg_mut, arg_ref, arg_str, free_handle, into_handle};
use crate::panic::{boundary, fallible};

/// The configuration of a client, built into any number of clients with
/// `sectigo_sps_client_builder_build`.
///
/// A builder is not thread-safe: use it from one thread at a time. Settings not set keep the
/// defaults of `sectigo_sps_client_new`.
pub struct sectigo_sps_client_builder {
    config: ClientBuilder,
}

impl sectigo_sps_client_builder {
    /// Applies one of the core builder's by-value setters in place.
    fn update(&mut self, change: impl FnOnce(ClientBuilder) -> ClientBuilder) {
        self.config = change(std::mem::take(&mut self.config));
    }
}

/// A new builder with the defaults: the provider's documented host
/// (`https://secure.trust-provider.com/products/`), the system trust store, the proxy from the
/// environment, 10 s to connect, 30 s per call.
///
/// Returns NULL only if the library failed internally. Free it with
/// `sectigo_sps_client_builder_free`.
#[unsafe(no_mangle)]
pub extern "C" fn sectigo_sps_client_builder_new() -> *mut sectigo_sps_client_builder {
    boundary(std::ptr::null_mut(), || {
        into_handle(sectigo_sps_client_builder {
            config: Client::builder(),
        })
    })
}

/// Frees a builder. NULL is a no-op. Clients built from it are not affected.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_client_builder_free(builder: *mut sectigo_sps_client_builder) {
    // SAFETY: the C contract: NULL or a builder from `sectigo_sps_client_builder_new`, freed once,
    // not in use elsewhere.
    boundary((), || unsafe { free_handle(builder) })
}

/// Sets the provider's base URL (default `https://secure.trust-provider.com/products/`); the
/// call's path `!ResendInvitationEmailSMIME` is appended to it. HTTPS only; plain `http://` is
/// accepted only for a loopback host (tests, the sandbox). The URL is checked when the client is
/// built.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_client_builder_set_endpoint(
    builder: *mut sectigo_sps_client_builder,
    base_url: *const c_char,
    message: *mut *mut c_char,
) -> i32 {
    // SAFETY: the C contract: each pointer is NULL or valid (see the header).
    unsafe {
        fallible(message, || {
            let builder = arg_mut(builder, "builder")?;
            let base_url = arg_str(base_url, "base_url")?;
            builder.update(|config| config.endpoint(base_url));
            Ok(())
        })
    }
}

fn positive_ms(value: u32, name: &str) -> Result<Duration, Failure> {
    if value == 0 {
        return Err(Error::InvalidConfig(format!("{name} must be greater than 0")).into());
    }
    Ok(Duration::from_millis(u64::from(value)))
}

/// Sets how long connecting (resolving, TCP, TLS) may take, in milliseconds (default 10000).
/// 0 is refused with `SECTIGO_SPS_INVALID_CONFIG`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_client_builder_set_connect_timeout_ms(
    builder: *mut sectigo_sps_client_builder,
    timeout_ms: u32,
    message: *mut *mut c_char,
) -> i32 {
    // SAFETY: the C contract: each pointer is NULL or valid (see the header).
    unsafe {
        fallible(message, || {
            let builder = arg_mut(builder, "builder")?;
            let timeout = positive_ms(timeout_ms, "timeout_ms")?;
            builder.update(|config| config.connect_timeout(timeout));
            Ok(())
        })
    }
}

/// Sets how long a whole call may take, in milliseconds (default 30000). 0 is refused with
/// `SECTIGO_SPS_INVALID_CONFIG`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_client_builder_set_timeout_ms(
    builder: *mut sectigo_sps_client_builder,
    timeout_ms: u32,
    message: *mut *mut c_char,
) -> i32 {
    // SAFETY: the C contract: each pointer is NULL or valid (see the header).
    unsafe {
        fallible(message, || {
            let builder = arg_mut(builder, "builder")?;
            let timeout = positive_ms(timeout_ms, "timeout_ms")?;
            builder.update(|config| config.timeout(timeout));
            Ok(())
        })
    }
}

/// Checks CA certificate text the way the core will when the client is built, so that a mistake
/// is reported by the setter that made it. The core does the parsing.
fn check_root_certificates(pem: Vec<u8>) -> Result<Vec<u8>, Failure> {
    sectigo_sps::check_root_certificates_pem(&pem)?;
    Ok(pem)
}

/// Also trusts the CA certificates in `pem` (one or more `-----BEGIN CERTIFICATE-----` blocks).
/// The text is parsed now: a text without a certificate, or with a broken one, is refused with
/// `SECTIGO_SPS_INVALID_CONFIG`. May be called several times; the certificates add up.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_client_builder_add_root_certificates_pem(
    builder: *mut sectigo_sps_client_builder,
    pem: *const c_char,
    message: *mut *mut c_char,
) -> i32 {
    // SAFETY: the C contract: each pointer is NULL or valid (see the header).
    unsafe {
        fallible(message, || {
            let builder = arg_mut(builder, "builder")?;
            let pem = check_root_certificates(arg_str(pem, "pem")?.as_bytes().to_vec())?;
            builder.update(|config| config.add_root_certificates_pem(pem));
            Ok(())
        })
    }
}

/// Also trusts the CA certificates in the PEM file at `path`. The file is read and parsed now
/// (later changes to it have no effect): an unreadable file or one without a valid certificate
/// is refused with `SECTIGO_SPS_INVALID_CONFIG`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_client_builder_add_root_certificates_file(
    builder: *mut sectigo_sps_client_builder,
    path: *const c_char,
    message: *mut *mut c_char,
) -> i32 {
    // SAFETY: the C contract: each pointer is NULL or valid (see the header).
    unsafe {
        fallible(message, || {
            let builder = arg_mut(builder, "builder")?;
            let path = arg_str(path, "path")?;
            let pem = std::fs::read(path).map_err(|error| {
                Error::InvalidConfig(format!("cannot read the CA file {path:?}: {error}"))
            })?;
            let pem = check_root_certificates(pem)?;
            builder.update(|config| config.add_root_certificates_pem(pem));
            Ok(())
        })
    }
}

/// Whether the operating system's trust store is used (default true). With false, only the
/// certificates added to this builder are trusted.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_client_builder_set_use_system_roots(
    builder: *mut sectigo_sps_client_builder,
    use_system_roots: bool,
    message: *mut *mut c_char,
) -> i32 {
    // SAFETY: the C contract: each pointer is NULL or valid (see the header).
    unsafe {
        fallible(message, || {
            let builder = arg_mut(builder, "builder")?;
            builder.update(|config| config.use_system_roots(use_system_roots));
            Ok(())
        })
    }
}

/// Connects through this proxy (`http://`, `https://`, `socks5://` ...). The URL is checked when
/// the client is built; an error message never repeats it (it may hold a password).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_client_builder_set_proxy_url(
    builder: *mut sectigo_sps_client_builder,
    url: *const c_char,
    message: *mut *mut c_char,
) -> i32 {
    // SAFETY: the C contract: each pointer is NULL or valid (see the header).
    unsafe {
        fallible(message, || {
            let builder = arg_mut(builder, "builder")?;
            let url = arg_str(url, "url")?;
            builder.update(|config| config.proxy(ProxySetting::Url(url.to_owned())));
            Ok(())
        })
    }
}

/// Connects directly, ignoring the proxy environment variables.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_client_builder_set_proxy_none(
    builder: *mut sectigo_sps_client_builder,
    message: *mut *mut c_char,
) -> i32 {
    // SAFETY: the C contract: each pointer is NULL or valid (see the header).
    unsafe {
        fallible(message, || {
            let builder = arg_mut(builder, "builder")?;
            builder.update(|config| config.proxy(ProxySetting::None));
            Ok(())
        })
    }
}

/// Uses the proxy named by `HTTPS_PROXY` / `ALL_PROXY` / `HTTP_PROXY` and `NO_PROXY`, like curl
/// (the default). The environment is read when the client is built.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_client_builder_set_proxy_from_environment(
    builder: *mut sectigo_sps_client_builder,
    message: *mut *mut c_char,
) -> i32 {
    // SAFETY: the C contract: each pointer is NULL or valid (see the header).
    unsafe {
        fallible(message, || {
            let builder = arg_mut(builder, "builder")?;
            builder.update(|config| config.proxy(ProxySetting::FromEnvironment));
            Ok(())
        })
    }
}

/// Checks the configuration and builds a client into `*client_out` (written only on success;
/// free it with `sectigo_sps_client_free`). The builder stays the caller's, unchanged, and can
/// build more clients. Loads the system trust store when it is in use. Fails with
/// `SECTIGO_SPS_INVALID_CONFIG` for an unusable endpoint (not https, plain http to a host that
/// is not loopback, user information or a query in the URL), proxy URL, or an empty trust set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sectigo_sps_client_builder_build(
    builder: *const sectigo_sps_client_builder,
    client_out: *mut *mut sectigo_sps_client,
    message: *mut *mut c_char,
) -> i32 {
    // SAFETY: the C contract: each pointer is NULL or valid (see the header).
    unsafe {
        fallible(message, || {
            let builder = arg_ref(builder, "builder")?;
            let client_out = OutPointer::new(client_out, "client_out")?;
            let client = builder.config.clone().build()?;
            client_out.set(sectigo_sps_client::new_handle(client));
            Ok(())
        })
    }
}
