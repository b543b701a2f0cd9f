"""The password never shows: not in exceptions (str, repr, args, attributes, pickles), not in
reprs, not in log records."""

from __future__ import annotations

import logging
import pickle
import urllib.parse
from typing import Any, Callable, List

import pytest

import sectigo_sps
from sectigo_sps import Credentials, SectigoError

from conftest import LOGIN, PASSWORD, Sandbox

SECRET = "Zq9-very-secret-pw"
SECRETS = [SECRET, PASSWORD, urllib.parse.quote_plus(PASSWORD), urllib.parse.quote_plus(SECRET)]


def texts_of(error: BaseException) -> List[str]:
    return [
        str(error),
        repr(error),
        repr(error.args),
        repr(vars(error)),
        repr(pickle.dumps(error)),
        repr(error.__cause__),
        repr(error.__context__),
    ]


def assert_no_secret(texts: List[str]) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


def test_credentials_repr_hides_the_password() -> None:
    credentials = Credentials(LOGIN, SECRET)
    assert repr(credentials) == "Credentials(login_name='sandbox-user', password=<redacted>)"
    assert str(credentials) == repr(credentials)
    assert credentials.login_name == LOGIN
    assert not hasattr(credentials, "password")
    assert_no_secret([repr(credentials), str(credentials), repr(dir(credentials))])


def test_credentials_cannot_be_pickled() -> None:
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(Credentials(LOGIN, SECRET))


CALLS: List[Callable[[sectigo_sps.Client], None]] = [
    lambda c: c.resend_invitation_email_smime(LOGIN, SECRET, "1000001"),  # -16
    lambda c: c.resend_invitation_email_smime(LOGIN, PASSWORD, "1000122"),
    lambda c: c.resend_invitation_email_smime(LOGIN, PASSWORD, "9000500"),
    lambda c: c.resend_invitation_email_smime(LOGIN, PASSWORD, "9000002"),
    lambda c: c.resend_invitation_email_smime(LOGIN, PASSWORD, "9000003"),
    lambda c: c.resend_invitation_email_smime(LOGIN, PASSWORD, "9000302"),
    lambda c: c.resend_invitation_email_smime(LOGIN, PASSWORD, "vector-empty_body"),
    lambda c: c.resend_invitation_email_smime(LOGIN, PASSWORD, ""),
    lambda c: c.resend_invitation_email_smime("", SECRET, "1000001"),
    lambda c: c.resend_invitation_email_smime(LOGIN, SECRET + "\x00", "1000001"),
    lambda c: c.resend_invitation_email_smime(LOGIN, SECRET * 10, "1000001"),
    lambda c: c.resend_invitation_email_smime(Credentials(LOGIN, SECRET), "1000001"),
]


@pytest.mark.parametrize("call", CALLS)
def test_no_exception_shows_the_password(
    call: Callable[[sectigo_sps.Client], None],
    client: sectigo_sps.Client,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(SectigoError) as caught:
        call(client)
    assert_no_secret(texts_of(caught.value))
    assert_no_secret(log_texts(caplog))


def test_timeouts_and_tls_failures_do_not_show_it(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    errors: List[SectigoError] = []
    clients = [
        sandbox.client(timeout=0.3),
        sectigo_sps.Client(endpoint=sandbox.base_url, proxy=None),
        sandbox.client(endpoint="https://127.0.0.1:1/products/"),
    ]
    for client, order in zip(clients, ["9000001", "1000001", "1000001"]):
        with client, pytest.raises(SectigoError) as caught:
            client.resend_invitation_email_smime(LOGIN, PASSWORD, order)
        errors.append(caught.value)
    assert [error.code for error in errors] == [6, 7, 5]
    for error in errors:
        assert_no_secret(texts_of(error))
    assert_no_secret(log_texts(caplog))


def test_successful_calls_log_without_the_password(
    client: sectigo_sps.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client.resend_invitation_email_smime(LOGIN, PASSWORD, "1000001")
    client.resend_invitation_email_smime(Credentials(LOGIN, PASSWORD), "1000002")
    records = [record for record in caplog.records if record.name == "sectigo_sps"]
    assert len(records) == 4, "the package logs each call at DEBUG"
    assert "1000001" in records[0].getMessage()
    assert_no_secret(log_texts(caplog))


def log_texts(caplog: pytest.LogCaptureFixture) -> List[str]:
    texts: List[str] = [caplog.text]
    for record in caplog.records:
        values: Any = record.args
        texts += [record.getMessage(), repr(values), repr(record.exc_info)]
    return texts
