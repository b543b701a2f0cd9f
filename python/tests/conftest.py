"""Fixtures: one sandbox process for the session (real sockets, real TLS), reset before each test."""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import urllib.request
from pathlib import Path
from typing import Any, Iterator, List, NamedTuple, cast

import pytest

import sectigo_sps

REPO_ROOT = Path(__file__).resolve().parents[2]
VECTORS = REPO_ROOT / "tests" / "vectors" / "vectors.tsv"

LOGIN = "sandbox-user"
PASSWORD = "s3cr&t=p%+ss word"


def sandbox_binary() -> Path:
    explicit = os.environ.get("SECTIGO_SPS_SANDBOX")
    if explicit:
        return Path(explicit)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO_ROOT / "target"))
    return target / "debug" / "sectigo-sps-sandbox"


class Invitation(NamedTuple):
    order_number: str
    login_name: str


class Sandbox:
    """The running sandbox: its base URLs, its CA, and its control endpoints."""

    def __init__(self, base_url: str, plain_url: str, ca_path: Path) -> None:
        self.base_url = base_url
        self.plain_url = plain_url
        self.ca_path = ca_path
        self.ca_pem = ca_path.read_bytes()
        self.control_url = base_url[: -len("/products/")]
        self._ssl = ssl.create_default_context(cafile=str(ca_path))

    def _open(self, path: str, method: str = "GET") -> bytes:
        request = urllib.request.Request(self.control_url + path, method=method)
        # A proxy from the environment must not get between the tests and a loopback server.
        opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=self._ssl)
        )
        with opener.open(request, timeout=10) as response:
            return cast(bytes, response.read())

    def get_json(self, path: str) -> Any:
        return json.loads(self._open(path))

    def invitations(self) -> List[Invitation]:
        return [
            Invitation(entry["order_number"], entry["login_name"])
            for entry in self.get_json("/_sandbox/invitations.json")
        ]

    def requests(self) -> List[Any]:
        return cast(List[Any], self.get_json("/_sandbox/requests.json"))

    def reset(self) -> None:
        self._open("/_sandbox/reset", method="POST")

    def client(self, **options: Any) -> sectigo_sps.Client:
        """A client that trusts only the sandbox's CA and never uses a proxy from the environment."""
        settings: dict[str, Any] = {
            "endpoint": self.base_url,
            "ca_certs": self.ca_path,
            "use_system_roots": False,
            "proxy": None,
        }
        settings.update(options)
        return sectigo_sps.Client(**settings)


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    binary = sandbox_binary()
    if not binary.is_file():
        pytest.fail(f"sandbox binary {binary} not found: run `cargo build` first", pytrace=False)
    workdir = tmp_path_factory.mktemp("sandbox")
    ca_path = workdir / "ca.pem"
    with open(workdir / "stderr.log", "wb") as stderr:
        process = subprocess.Popen(
            [
                str(binary),
                "--port", "0",
                "--ca-out", str(ca_path),
                "--plain-http",
                "--exit-on-stdin-eof",
                "--slow-ms", "2000",
                "--vectors", str(VECTORS),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().decode().strip()
        plain_url = process.stdout.readline().decode().strip()
        if not base_url.startswith("https://") or not plain_url.startswith("http://"):
            pytest.fail(
                f"sandbox did not print its URLs (got {base_url!r}, {plain_url!r}); "
                f"see {workdir / 'stderr.log'}",
                pytrace=False,
            )
        yield Sandbox(base_url, plain_url, ca_path)
    finally:
        # Closing stdin is the sandbox's signal to exit (--exit-on-stdin-eof).
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(autouse=True)
def _fresh_sandbox(request: pytest.FixtureRequest) -> None:
    """Each test that talks to the sandbox starts with empty records."""
    if "sandbox" in request.fixturenames:
        cast(Sandbox, request.getfixturevalue("sandbox")).reset()


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[sectigo_sps.Client]:
    with sandbox.client() as client:
        yield client
