"""Every shared response vector (tests/vectors/vectors.tsv), served by the sandbox for order
`vector-<name>`, must come out with the exact class, code and message."""

from __future__ import annotations

import re
from typing import Dict, List, NamedTuple, Type

import pytest

import sectigo_sps
from sectigo_sps import (
    AuthenticationError,
    CertificateStateError,
    InvalidRequestError,
    MalformedResponseError,
    ProviderError,
    SectigoError,
)

from conftest import LOGIN, PASSWORD, VECTORS, Sandbox


class Vector(NamedTuple):
    name: str
    http_status: int
    code: int
    message: str


_ESCAPE = re.compile(rb"\\(x[0-9a-fA-F]{2}|[nrt\\])")
_SIMPLE = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"\\": b"\\"}


def unescape(field: bytes) -> bytes:
    def one(match: "re.Match[bytes]") -> bytes:
        escape = match.group(1)
        return bytes([int(escape[1:], 16)]) if escape.startswith(b"x") else _SIMPLE[escape]

    return _ESCAPE.sub(one, field)


def load_vectors() -> List[Vector]:
    vectors = []
    for line in VECTORS.read_bytes().split(b"\n"):
        if not line or line.startswith(b"#"):
            continue
        name, status, _body, code, message = line.split(b"\t")
        vectors.append(
            Vector(name.decode(), int(status), int(code), unescape(message).decode("utf-8"))
        )
    return vectors


VECTOR_LIST = load_vectors()

# What the Python API documents for each code; written out here so that a change in core's
# categories shows up as a failure rather than silently changing the classes users catch.
EXPECTED_CLASS: Dict[int, Type[SectigoError]] = {
    -1: InvalidRequestError,
    -2: InvalidRequestError,
    -3: InvalidRequestError,
    -4: InvalidRequestError,
    -17: InvalidRequestError,
    -16: AuthenticationError,
    -122: CertificateStateError,
    8: MalformedResponseError,
    9: MalformedResponseError,
    10: MalformedResponseError,
    12: MalformedResponseError,
}


def expected_class(code: int) -> Type[SectigoError]:
    if code in EXPECTED_CLASS:
        return EXPECTED_CLASS[code]
    assert code < 0, f"no expectation written for local code {code}"
    return ProviderError


def test_the_vector_file_is_read_whole() -> None:
    assert len(VECTOR_LIST) >= 30
    assert len({vector.name for vector in VECTOR_LIST}) == len(VECTOR_LIST)
    covered = {vector.code for vector in VECTOR_LIST}
    assert {0, -1, -2, -3, -4, -14, -16, -17, -122, 8, 9} <= covered


@pytest.mark.parametrize("vector", VECTOR_LIST, ids=[vector.name for vector in VECTOR_LIST])
def test_vector(vector: Vector, client: sectigo_sps.Client, sandbox: Sandbox) -> None:
    order = f"vector-{vector.name}"
    if vector.code == 0:
        assert client.resend_invitation_email_smime(LOGIN, PASSWORD, order) is None
    else:
        with pytest.raises(SectigoError) as caught:
            client.resend_invitation_email_smime(LOGIN, PASSWORD, order)
        error = caught.value
        assert type(error) is expected_class(vector.code)
        assert error.code == vector.code
        assert error.message == vector.message
    [request] = sandbox.requests()
    assert request["form"][2] == ["orderNumber", order]


def test_url_encoded_error_item_becomes_the_parameter(client: sectigo_sps.Client) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        client.resend_invitation_email_smime(LOGIN, PASSWORD, "vector-url_encoded_decoded_once")
    assert caught.value.parameter == "orderNumber"
