//! The CA certificates a client trusts: the ones a caller adds as PEM, and the system's.

use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use ureq::tls::Certificate;

use crate::Error;

/// Checks PEM text the way [`crate::ClientBuilder::add_root_certificates_pem`] will use it: at
/// least one `CERTIFICATE` block, each a usable X.509 certificate. For bindings that report a
/// bad certificate when it is added rather than when the client is built.
pub fn check_root_certificates_pem(pem: &[u8]) -> Result<(), Error> {
    parse_pem(pem).map(drop)
}

/// Every certificate in `pem`, checked.
fn parse_pem(pem: &[u8]) -> Result<Vec<Certificate<'static>>, Error> {
    let mut certificates = Vec::new();
    for certificate in CertificateDer::pem_slice_iter(pem) {
        let certificate = certificate.map_err(|error| {
            Error::InvalidConfig(format!("a CA certificate could not be read: {error}"))
        })?;
        // Parse it now: a block that is base64 but not a certificate would otherwise only
        // surface later as an unexplained TLS failure.
        rustls::RootCertStore::empty()
            .add(certificate.clone())
            .map_err(|error| {
                Error::InvalidConfig(format!(
                    "a CA certificate is not a usable X.509 certificate: {error}"
                ))
            })?;
        certificates.push(Certificate::from_der(&certificate).to_owned());
    }
    if certificates.is_empty() {
        return Err(Error::InvalidConfig(String::from(
            "the CA certificate text holds no PEM CERTIFICATE block",
        )));
    }
    Ok(certificates)
}

/// The certificates a client trusts: each PEM text's, then the system store's when asked.
pub(crate) fn trusted(
    extra_pem: &[Vec<u8>],
    use_system_roots: bool,
) -> Result<Vec<Certificate<'static>>, Error> {
    let mut roots = Vec::new();
    for pem in extra_pem {
        roots.extend(parse_pem(pem)?);
    }
    if use_system_roots {
        // Unreadable entries in the system store are skipped, as curl and Go do.
        let system = rustls_native_certs::load_native_certs();
        roots.extend(
            system
                .certs
                .iter()
                .map(|der| Certificate::from_der(der).to_owned()),
        );
    }
    if roots.is_empty() {
        return Err(Error::InvalidConfig(String::from(
            "no trusted CA certificates: the system trust store is off or empty and none were added",
        )));
    }
    Ok(roots)
}
