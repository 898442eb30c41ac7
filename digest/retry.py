"""When to try a reply to a member again after Telegram did not take it.

Rule order for one failed attempt (`attempt` counts from 1, `elapsed` is the time since the
first attempt began):
1. A request that may have reached Telegram (its answer timed out, the connection broke
   mid-request) is never resent: the member could get the reply twice.
2. Telegram asked to wait (429): wait `retry_after` plus a small margin, if that still ends
   within the patience; otherwise give up.
3. Telegram failed (a 5xx answer) or could not be reached before the request left: wait
   `FIRST_WAIT` doubled per attempt up to `LONGEST_WAIT`, scaled by `spread` (0.5-1.0, so
   that many waiting replies do not come back in one burst); give up when that wait would
   end past the patience.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Failure(Enum):
    """What a failed attempt tells about the request."""

    THROTTLED = "throttled"  # 429: not taken, Telegram says when to come back
    UNAVAILABLE = "unavailable"  # 5xx or unreachable: certainly not taken
    IN_DOUBT = "in doubt"  # may have been taken: never resent


@dataclass(frozen=True, slots=True)
class Patience:
    """How long a reply keeps trying and how it spaces its attempts (seconds)."""

    total: float = 120.0
    first_wait: float = 0.5
    longest_wait: float = 10.0
    margin: float = 0.1


def retry_wait(
    failure: Failure,
    *,
    attempt: int,
    elapsed: float,
    retry_after: float = 0.0,
    spread: float = 1.0,
    patience: Patience = Patience(),
) -> float | None:
    """Return the seconds to wait before the next attempt, or None to give up."""
    if failure is Failure.IN_DOUBT:
        return None
    if failure is Failure.THROTTLED:
        wait = retry_after + patience.margin
    else:
        backoff = min(patience.longest_wait, patience.first_wait * 2 ** (attempt - 1))
        wait = backoff * min(1.0, max(0.5, spread))
    return wait if elapsed + wait <= patience.total else None
