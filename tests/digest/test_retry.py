"""The reply retry rule: resend only what Telegram certainly did not take, within patience."""

from __future__ import annotations

import pytest

from digest.retry import Failure, Patience, retry_wait

QUICK = Patience(total=10.0, first_wait=0.5, longest_wait=4.0, margin=0.1)


@pytest.mark.parametrize(
    ("failure", "attempt", "elapsed", "retry_after", "spread", "expected"),
    [
        # 1. in doubt: never resent, however early
        (Failure.IN_DOUBT, 1, 0.0, 0.0, 1.0, None),
        # 2. throttled: retry_after plus the margin, within patience
        (Failure.THROTTLED, 1, 0.0, 3.0, 1.0, 3.1),
        (Failure.THROTTLED, 7, 6.0, 3.0, 0.5, 3.1),  # spread and attempt do not shorten it
        (Failure.THROTTLED, 2, 7.0, 3.0, 1.0, None),  # would end past the patience
        # 3. unavailable: doubling from first_wait, capped, scaled by spread
        (Failure.UNAVAILABLE, 1, 0.0, 0.0, 1.0, 0.5),
        (Failure.UNAVAILABLE, 2, 0.5, 0.0, 1.0, 1.0),
        (Failure.UNAVAILABLE, 3, 1.5, 0.0, 1.0, 2.0),
        (Failure.UNAVAILABLE, 5, 3.0, 0.0, 1.0, 4.0),  # capped at longest_wait
        (Failure.UNAVAILABLE, 3, 1.5, 0.0, 0.5, 1.0),
        (Failure.UNAVAILABLE, 3, 1.5, 0.0, 0.1, 1.0),  # spread below 0.5 counts as 0.5
        (Failure.UNAVAILABLE, 3, 1.5, 0.0, 2.0, 2.0),  # spread above 1 counts as 1
        (Failure.UNAVAILABLE, 9, 6.0, 0.0, 1.0, 4.0),  # ends at 10.0: still within
        (Failure.UNAVAILABLE, 9, 6.5, 0.0, 1.0, None),  # would end past the patience
    ],
)
def test_retry_wait(
    failure: Failure,
    attempt: int,
    elapsed: float,
    retry_after: float,
    spread: float,
    expected: float | None,
) -> None:
    wait = retry_wait(
        failure,
        attempt=attempt,
        elapsed=elapsed,
        retry_after=retry_after,
        spread=spread,
        patience=QUICK,
    )
    assert wait == pytest.approx(expected) if expected is not None else wait is None


def test_default_patience_is_two_minutes() -> None:
    assert retry_wait(Failure.UNAVAILABLE, attempt=20, elapsed=110.0) == 10.0
    assert retry_wait(Failure.UNAVAILABLE, attempt=21, elapsed=115.0) is None
