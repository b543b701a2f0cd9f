"""Bad input is refused locally, with a clear TypeError or InvalidArgumentError (a ValueError),
and nothing reaches the sandbox."""

from __future__ import annotations

from typing import Any, Iterator, List

import pytest

import sectigo_sps
from sectigo_sps import Credentials, InvalidArgumentError

from conftest import LOGIN, PASSWORD, Sandbox

FIELDS = ["login_name", "login_password", "order_number"]
GOOD = {"login_name": LOGIN, "login_password": PASSWORD, "order_number": "1000001"}


@pytest.fixture
def nothing_sent(sandbox: Sandbox) -> Iterator[None]:
    # The sandbox's counters are running totals (reset clears only the records).
    before = sandbox.get_json("/_sandbox/stats")
    yield
    after = sandbox.get_json("/_sandbox/stats")
    assert sandbox.requests() == []
    assert after["requests"] == before["requests"]
    assert sandbox.invitations() == []


def call_with(client: sectigo_sps.Client, field: str, value: Any) -> None:
    arguments: List[Any] = [GOOD[name] for name in FIELDS]
    arguments[FIELDS.index(field)] = value
    client.resend_invitation_email_smime(*arguments)


@pytest.mark.usefixtures("nothing_sent")
@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize(
    ("value", "type_name"), [(None, "NoneType"), (1000001, "int"), (b"1000001", "bytes")]
)
def test_non_str_is_a_type_error(
    client: sectigo_sps.Client, field: str, value: object, type_name: str
) -> None:
    with pytest.raises(TypeError) as caught:
        call_with(client, field, value)
    assert str(caught.value) == f"{field} must be str, not {type_name}"
    assert not isinstance(caught.value, sectigo_sps.SectigoError)


WIRE_NAME = {"login_name": "loginName", "login_password": "loginPassword", "order_number": "orderNumber"}
MAX_LENGTH = {"login_name": 64, "login_password": 128, "order_number": 128}


@pytest.mark.usefixtures("nothing_sent")
@pytest.mark.parametrize("field", FIELDS)
def test_empty(client: sectigo_sps.Client, field: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        call_with(client, field, "")
    assert caught.value.code == 1
    assert caught.value.message == f"invalid argument: {WIRE_NAME[field]} must not be empty"
    assert isinstance(caught.value, ValueError)


@pytest.mark.usefixtures("nothing_sent")
@pytest.mark.parametrize("field", FIELDS)
def test_over_long(client: sectigo_sps.Client, field: str) -> None:
    limit = MAX_LENGTH[field]
    with pytest.raises(InvalidArgumentError) as caught:
        call_with(client, field, "a" * (limit + 1))
    assert caught.value.code == 1
    assert caught.value.message == (
        f"invalid argument: {WIRE_NAME[field]} is {limit + 1} characters long; "
        f"the provider accepts at most {limit}"
    )


@pytest.mark.usefixtures("nothing_sent")
@pytest.mark.parametrize("field", ["login_name", "order_number"])
@pytest.mark.parametrize("control", ["\x00", "\n", "\r", "\t", "\x1b", "\x7f", "\x85"])
def test_control_characters(client: sectigo_sps.Client, field: str, control: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        call_with(client, field, f"ab{control}c")
    assert caught.value.message == (
        f"invalid argument: {WIRE_NAME[field]} contains the control character "
        f"U+{ord(control):04X} at character 3; control characters are not accepted"
    )


@pytest.mark.usefixtures("nothing_sent")
@pytest.mark.parametrize("control", ["\x00", "\n"])
def test_control_character_in_the_password_is_not_shown(
    client: sectigo_sps.Client, control: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        call_with(client, "login_password", f"pw{control}secret")
    assert caught.value.message == (
        "invalid argument: loginPassword contains a control character at character 3; "
        "control characters are not accepted"
    )


def test_the_limits_themselves_are_accepted(client: sectigo_sps.Client, sandbox: Sandbox) -> None:
    # Characters, not bytes: 128 two-byte characters are within the limit. The sandbox answers
    # -16 / -4, but the point is that the request went out.
    with pytest.raises(sectigo_sps.ProviderError):
        client.resend_invitation_email_smime("é" * 64, "é" * 128, "é" * 128)
    assert len(sandbox.requests()) == 1


@pytest.mark.usefixtures("nothing_sent")
def test_wrong_call_shapes_are_type_errors(client: sectigo_sps.Client) -> None:
    credentials = Credentials(LOGIN, PASSWORD)
    untyped: Any = client.resend_invitation_email_smime
    with pytest.raises(TypeError, match="missing argument"):
        untyped(LOGIN, PASSWORD)
    with pytest.raises(TypeError, match="missing argument"):
        untyped(credentials)
    with pytest.raises(TypeError, match="takes 2 arguments"):
        untyped(credentials, "1000001", "extra")
    with pytest.raises(TypeError, match="unexpected argument 'password'"):
        untyped(LOGIN, password=PASSWORD, order_number="1")
    with pytest.raises(TypeError, match="multiple values for 'order_number'"):
        untyped(credentials, "1", order_number="1")
    with pytest.raises(TypeError, match="credentials must be sectigo_sps.Credentials, not str"):
        untyped(credentials="x", order_number="1")


@pytest.mark.parametrize("value", [None, 1, b"x"])
def test_credentials_refuse_non_str(value: Any) -> None:
    with pytest.raises(TypeError):
        Credentials(value, PASSWORD)
    with pytest.raises(TypeError):
        Credentials(LOGIN, value)
