"""Every documented verdict and every fault the sandbox can produce, with exact class, code and
message, over real sockets."""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Type

import pytest

import sectigo_sps
from sectigo_sps import (
    AuthenticationError,
    CertificateStateError,
    ConfigurationError,
    Credentials,
    InvalidRequestError,
    MalformedResponseError,
    ProviderError,
    SectigoConnectionError,
    SectigoError,
    SectigoTimeoutError,
    TLSError,
)

from conftest import LOGIN, PASSWORD, Invitation, Sandbox


def expect_error(
    client: sectigo_sps.Client,
    order: str,
    cls: Type[SectigoError],
    code: int,
    message: str,
    password: str = PASSWORD,
) -> SectigoError:
    with pytest.raises(SectigoError) as caught:
        client.resend_invitation_email_smime(LOGIN, password, order)
    error = caught.value
    assert type(error) is cls
    assert (error.code, error.message) == (code, message)
    return error


def test_installed_package_is_under_test() -> None:
    # The source directory has no compiled module; the tests must import the installed wheel.
    assert Path(sectigo_sps.__file__).parent != Path(__file__).parents[1] / "sectigo_sps"
    assert sectigo_sps.__version__ == "0.1.0"


def test_success_returns_none_and_the_sandbox_records_one_invitation(
    client: sectigo_sps.Client, sandbox: Sandbox
) -> None:
    assert client.resend_invitation_email_smime(LOGIN, PASSWORD, "1000001") is None
    assert sandbox.invitations() == [Invitation("1000001", LOGIN)]
    [request] = sandbox.requests()
    assert request["method"] == "POST"
    assert request["target"] == "/products/!ResendInvitationEmailSMIME"
    assert request["content_type"] == "application/x-www-form-urlencoded"
    assert request["form"] == [
        ["loginName", LOGIN],
        ["loginPassword", PASSWORD],
        ["orderNumber", "1000001"],
    ]
    assert request["code"] == 0


def test_success_with_a_credentials_object(client: sectigo_sps.Client, sandbox: Sandbox) -> None:
    credentials = Credentials(LOGIN, PASSWORD)
    client.resend_invitation_email_smime(credentials, "1000002")
    client.resend_invitation_email_smime(credentials, order_number="1000003")
    client.resend_invitation_email_smime(
        login_name=LOGIN, login_password=PASSWORD, order_number="1000001"
    )
    assert sandbox.invitations() == [
        Invitation("1000002", LOGIN),
        Invitation("1000003", LOGIN),
        Invitation("1000001", LOGIN),
    ]


def test_not_https_minus_1_through_the_plain_http_listener(sandbox: Sandbox) -> None:
    with sandbox.client(endpoint=sandbox.plain_url) as plain:
        error = expect_error(
            plain, "1000001", InvalidRequestError, -1, "Request was not made over https!"
        )
    assert isinstance(error, ProviderError)
    assert error.status_name == "not_https"
    assert sandbox.invitations() == []


def test_invalid_value_minus_4_names_the_parameter(
    client: sectigo_sps.Client, sandbox: Sandbox
) -> None:
    error = expect_error(
        client,
        "abc",
        InvalidRequestError,
        -4,
        "The value of the 'orderNumber' argument is invalid!",
    )
    assert isinstance(error, ProviderError)
    assert error.parameter == "orderNumber"
    assert error.safe_to_retry is False
    assert sandbox.invitations() == []


def test_wrong_password_minus_16(client: sectigo_sps.Client, sandbox: Sandbox) -> None:
    error = expect_error(
        client,
        "1000001",
        AuthenticationError,
        -16,
        "Incorrect login details, account is locked, password has expired or your source IP "
        "is blocked.",
        password="not-the-sandbox-password",
    )
    assert isinstance(error, ProviderError) and error.parameter is None
    assert str(error) == (
        "[-16 authentication_failed] Incorrect login details, account is locked, password has "
        "expired or your source IP is blocked."
    )
    assert sandbox.invitations() == []


def test_certificate_wrong_state_minus_122(client: sectigo_sps.Client) -> None:
    expect_error(
        client, "1000122", CertificateStateError, -122, "The Certificate is in wrong state."
    )


def test_unknown_provider_error_minus_14_is_a_plain_provider_error(
    client: sectigo_sps.Client,
) -> None:
    expect_error(client, "1000014", ProviderError, -14, "An unknown error occurred!")


@pytest.mark.parametrize(
    ("order", "code", "message"),
    [
        ("1000901", -9901, "The required agreement has not been accepted."),
        ("1000902", -9902, "The Certificate has pending actions."),
        ("1000903", -9903, "The Certificate has not been issued yet."),
    ],
)
def test_unlisted_negative_codes_pass_through_unchanged(
    client: sectigo_sps.Client, order: str, code: int, message: str
) -> None:
    error = expect_error(client, order, ProviderError, code, message)
    assert error.status_name == "provider_unlisted"


