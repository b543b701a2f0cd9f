"""Client configuration: CA forms, proxy states, timeouts, closing."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path
from typing import List

import pytest

import sectigo_sps
from sectigo_sps import (
    PROXY_FROM_ENVIRONMENT,
    ConfigurationError,
    SectigoConnectionError,
    SectigoTimeoutError,
)

from conftest import LOGIN, PASSWORD, Invitation, Sandbox


@pytest.mark.parametrize("form", ["path-str", "pathlib", "pem-str", "pem-bytes"])
def test_ca_certs_forms(sandbox: Sandbox, form: str) -> None:
    ca_certs = {
        "path-str": str(sandbox.ca_path),
        "pathlib": sandbox.ca_path,
        "pem-str": sandbox.ca_pem.decode(),
        "pem-bytes": sandbox.ca_pem,
    }[form]
    with sandbox.client(ca_certs=ca_certs) as client:
        client.resend_invitation_email_smime(LOGIN, PASSWORD, "1000001")
    assert sandbox.invitations() == [Invitation("1000001", LOGIN)]


def test_ca_certs_without_a_certificate(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as caught:
        sectigo_sps.Client(ca_certs=b"not a certificate", proxy=None)
    assert caught.value.code == 4
    assert caught.value.message == (
        "invalid configuration: the CA certificate text holds no PEM CERTIFICATE block"
    )
    with pytest.raises(FileNotFoundError):
        sectigo_sps.Client(ca_certs=tmp_path / "missing.pem", proxy=None)


def test_no_trust_at_all_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError) as caught:
        sectigo_sps.Client(use_system_roots=False, proxy=None)
    assert caught.value.message == (
        "invalid configuration: no trusted CA certificates: the system trust store is off or "
        "empty and none were added"
    )


@pytest.mark.parametrize("timeout", [0, -1.0, float("nan"), float("inf")])
def test_unusable_timeouts(timeout: float) -> None:
    with pytest.raises(ConfigurationError):
        sectigo_sps.Client(timeout=timeout, proxy=None)
    with pytest.raises(ConfigurationError):
        sectigo_sps.Client(connect_timeout=timeout, proxy=None)


def test_non_numeric_timeout_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="timeout must be a number of seconds, not str"):
        sectigo_sps.Client(timeout="5")  # type: ignore[arg-type]


def test_non_str_endpoint_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="endpoint must be str, not bytes"):
        sectigo_sps.Client(endpoint=b"https://x/")  # type: ignore[arg-type]


# A host that does not exist: loopback endpoints (the sandbox) never go through a proxy, so the
# proxy tests need another host. Without a proxy, resolving it fails.
REMOTE_ENDPOINT = "https://sectigo-sps-proxy-test.invalid/products/"


class RefusingProxy:
    """A proxy on loopback that records the first line of each request and refuses it."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self.url = "http://127.0.0.1:%d" % self._server.getsockname()[1]
        self.asked: List[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(5)
                reader = conn.makefile("rb")
                self.asked.append(reader.readline().decode("latin-1").strip())
                # The whole request head first: closing with unread bytes would reset the
                # connection.
                while reader.readline() not in (b"\r\n", b""):
                    pass
                conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                try:
                    while reader.read(4096):  # until the client closes
                        pass
                except OSError:
                    pass

    def close(self) -> List[str]:
        self._stop.set()
        self._thread.join()
        self._server.close()
        return self.asked


CONNECT_LINE = "CONNECT sectigo-sps-proxy-test.invalid:443 HTTP/1.1"


def test_an_explicit_proxy_is_used(sandbox: Sandbox) -> None:
    proxy = RefusingProxy()
    try:
        with sandbox.client(endpoint=REMOTE_ENDPOINT, proxy=proxy.url) as client:
            with pytest.raises(SectigoConnectionError) as caught:
                client.resend_invitation_email_smime(LOGIN, PASSWORD, "1000001")
    finally:
        asked = proxy.close()
    assert caught.value.code == 5
    assert asked == [CONNECT_LINE]
    assert sandbox.requests() == []


def test_proxy_from_environment_is_the_default_and_none_ignores_it(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ["NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY", "http_proxy"]:
        monkeypatch.delenv(name, raising=False)
    proxy = RefusingProxy()
    try:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        monkeypatch.setenv("https_proxy", proxy.url)
        assert os.environ["HTTPS_PROXY"]
        for proxy_setting in [PROXY_FROM_ENVIRONMENT, "default"]:
            client = (
                sandbox.client(endpoint=REMOTE_ENDPOINT, proxy=PROXY_FROM_ENVIRONMENT)
                if proxy_setting is PROXY_FROM_ENVIRONMENT
                else sectigo_sps.Client(endpoint=REMOTE_ENDPOINT, ca_certs=sandbox.ca_path)
            )
            with client, pytest.raises(SectigoConnectionError):
                client.resend_invitation_email_smime(LOGIN, PASSWORD, "1000001")
        # proxy=None ignores the environment: the host is resolved directly, and fails to (5, or
        # 14 when resolving times out; either way nothing was sent).
        with sandbox.client(endpoint=REMOTE_ENDPOINT, proxy=None) as direct:
            with pytest.raises((SectigoConnectionError, SectigoTimeoutError)) as caught:
                direct.resend_invitation_email_smime(LOGIN, PASSWORD, "1000001")
        assert caught.value.code in (5, 14) and caught.value.safe_to_retry is True
        # A loopback endpoint bypasses the environment's proxy (core's rule).
        with sandbox.client(proxy=PROXY_FROM_ENVIRONMENT) as local:
            local.resend_invitation_email_smime(LOGIN, PASSWORD, "1000001")
    finally:
        asked = proxy.close()
    assert asked == [CONNECT_LINE, CONNECT_LINE]
    assert sandbox.invitations() == [Invitation("1000001", LOGIN)]
    assert repr(PROXY_FROM_ENVIRONMENT) == "sectigo_sps.PROXY_FROM_ENVIRONMENT"


def test_invalid_proxy_url_is_a_configuration_error_without_the_url() -> None:
    with pytest.raises(ConfigurationError) as caught:
        sectigo_sps.Client(proxy="ftp://user:pw-in-proxy@proxy.example:21")
    assert "pw-in-proxy" not in str(caught.value)


def test_close_and_context_manager(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        assert not client.closed
        client.resend_invitation_email_smime(LOGIN, PASSWORD, "1000001")
    assert client.closed
    with pytest.raises(RuntimeError, match="Client is closed"):
        client.resend_invitation_email_smime(LOGIN, PASSWORD, "1000002")
    client.close()  # idempotent
    assert "closed" in repr(client)
    assert sandbox.invitations() == [Invitation("1000001", LOGIN)]


def test_client_reports_its_url(sandbox: Sandbox) -> None:
    with sandbox.client(endpoint=sandbox.base_url.rstrip("/")) as client:
        assert client.url == sandbox.base_url + "!ResendInvitationEmailSMIME"
        assert repr(client) == f"<sectigo_sps.Client url={client.url!r}>"
