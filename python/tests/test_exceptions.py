"""The exception hierarchy, pickling, and agreement between core's table and the Python view."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path
from typing import List, Type

import pytest

import sectigo_sps
from sectigo_sps import (
    LOCAL_CODES,
    PROVIDER_CODES,
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
    StatusCode,
    TLSError,
    TransportError,
    status_name,
)
from sectigo_sps import _native, exceptions

from conftest import LOGIN, PASSWORD

ALL_CLASSES: List[Type[SectigoError]] = [
    SectigoError,
    ProviderError,
    AuthenticationError,
    InvalidRequestError,
    CertificateStateError,
    InvalidArgumentError,
    ConfigurationError,
    TransportError,
    SectigoConnectionError,
    SectigoTimeoutError,
    TLSError,
    MalformedResponseError,
    InternalError,
]


def test_hierarchy() -> None:
    for verdict in [AuthenticationError, InvalidRequestError, CertificateStateError]:
        assert issubclass(verdict, ProviderError)
    for transport in [SectigoConnectionError, SectigoTimeoutError, TLSError]:
        assert issubclass(transport, TransportError)
    assert issubclass(InvalidArgumentError, ValueError)
    assert issubclass(ConfigurationError, ValueError)
    assert issubclass(SectigoTimeoutError, TimeoutError)
    assert issubclass(SectigoConnectionError, ConnectionError)
    assert not issubclass(TLSError, OSError)
    assert all(issubclass(cls, SectigoError) for cls in ALL_CLASSES)


@pytest.mark.parametrize("cls", ALL_CLASSES, ids=lambda cls: cls.__name__)
def test_classes_report_their_public_path_and_pickle(cls: Type[SectigoError]) -> None:
    assert cls.__module__ == "sectigo_sps.exceptions"
    assert getattr(sectigo_sps, cls.__name__) is cls
    assert getattr(exceptions, cls.__name__) is cls
    error = cls(-4 if issubclass(cls, ProviderError) else 9, "some message", safe_to_retry=True)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert (copy.code, copy.message, copy.safe_to_retry) == (error.code, "some message", True)
    assert str(copy) == str(error)
    assert repr(copy) == f"{cls.__name__}(code={error.code}, message='some message')"


def test_provider_error_pickles_with_its_parameter() -> None:
    error = InvalidRequestError(-3, "The 'loginName' argument is missing!", parameter="loginName")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.message, copy.parameter) == (
        -3,
        "The 'loginName' argument is missing!",
        "loginName",
    )


def test_a_raised_error_pickles(client: sectigo_sps.Client) -> None:
    with pytest.raises(CertificateStateError) as caught:
        client.resend_invitation_email_smime(LOGIN, PASSWORD, "1000122")
    copy = pickle.loads(pickle.dumps(caught.value, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(copy) is CertificateStateError
    assert (copy.code, copy.message) == (-122, "The Certificate is in wrong state.")


def test_str_has_code_name_and_message() -> None:
    assert str(SectigoTimeoutError(6, "timed out")) == "[6 timeout] timed out"
    assert str(ProviderError(-16, "")) == "[-16 authentication_failed]"
    assert str(ProviderError(-42, "Call limit reached!")) == "[-42 provider_unlisted] Call limit reached!"


def test_numbers_agree_with_the_documented_table() -> None:
    assert [(row.code, row.name) for row in PROVIDER_CODES] == [
        (-1, "not_https"),
        (-2, "unrecognised_argument"),
        (-3, "missing_argument"),
        (-4, "invalid_argument_value"),
        (-14, "unknown_provider_error"),
        (-16, "authentication_failed"),
        (-17, "not_post"),
        (-122, "certificate_wrong_state"),
    ]
    assert [row.code for row in LOCAL_CODES] == list(range(1, 15))
    assert int(StatusCode.OK) == 0
    assert int(StatusCode.AUTHENTICATION_FAILED) == -16
    assert int(StatusCode.CERTIFICATE_WRONG_STATE) == -122
    assert int(StatusCode.TIMEOUT) == 6
    assert int(StatusCode.INTERNAL) == 13
    assert int(StatusCode.TIMEOUT_BEFORE_SEND) == 14
    assert all(row.meaning for row in PROVIDER_CODES + LOCAL_CODES)


def test_status_code_enum_is_the_native_table() -> None:
    from_native = [("OK", 0)] + [
        (name.upper(), code) for code, name, _ in _native.PROVIDER_CODES + _native.LOCAL_CODES
    ]
    assert [(member.name, member.value) for member in StatusCode] == from_native
    assert StatusCode.__module__ == "sectigo_sps"
    assert pickle.loads(pickle.dumps(StatusCode.TLS)) is StatusCode.TLS


def test_the_stub_lists_exactly_the_native_members() -> None:
    stub = Path(sectigo_sps.__file__).parent / "_codes.pyi"
    tree = ast.parse(stub.read_text())
    [enum_class] = [
        node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "StatusCode"
    ]
    names = [
        target.id
        for node in enum_class.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    ]
    assert names == [member.name for member in StatusCode]


def test_status_names() -> None:
    assert status_name(0) == "ok"
    assert status_name(-16) == "authentication_failed"
    assert status_name(-9901) == "provider_unlisted"
    assert status_name(6) == "timeout"
    assert status_name(14) == "timeout_before_send"
    assert status_name(999) == "unknown"


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        (-1, InvalidRequestError),
        (-2, InvalidRequestError),
        (-3, InvalidRequestError),
        (-4, InvalidRequestError),
        (-14, ProviderError),
        (-16, AuthenticationError),
        (-17, InvalidRequestError),
        (-122, CertificateStateError),
        (-42, ProviderError),
        (1, InvalidArgumentError),
        (2, InvalidArgumentError),
        (3, InvalidArgumentError),
        (4, ConfigurationError),
        (5, SectigoConnectionError),
        (6, SectigoTimeoutError),
        (7, TLSError),
        (8, MalformedResponseError),
        (9, MalformedResponseError),
        (10, MalformedResponseError),
        (11, SectigoConnectionError),
        (12, MalformedResponseError),
        (13, InternalError),
        (14, SectigoTimeoutError),
        (15, InternalError),
        (999, InternalError),
    ],
)
def test_every_code_maps_to_its_class_through_core_categories(
    code: int, cls: Type[SectigoError]
) -> None:
    error = exceptions._from_native(code, "m", _native.category_name(code), None, False)
    assert type(error) is cls
    assert (error.code, error.message) == (code, "m")


def test_only_unsent_failures_are_safe_to_retry() -> None:
    safe = [code for code in range(-200, 200) if _native.is_safe_to_retry(code)]
    assert safe == [StatusCode.CONNECT_FAILED, StatusCode.TIMEOUT_BEFORE_SEND] == [5, 14]


def test_a_timeout_before_sending_is_a_timeout_error_that_is_safe_to_retry() -> None:
    # What the native module builds for code 14 (core's Error::Timeout { request_sent: false }).
    code = int(StatusCode.TIMEOUT_BEFORE_SEND)
    error = exceptions._from_native(
        code,
        "timed out while connecting; the request was not sent",
        _native.category_name(code),
        None,
        _native.is_safe_to_retry(code),
    )
    assert type(error) is SectigoTimeoutError
    assert isinstance(error, TimeoutError) and isinstance(error, TransportError)
    assert error.safe_to_retry is True
    assert error.status_name == "timeout_before_send"
    # Code 6, after the request may have been sent: the same class, not safe to retry.
    code = int(StatusCode.TIMEOUT)
    sent = exceptions._from_native(
        code, "m", _native.category_name(code), None, _native.is_safe_to_retry(code)
    )
    assert type(sent) is SectigoTimeoutError and sent.safe_to_retry is False
