"""One log line when a periodic job starts failing, one when it is back; retries back off.

A job that runs every 0.2 s must not log a traceback every 0.2 s while the database is down.
Rule order for each periodic job (the poll and digest ticks, pruning, the outbox sender):
1. A `StorageError` is one condition, "database unavailable", whatever the operation or the
   driver's message: its first occurrence logs one warning without a traceback, naming the
   reason and the longest wait between retries; further ones log nothing.
2. Any other error is a bug: the first of each type logs one error line with its traceback;
   repeats of that type log nothing until the job has succeeded again.
3. While failing, the job waits before its next attempt: `FIRST_DELAY`, doubling up to
   `MAX_DELAY` (a tick job skips its ticks until the wait is over).
4. The first success after failures logs one info line with the outage's length and the
   number of failed attempts, and clears the wait.

Telegram not taking the outbox's sends (`TelegramSends`: a 5xx answer, or no connection) is
one condition too, "Telegram not taking sends", logged like rule 1 (longest wait
`TELEGRAM_MAX_DELAY`). A refusal of a request that left before the current wait began is
not a new attempt and does not lengthen the wait; the line at its end also says how many
messages were refused meanwhile.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from handlers.failures import describe
from storage.errors import StorageError

log = logging.getLogger(__name__)

FIRST_DELAY = 1.0
MAX_DELAY = 10.0  # a retry every 10 s costs nothing and notices a recovery soon
DATABASE = "database unavailable"
TELEGRAM = "Telegram not taking sends"
TELEGRAM_MAX_DELAY = 5.0  # one probe every 5 s costs Telegram nothing; a recovery shows soon


class Condition:
    """The health of one periodic job: working, or failing with some kinds of error."""

    def __init__(
        self,
        job: str,
        *,
        first_delay: float = FIRST_DELAY,
        max_delay: float = MAX_DELAY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.job, self._first, self._max, self._clock = job, first_delay, max_delay, clock
        self._kinds: set[str] = set()
        self._since = self._retry_at = 0.0
        self._failures = 0
        self._delay = first_delay

    @property
    def failing(self) -> bool:
        """Tell whether the last attempt failed."""
        return self._failures > 0

    def ready(self) -> bool:
        """Tell whether the job may try now (it is not waiting out a failure)."""
        return self._clock() >= self._retry_at

    def failed(self, error: BaseException) -> float:
        """Record a failed attempt, log it if it is a new kind; return the wait before the next."""
        now = self._clock()
        if not self._failures:
            self._since, self._delay = now, self._first
        else:
            self._delay = min(self._delay * 2, self._max)
        self._failures += 1
        self._retry_at = now + self._delay
        kind = self._kind(error)
        if kind not in self._kinds:
            self._kinds.add(kind)
            self._log_new(kind, error)
        return self._delay

    def _kind(self, error: BaseException) -> str:
        return DATABASE if isinstance(error, StorageError) else type(error).__name__

    def _log_new(self, kind: str, error: BaseException) -> None:
        if kind in (DATABASE, TELEGRAM):
            log.warning(
                "%s: %s (%s); retrying with backoff, at least every %.0f s",
                self.job,
                kind,
                describe(error),
                self._max,
            )
        else:
            log.error(
                "%s failed: %s; retrying with backoff", self.job, describe(error), exc_info=error
            )

    def succeeded(self) -> None:
        """Record a successful attempt; log once when it ends a run of failures."""
        if not self._failures:
            return
        log.info("%s: %s", self.job, self._back(self._clock() - self._since))
        self._kinds.clear()
        self._failures, self._retry_at = 0, 0.0

    def _back(self, seconds: float) -> str:
        what = "database back" if DATABASE in self._kinds else "working again"
        return f"{what} after {seconds:.0f} s ({self._failures} failed attempts)"


class TelegramSends(Condition):
    """Whether Telegram takes the outbox's sends: every refusal is one condition."""

    def __init__(self, job: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(job, max_delay=TELEGRAM_MAX_DELAY, clock=clock)
        self._refused: set[int] = set()

    def refused(self, error: BaseException, *, message_id: int) -> float:
        """Record a send Telegram did not take (5xx, or no connection); return the wait left."""
        self._refused.add(message_id)
        if self.failing and not self.ready():
            # Its request left before the current wait began: not a new attempt.
            return self._retry_at - self._clock()
        return self.failed(error)

    def _kind(self, error: BaseException) -> str:
        return TELEGRAM

    def _back(self, seconds: float) -> str:
        waited, self._refused = len(self._refused), set()
        return (
            f"Telegram taking sends again after {seconds:.0f} s; {waited} messages waited"
            f" ({self._failures} failed attempts)"
        )