def test_slow_answer_times_out(sandbox: Sandbox) -> None:
    with sandbox.client(timeout=0.5) as client:
        error = expect_error(
            client,
            "9000001",
            SectigoTimeoutError,
            6,
            "timed out before the answer arrived; the request may have reached the provider",
        )
    assert isinstance(error, TimeoutError)
    assert error.safe_to_retry is False
    # OSError's (errno, strerror) reading of the arguments must not leak in.
    assert error.errno is None


def test_slow_answer_within_the_timeout_succeeds(
    client: sectigo_sps.Client, sandbox: Sandbox
) -> None:
    client.resend_invitation_email_smime(LOGIN, PASSWORD, "9000001")
    assert sandbox.invitations() == [Invitation("9000001", LOGIN)]


def test_http_500_html_page(client: sectigo_sps.Client) -> None:
    expect_error(
        client,
        "9000500",
        MalformedResponseError,
        8,
        'the provider answered HTTP 500 without a verdict; body: "<!DOCTYPE html>\\n<html><head>'
        '<title>500 Internal Server Error..."',
    )


def test_http_500_page_echoing_the_password_is_redacted(client: sectigo_sps.Client) -> None:
    # Order 9000005: a debug page repeating the password and the encoded form it was sent.
    with pytest.raises(MalformedResponseError) as caught:
        client.resend_invitation_email_smime(LOGIN, PASSWORD, "9000005")
    error = caught.value
    assert error.code == 8
    assert error.safe_to_retry is False
    assert error.message.startswith("the provider answered HTTP 500 without a verdict; body: ")
    assert "<redacted>" in error.message
    encoded = urllib.parse.quote_plus(PASSWORD)
    for text in [error.message, str(error), repr(error)]:
        assert PASSWORD not in text
        assert encoded not in text
        assert "s3cr" not in text  # not even the start of one, cut at the excerpt's end


def test_garbage_body(client: sectigo_sps.Client) -> None:
    expect_error(
        client,
        "9000002",
        MalformedResponseError,
        9,
        'the answer is not a provider verdict (HTTP 200); body: "<<garbage>>"',
    )


def test_connection_closed_mid_body(client: sectigo_sps.Client) -> None:
    error = expect_error(
        client,
        "9000003",
        SectigoConnectionError,
        11,
        "the connection broke after the request was sent (the answer was cut short); "
        "the provider may have acted",
    )
    assert isinstance(error, ConnectionError)
    assert error.safe_to_retry is False


def test_oversized_body(client: sectigo_sps.Client) -> None:
    expect_error(
        client,
        "9000004",
        MalformedResponseError,
        10,
        "the answer is larger than the 65536-byte cap (HTTP 200)",
    )


def test_redirect_is_not_followed(client: sectigo_sps.Client, sandbox: Sandbox) -> None:
    port = sandbox.base_url.rsplit(":", 1)[1].split("/", 1)[0]
    expect_error(
        client,
        "9000302",
        MalformedResponseError,
        12,
        f'the provider answered HTTP 302 redirecting to "https://localhost:{port}/products/'
        '!ResendInvitationEmailSMIME"; redirects are not followed because they would re-send '
        "the credentials",
    )
    assert len(sandbox.requests()) == 1
    assert sandbox.invitations() == []


def test_connection_refused_is_safe_to_retry(sandbox: Sandbox) -> None:
    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    with sandbox.client(endpoint="https://127.0.0.1:1/products/") as client:
        with pytest.raises(SectigoConnectionError) as caught:
            client.resend_invitation_email_smime(LOGIN, PASSWORD, "1000001")
    assert caught.value.code == 5
    assert caught.value.message.startswith("could not connect to 127.0.0.1:1: ")
    assert caught.value.safe_to_retry is True


def test_untrusted_certificate_is_a_tls_error(sandbox: Sandbox) -> None:
    # The sandbox's CA is in no system trust store.
    with sectigo_sps.Client(endpoint=sandbox.base_url, use_system_roots=True, proxy=None) as client:
        error = expect_error(
            client,
            "1000001",
            TLSError,
            7,
            "TLS handshake with the provider failed: invalid peer certificate: UnknownIssuer",
        )
    assert isinstance(error, sectigo_sps.TransportError)
    assert sandbox.requests() == []


def test_plain_http_to_a_remote_host_is_refused_at_construction() -> None:
    with pytest.raises(ConfigurationError) as caught:
        sectigo_sps.Client(endpoint="http://secure.trust-provider.com/products/", proxy=None)
    assert caught.value.code == 4
    assert caught.value.message == (
        'invalid configuration: endpoint "http://secure.trust-provider.com/products/": plain '
        "http is allowed only to a loopback host (localhost, 127.0.0.0/8, ::1); use https"
    )
    assert isinstance(caught.value, ValueError)


def test_the_default_endpoint_is_the_documented_host() -> None:
    assert sectigo_sps.DEFAULT_BASE_URL == "https://secure.trust-provider.com/products/"
    with sectigo_sps.Client(proxy=None) as client:
        assert client.url == "https://secure.trust-provider.com/products/!ResendInvitationEmailSMIME"

