"""The exceptions raised by :mod:`sectigo_sps`.

Every failure is one :class:`SectigoError` carrying the status code of the library's table
(``.code``: the provider's negative code unchanged, or a positive local code) and a message
(``.message``: the provider's text unchanged, or the library's description). The class says
which kind of failure it is; which class a code gets is decided by the core library's category
table, not here.

::

    SectigoError
    ├── ProviderError                 code < 0: the provider's verdict (unknown codes land here)
    │   ├── AuthenticationError       -16
    │   ├── InvalidRequestError       -1, -2, -3, -4, -17
    │   └── CertificateStateError     -122
    ├── InvalidArgumentError          1, 2, 3   (also a ValueError; nothing was sent)
    ├── ConfigurationError            4         (also a ValueError)
    ├── TransportError
    │   ├── SectigoConnectionError    5, 11     (also a ConnectionError)
    │   ├── SectigoTimeoutError       6         (also a TimeoutError)
    │   └── TLSError                  7
    ├── MalformedResponseError        8, 9, 10, 12
    └── InternalError                 13 and codes this version does not know
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple, Type

from sectigo_sps._native import status_name

__all__ = [
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


class SectigoError(Exception):
    """Root of every error this package raises for a call that did not succeed.

    Attributes:
        code: the status code (negative: the provider's, unchanged; positive: a local failure).
        message: the provider's message unchanged, or the library's description.
        safe_to_retry: True only when the request certainly never reached the provider: code 5
            (connection refused, DNS failure) and code 14 (a timeout while resolving or
            connecting, before sending), core's one rule. Provider verdicts are never safe to
            retry: the call sends a real email.
    """

    code: int
    message: str
    safe_to_retry: bool

    def __init__(self, code: int, message: str, *, safe_to_retry: bool = False) -> None:
        # One argument only: for the OSError-based subclasses, two arguments would be taken as
        # (errno, strerror).
        super().__init__(message)
        self.code = code
        self.message = message
        self.safe_to_retry = safe_to_retry

    @property
    def status_name(self) -> str:
        """The stable name of the code (``authentication_failed``, ``timeout``, ...)."""
        return status_name(self.code)

    def __str__(self) -> str:
        return f"[{self.code} {self.status_name}] {self.message}".rstrip()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"

    def __reduce__(self) -> Tuple[Any, ...]:
        # The constructor's arguments plus the attributes: pickling keeps code, message and the
        # rest (the default would replay self.args, which holds only the message).
        return (type(self), (self.code, self.message), dict(self.__dict__))


class ProviderError(SectigoError):
    """The provider answered with a negative code (any number, named or not).

    Attributes:
        parameter: the parameter the provider named in a -2/-3/-4 verdict, when it named one.
    """

    parameter: Optional[str]

    def __init__(
        self,
        code: int,
        message: str,
        *,
        parameter: Optional[str] = None,
        safe_to_retry: bool = False,
    ) -> None:
        super().__init__(code, message, safe_to_retry=safe_to_retry)
        self.parameter = parameter


class AuthenticationError(ProviderError):
    """-16: wrong credentials, locked account, expired password or blocked source IP.

    Never retry automatically: repeated bad logins get the source IP blocked.
    """


class InvalidRequestError(ProviderError):
    """-1, -2, -3, -4, -17: the provider refused the form of the request."""


class CertificateStateError(ProviderError):
    """-122: the certificate's state does not allow the operation."""


class InvalidArgumentError(SectigoError, ValueError):
    """An argument is empty, too long or contains a control character; nothing was sent."""


class ConfigurationError(SectigoError, ValueError):
    """The client configuration is unusable (endpoint, CA certificates, proxy, timeouts)."""


class TransportError(SectigoError):
    """No provider verdict was obtained because of the network or TLS."""


class SectigoConnectionError(TransportError, ConnectionError):
    """5: could not connect (safe to retry), or 11: the connection broke after sending."""


class SectigoTimeoutError(TransportError, TimeoutError):
    """6: a timeout expired after the request may have reached the provider, or 14: a timeout
    expired before it was sent (``safe_to_retry`` is True only for 14)."""


class TLSError(TransportError):
    """7: the TLS handshake failed (for example, an untrusted certificate)."""


class MalformedResponseError(SectigoError):
    """8, 9, 10, 12: the answer was not a provider verdict (HTTP error page, garbage,
    oversized, redirect)."""


class InternalError(SectigoError):
    """13: a bug in the library, or a code this version does not know."""


# Keys are core's category names (`sectigo_sps::Category::name`); the native module sends the
# category of each error, so the code-to-kind table is core's and is not repeated here.
_CLASS_OF_CATEGORY: Dict[str, Type[SectigoError]] = {
    "authentication": AuthenticationError,
    "invalid_request": InvalidRequestError,
    "certificate_state": CertificateStateError,
    "provider_other": ProviderError,
    "invalid_argument": InvalidArgumentError,
    "invalid_config": ConfigurationError,
    "connection": SectigoConnectionError,
    "timeout": SectigoTimeoutError,
    "tls": TLSError,
    "malformed_response": MalformedResponseError,
    "internal": InternalError,
}


def _from_native(
    code: int,
    message: str,
    category: str,
    parameter: Optional[str],
    safe_to_retry: bool,
) -> SectigoError:
    """Called by the native module to build the exception for a failed call."""
    cls = _CLASS_OF_CATEGORY.get(category, InternalError)
    if issubclass(cls, ProviderError):
        return cls(code, message, parameter=parameter, safe_to_retry=safe_to_retry)
    return cls(code, message, safe_to_retry=safe_to_retry)
