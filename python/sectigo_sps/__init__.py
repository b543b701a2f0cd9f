"""Client for Sectigo's partner API (SPS): resend the S/MIME invitation email of an order.

::

    import sectigo_sps

    with sectigo_sps.Client() as client:
        try:
            client.resend_invitation_email_smime("login", "password", "1234567")
        except sectigo_sps.CertificateStateError as error:
            print(error.code, error.message)

The calls run in the Rust core (``sectigo_sps._native``) with the GIL released.
"""

from sectigo_sps._client import (
    PROXY_FROM_ENVIRONMENT,
    Client,
    Credentials,
    ProxyFromEnvironment,
)
from sectigo_sps._codes import LOCAL_CODES, PROVIDER_CODES, CodeInfo, StatusCode, status_name
from sectigo_sps._native import DEFAULT_BASE_URL, __version__
from sectigo_sps.exceptions import (
    AuthenticationError,
    CertificateStateError,
    ConfigurationError,
    InternalError,
    InvalidArgumentError,
    InvalidRequestError,
    MalformedResponseError,
    ProviderError,
    SectigoConnectionError,
    SectigoError,
    SectigoTimeoutError,
    TLSError,
    TransportError,
)

__all__ = [
    "__version__",
    "DEFAULT_BASE_URL",
    "Client",
    "Credentials",
    "PROXY_FROM_ENVIRONMENT",
    "ProxyFromEnvironment",
    "CodeInfo",
    "LOCAL_CODES",
    "PROVIDER_CODES",
    "StatusCode",
    "status_name",
    "SectigoError",
    "ProviderError",
    "AuthenticationError",
    "InvalidRequestError",
    "CertificateStateError",
    "InvalidArgumentError",
    "ConfigurationError",
    "TransportError",
    "SectigoConnectionError",
    "SectigoTimeoutError",
    "TLSError",
    "MalformedResponseError",
    "InternalError",
]
