"""The private extension module (Rust, pyo3). Use the public names in ``sectigo_sps``."""

from typing import List, Optional, Tuple, final

__version__: str
SUCCESS: int
DEFAULT_BASE_URL: str
DEFAULT_TIMEOUT: float
DEFAULT_CONNECT_TIMEOUT: float
PROVIDER_CODES: Tuple[Tuple[int, str, str], ...]
LOCAL_CODES: Tuple[Tuple[int, str, str], ...]

def status_name(code: int) -> str: ...
def category_name(code: int) -> str: ...
def is_safe_to_retry(code: int) -> bool: ...
@final
class Credentials:
    """The partner account's login name and password.

    The password is kept inside the native value (wiped from memory when it is dropped), cannot
    be read back, and never appears in ``repr``. Credentials cannot be pickled.
    """

    def __init__(self, login_name: str, password: str) -> None: ...
    @property
    def login_name(self) -> str: ...

@final
class Client:
    def __init__(
        self,
        *,
        endpoint: Optional[str],
        timeout: float,
        connect_timeout: float,
        ca_pem: List[bytes],
        use_system_roots: bool,
        proxy_from_environment: bool,
        proxy_url: Optional[str],
        user_agent_suffix: Optional[str],
    ) -> None: ...
    @property
    def url(self) -> str: ...
    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def resend_invitation_email_smime(
        self, credentials: Credentials, order_number: str
    ) -> None: ...
