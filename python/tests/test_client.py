"""Client configuration: CA forms, proxy states, timeouts, closing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import sectigo_sps
from sectigo_sps import PROXY_FROM_ENVIRONMENT, ConfigurationError, SectigoConnectionError

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


def test_an_explicit_proxy_is_used(sandbox: Sandbox) -> None:
    # Nothing listens on port 1: a client that really goes through this proxy cannot connect.
    with sandbox.client(proxy="http://127.0.0.1:1") as client:
        with pytest.raises(SectigoConnectionError) as caught:
            client.resend_invitation_email_smime(LOGIN, PASSWORD, "1000001")
    assert caught.value.code == 5
    assert sandbox.requests() == []


def test_proxy_from_environment_is_the_default_and_none_ignores_it(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ["NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY", "http_proxy"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:1")
    monkeypatch.setenv("https_proxy", "http://127.0.0.1:1")
    assert os.environ["HTTPS_PROXY"]
    for proxy_setting in [PROXY_FROM_ENVIRONMENT, "default"]:
        client = (
            sandbox.client(proxy=PROXY_FROM_ENVIRONMENT)
            if proxy_setting is PROXY_FROM_ENVIRONMENT
            else sectigo_sps.Client(endpoint=sandbox.base_url, ca_certs=sandbox.ca_path)
        )
        with client, pytest.raises(SectigoConnectionError):
            client.resend_invitation_email_smime(LOGIN, PASSWORD, "1000001")
    with sandbox.client(proxy=None) as direct:
        direct.resend_invitation_email_smime(LOGIN, PASSWORD, "1000001")
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
