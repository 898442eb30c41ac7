"""Whether Telegram answers the long poll: one log line per change, never a traceback.

PTB retries a failed `getUpdates` by itself and, by default, logs a full traceback for each
failure (one every few seconds while the network is down). Instead the getUpdates request
reports each outcome here, and the log gets one line when Telegram stops answering (per kind
of error) and one when it answers again; the error handler (`handlers.failures`) leaves a
polling NetworkError to this module and logs other polling errors (a 409 Conflict: two bots on
one token) in one line each.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from telegram.error import NetworkError
from telegram.request import HTTPXRequest

from handlers.failures import describe

log = logging.getLogger(__name__)


class LinkWatch:
    """The state of the long poll: reachable, or failing with one kind of error."""

    def __init__(self) -> None:
        self._failing: str | None = None
        self._since = 0.0
        self._failures = 0

    def failed(self, error: BaseException) -> None:
        """Record a failed poll; log only when the kind of failure changes."""
        self._failures += 1
        kind = type(error).__name__
        if kind == self._failing:
            return
        if self._failing is None:
            self._since = time.monotonic()
        self._failing = kind
        log.warning("Telegram unreachable (%s), retrying", describe(error))

    def reached(self) -> None:
        """Record an answer from Telegram; log once when it follows failures."""
        if self._failing is None:
            return
        seconds = time.monotonic() - self._since
        log.info(
            "Telegram reachable again (after %d failed polls in %.0f s)", self._failures, seconds
        )
        self._failing, self._failures = None, 0


class WatchedRequest(HTTPXRequest):
    """PTB's HTTP request for getUpdates that reports each outcome to a `LinkWatch`."""

    def __init__(self, watch: LinkWatch, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.watch = watch

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Send the request; an answer of any status means Telegram was reached."""
        try:
            answer = await super().do_request(*args, **kwargs)
        except NetworkError as error:
            self.watch.failed(error)
            raise
        self.watch.reached()
        return answer
