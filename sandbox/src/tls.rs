//! The sandbox's TLS identity: a CA generated at every start and a loopback server certificate
//! signed by it. A fresh CA per run means no private key is ever committed or reused; callers
//! trust exactly this run's CA through `Sandbox::ca_pem` or `--ca-out`.

use std::io;
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose,
};
use rustls::ServerConfig;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

pub(crate) struct Identity {
    pub ca_pem: String,
    pub server_config: Arc<ServerConfig>,
}

fn to_io(error: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("sandbox TLS setup: {error}"))
}

pub(crate) fn generate() -> io::Result<Identity> {
    let ca_key = KeyPair::generate().map_err(to_io)?;
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(to_io)?;
    ca_params.distinguished_name = name("sectigo-sps-sandbox CA (throwaway, generated at start)");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_cert = ca_params.self_signed(&ca_key).map_err(to_io)?;
    let ca_pem = ca_cert.pem();
    let issuer = Issuer::new(ca_params, ca_key);

    // Every name a client may use for loopback, so that the same CA works for `localhost`,
    // IPv4 and IPv6 (the redirect fault order relies on `localhost` being valid too).
    let server_key = KeyPair::generate().map_err(to_io)?;
    let mut server_params = CertificateParams::new(vec![
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        "::1".to_string(),
    ])
    .map_err(to_io)?;
    server_params.distinguished_name = name("sectigo-sps-sandbox");
    server_params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    server_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    // Strict verifiers (OpenSSL's X509_STRICT, the default in Python 3.13) want an AKI.
    server_params.use_authority_key_identifier_extension = true;
    let server_cert = server_params
        .signed_by(&server_key, &issuer)
        .map_err(to_io)?;

    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
    // The provider is passed explicitly so the process-wide default (which another crate in the
    // same test binary may have installed, or not) never matters.
    let mut config =
        ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(to_io)?
            .with_no_client_auth()
            .with_single_cert(vec![server_cert.der().clone()], key)
            .map_err(to_io)?;
    // The sandbox speaks HTTP/1.1 only; announcing it keeps h2-capable clients (curl) on 1.1.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Identity {
        ca_pem,
        server_config: Arc::new(config),
    })
}

fn name(common_name: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, common_name);
    dn
}
