"""The GIL is released during the network call, and one client serves many threads."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import List, Optional, Tuple

import sectigo_sps
from sectigo_sps import SectigoError

from conftest import LOGIN, PASSWORD, Sandbox


def test_other_python_threads_run_while_a_call_waits(
    client: sectigo_sps.Client, sandbox: Sandbox
) -> None:
    outcome: List[Optional[BaseException]] = []

    def slow_call() -> None:
        try:
            client.resend_invitation_email_smime(LOGIN, PASSWORD, "9000001")  # sleeps 2 s
            outcome.append(None)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            outcome.append(error)

    worker = threading.Thread(target=slow_call)
    counter = 0
    longest_pause = 0.0
    started = time.monotonic()
    last = started
    worker.start()
    while worker.is_alive():
        counter += 1
        now = time.monotonic()
        longest_pause = max(longest_pause, now - last)
        last = now
    worker.join()
    elapsed = time.monotonic() - started

    assert outcome == [None]
    assert elapsed >= 1.9, "the slow order answered too fast to show anything"
    # Holding the GIL for the call would freeze this loop for the whole 2 s.
    assert counter > 100_000
    assert longest_pause < 0.5
    assert len(sandbox.invitations()) == 1


def test_threads_sharing_one_client_get_their_own_answers(
    client: sectigo_sps.Client, sandbox: Sandbox
) -> None:
    cases: List[Tuple[str, str, Optional[int]]] = [
        (PASSWORD, "1000001", None),
        (PASSWORD, "1000002", None),
        (PASSWORD, "1000003", None),
        (PASSWORD, "1000122", -122),
        (PASSWORD, "1000014", -14),
        (PASSWORD, "1000901", -9901),
        (PASSWORD, "abc", -4),
        ("wrong-password", "1000001", -16),
        (PASSWORD, "vector-unlisted_negative_code", -42),
        (PASSWORD, "9000002", 9),
    ]
    jobs = cases * 4

    def run(case: Tuple[str, str, Optional[int]]) -> Optional[int]:
        password, order, _ = case
        try:
            client.resend_invitation_email_smime(LOGIN, password, order)
            return None
        except SectigoError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(run, jobs))

    assert results == [expected for _, _, expected in jobs]
    assert sorted(invitation.order_number for invitation in sandbox.invitations()) == sorted(
        ["1000001", "1000002", "1000003"] * 4
    )
    assert len(sandbox.requests()) == len(jobs)


def test_close_while_calls_are_running_lets_them_finish(
    sandbox: Sandbox,
) -> None:
    client = sandbox.client()
    errors: List[BaseException] = []

    def slow_call() -> None:
        try:
            client.resend_invitation_email_smime(LOGIN, PASSWORD, "9000001")
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    worker = threading.Thread(target=slow_call)
    worker.start()
    time.sleep(0.3)
    client.close()
    worker.join()
    assert errors == []
    assert len(sandbox.invitations()) == 1
