"""The public client: argument normalisation in Python, everything else in the core (Rust)."""

from __future__ import annotations

import enum
import logging
import os
import types
from typing import Dict, List, Optional, Tuple, Type, Union, overload

from sectigo_sps import _native
from sectigo_sps._native import Credentials

__all__ = ["Client", "Credentials", "ProxyFromEnvironment", "PROXY_FROM_ENVIRONMENT"]

_log = logging.getLogger("sectigo_sps")


class ProxyFromEnvironment(enum.Enum):
    """Type of :data:`PROXY_FROM_ENVIRONMENT`, the default of ``Client(proxy=...)``."""

    PROXY_FROM_ENVIRONMENT = "environment"

    def __repr__(self) -> str:
        return "sectigo_sps.PROXY_FROM_ENVIRONMENT"


#: Take the proxy from ``HTTPS_PROXY`` / ``ALL_PROXY`` / ``HTTP_PROXY`` and ``NO_PROXY``, like
#: curl, requests and Go (the default). ``proxy=None`` connects directly; a string is a proxy URL.
PROXY_FROM_ENVIRONMENT = ProxyFromEnvironment.PROXY_FROM_ENVIRONMENT

CaCerts = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]

_PEM_MARKER = "-----BEGIN"


def _check_str(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be str, not {type(value).__name__}")
    return value


def _read_ca_certs(ca_certs: Optional[CaCerts]) -> List[bytes]:
    if ca_certs is None:
        return []
    if isinstance(ca_certs, bytes):
        return [ca_certs]
    if isinstance(ca_certs, str) and _PEM_MARKER in ca_certs:
        return [ca_certs.encode("utf-8")]
    if isinstance(ca_certs, (str, os.PathLike)):
        with open(ca_certs, "rb") as pem_file:
            return [pem_file.read()]
    raise TypeError(
        "ca_certs must be PEM text (str or bytes), a path to a PEM file, or None; "
        f"not {type(ca_certs).__name__}"
    )


class Client:
    """A client for the provider's API. Build it once and reuse it: it pools connections and
    may be shared between threads. Use it as a context manager, or call :meth:`close`.

    Args:
        endpoint: the provider's base URL; default ``https://secure.trust-provider.com/products/``.
            HTTPS only (plain ``http://`` is accepted for loopback hosts, for tests).
        timeout: seconds a whole call may take.
        connect_timeout: seconds connecting (DNS, TCP, TLS) may take.
        ca_certs: extra CA certificates to trust: PEM text (``str`` or ``bytes``) or the path of
            a PEM file.
        use_system_roots: whether the operating system's trust store is used as well.
        proxy: :data:`PROXY_FROM_ENVIRONMENT` (default), ``None`` for a direct connection, or a
            proxy URL such as ``"http://proxy.example:3128"``.
        user_agent_suffix: a product token appended to the ``User-Agent`` header.

    Raises:
        ConfigurationError: the configuration is unusable (for example ``http://`` to a
            non-loopback host, unreadable CA certificates, a non-positive timeout).
    """

    __slots__ = ("_native",)

    def __init__(
        self,
        *,
        endpoint: Optional[str] = None,
        timeout: float = _native.DEFAULT_TIMEOUT,
        connect_timeout: float = _native.DEFAULT_CONNECT_TIMEOUT,
        ca_certs: Optional[CaCerts] = None,
        use_system_roots: bool = True,
        proxy: Union[str, None, ProxyFromEnvironment] = PROXY_FROM_ENVIRONMENT,
        user_agent_suffix: Optional[str] = None,
    ) -> None:
        if endpoint is not None:
            _check_str("endpoint", endpoint)
        if proxy is not None and not isinstance(proxy, ProxyFromEnvironment):
            _check_str("proxy", proxy)
        if user_agent_suffix is not None:
            _check_str("user_agent_suffix", user_agent_suffix)
        for name, value in (("timeout", timeout), ("connect_timeout", connect_timeout)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"{name} must be a number of seconds, not {type(value).__name__}")
        self._native = _native.Client(
            endpoint=endpoint,
            timeout=float(timeout),
            connect_timeout=float(connect_timeout),
            ca_pem=_read_ca_certs(ca_certs),
            use_system_roots=bool(use_system_roots),
            proxy_from_environment=proxy is PROXY_FROM_ENVIRONMENT,
            proxy_url=proxy if isinstance(proxy, str) else None,
            user_agent_suffix=user_agent_suffix,
        )

    @property
    def url(self) -> str:
        """The full URL the client posts to."""
        return self._native.url

    @property
    def closed(self) -> bool:
        """True after :meth:`close`."""
        return self._native.closed

    def close(self) -> None:
        """Releases the connection pool. Later calls raise ``RuntimeError``; closing twice is
        fine. Calls already running finish normally."""
        self._native.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[types.TracebackType],
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = " closed" if self.closed else ""
        return f"<sectigo_sps.Client url={self.url!r}{state}>"

    @overload
    def resend_invitation_email_smime(
        self, login_name: str, login_password: str, order_number: str
    ) -> None: ...

    @overload
    def resend_invitation_email_smime(self, credentials: Credentials, order_number: str) -> None: ...

    def resend_invitation_email_smime(self, *args: object, **kwargs: object) -> None:
        """Asks the provider to resend the S/MIME invitation email of an order.

        Two forms::

            client.resend_invitation_email_smime(login_name, login_password, order_number)
            client.resend_invitation_email_smime(credentials, order_number)

        Returns None when the provider answered code 0; raises a :class:`SectigoError` subclass
        otherwise. The network call runs with the GIL released. The call is never retried (it
        sends a real email).

        Raises:
            TypeError: an argument is not a ``str`` (or the arguments match neither form).
            InvalidArgumentError: an argument is empty, too long or has control characters;
                nothing was sent.
            ProviderError: the provider's verdict (see its subclasses).
            TransportError, MalformedResponseError: no verdict was obtained.
            RuntimeError: the client is closed.
        """
        credentials, order_number = _bind_call_arguments(args, kwargs)
        _log.debug(
            "resend_invitation_email_smime: login %r, order %r, to %s",
            credentials.login_name,
            order_number,
            self.url,
        )
        try:
            self._native.resend_invitation_email_smime(credentials, order_number)
        except Exception as error:
            _log.debug("resend_invitation_email_smime: order %r failed: %r", order_number, error)
            raise
        _log.debug("resend_invitation_email_smime: order %r: invitation resent", order_number)


def _bind_call_arguments(
    args: Tuple[object, ...], kwargs: Dict[str, object]
) -> Tuple[Credentials, str]:
    """Sorts the two call forms apart, with TypeErrors that name the offending parameter."""
    names: Tuple[str, ...]
    if (args and isinstance(args[0], Credentials)) or "credentials" in kwargs:
        names = ("credentials", "order_number")
    else:
        names = ("login_name", "login_password", "order_number")
    if len(args) > len(names):
        raise TypeError(
            f"resend_invitation_email_smime() takes {len(names)} arguments in this form "
            f"({', '.join(names)}), got {len(args)}"
        )
    bound = dict(zip(names, args))
    for name, value in kwargs.items():
        if name not in names:
            raise TypeError(f"resend_invitation_email_smime() got an unexpected argument {name!r}")
        if name in bound:
            raise TypeError(f"resend_invitation_email_smime() got multiple values for {name!r}")
        bound[name] = value
    missing = [name for name in names if name not in bound]
    if missing:
        raise TypeError(f"resend_invitation_email_smime() missing argument(s): {', '.join(missing)}")
    order_number = _check_str("order_number", bound["order_number"])
    if len(names) == 2:
        credentials = bound["credentials"]
        if not isinstance(credentials, Credentials):
            raise TypeError(
                f"credentials must be sectigo_sps.Credentials, not {type(credentials).__name__}"
            )
        return credentials, order_number
    return (
        Credentials(
            _check_str("login_name", bound["login_name"]),
            _check_str("login_password", bound["login_password"]),
        ),
        order_number,
    )
