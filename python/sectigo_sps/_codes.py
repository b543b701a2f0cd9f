"""The status-code table, built at import time from the core library's own table.

Nothing here is typed by hand: the numbers, names and meanings come from the native module
(`sectigo_sps::ProviderCode::ALL` and `sectigo_sps::LocalCode::ALL`). The stub beside this file
lists the member names for type checkers; a test checks that stub and table agree.
"""

from __future__ import annotations

import enum
from typing import NamedTuple, Tuple

from sectigo_sps import _native

__all__ = ["CodeInfo", "LOCAL_CODES", "PROVIDER_CODES", "StatusCode", "status_name"]


class CodeInfo(NamedTuple):
    """One row of the status table."""

    code: int
    name: str
    meaning: str


PROVIDER_CODES: Tuple[CodeInfo, ...] = tuple(CodeInfo(*row) for row in _native.PROVIDER_CODES)
LOCAL_CODES: Tuple[CodeInfo, ...] = tuple(CodeInfo(*row) for row in _native.LOCAL_CODES)

StatusCode = enum.IntEnum(  # type: ignore[misc]
    "StatusCode",
    [("OK", _native.SUCCESS)]
    + [(row.name.upper(), row.code) for row in PROVIDER_CODES + LOCAL_CODES],
    module=__name__.rsplit(".", 1)[0],
    qualname="StatusCode",
)
StatusCode.__doc__ = (
    "Every named status code: OK, the documented provider codes (negative) and the local "
    "codes (positive). The provider may send negative codes that have no member here."
)

status_name = _native.status_name
