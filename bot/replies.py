"""Replies to members survive Telegram's short failures: retried with patience, never doubled.

Every request goes through PTB's AIORateLimiter (the bot-wide 30 messages/s and 20/min per
group). A request made while an update is handled (`REPLYING`, set by `bot.chat_order`) is a
reply; when Telegram does not take it, `digest.retry` decides: a 429 waits its `retry_after`,
a 5xx answer or an unreachable Telegram backs off, for up to two minutes in all; a request
that may have reached Telegram (a late answer) is never resent. Other requests (the outbox,
start-up) keep the limiter's plain behaviour: their callers retry on their own terms.

The limiter's own handling of a 429 (three retries, then a logged traceback) is kept away
from replies: the 429 is carried past it and waited out here, in the reply's own task, so
other updates go on. A reply given up on raises `ReplyNotSent`, which the error handler
logs in one line.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import AIORateLimiter, BaseRateLimiter

from digest.retry import Failure, Patience, retry_wait
from handlers.failures import describe

PATIENCE = Patience()  # two minutes in all, waits from 0.5 s doubling up to 10 s
REPLYING: ContextVar[bool] = ContextVar("newsbot_replying", default=False)
_STOP_CHECK = 0.25  # how often a waiting reply looks whether the bot is stopping (s)
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)

Result = bool | dict[str, Any] | list[dict[str, Any]]
Callback = Callable[..., Coroutine[Any, Any, Result]]


class ReplyNotSent(NetworkError):
    """A reply given up on: Telegram did not take it within the patience, or the bot stopped."""


class _Throttled(Exception):
    """A 429 carried past the pacing limiter, which would otherwise retry it by itself."""

    def __init__(self, error: RetryAfter) -> None:
        super().__init__(str(error))
        self.error = error


def classify(error: TelegramError) -> Failure | None:
    """Say what a failed request tells; None when retrying cannot help (e.g. BadRequest)."""
    if isinstance(error, RetryAfter):
        return Failure.THROTTLED
    if isinstance(error, BadRequest) or not isinstance(error, NetworkError):
        return None
    cause = error.__cause__
    if cause is None and not isinstance(error, TimedOut):
        return Failure.UNAVAILABLE  # Telegram answered with an error status: not taken
    return Failure.UNAVAILABLE if isinstance(cause, _NOT_SENT) else Failure.IN_DOUBT


def _seconds(value: int | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _unthrottled(callback: Callback) -> Callback:
    async def call(*args: Any, **kwargs: Any) -> Result:
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as error:
            raise _Throttled(error) from error

    return call


class PatientRateLimiter(BaseRateLimiter[int]):
    """AIORateLimiter's pacing for every request, and patience for replies to members."""

    def __init__(self, pacing: AIORateLimiter, *, patience: Patience = PATIENCE) -> None:
        self._pacing, self._patience = pacing, patience
        # Replaced by the composition root: while the bot stops, a reply stops waiting.
        self.keep_trying: Callable[[], bool] = lambda: True

    @property
    def pacing(self) -> AIORateLimiter:
        """Return the limiter that paces every request."""
        return self._pacing

    async def initialize(self) -> None:
        """Initialize the pacing limiter."""
        await self._pacing.initialize()

    async def shutdown(self) -> None:
        """Shut the pacing limiter down."""
        await self._pacing.shutdown()

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Pace the request; a reply is also retried while Telegram certainly did not take it."""
        if not REPLYING.get():
            return await self._pacing.process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        wrapped = _unthrottled(callback)
        started = time.monotonic()
        for attempt in itertools.count(1):
            try:
                return await self._pacing.process_request(
                    wrapped, args, kwargs, endpoint, data, rate_limit_args
                )
            except _Throttled as throttled:
                error: TelegramError = throttled.error
            except NetworkError as failed:
                error = failed
            await self._wait_or_raise(error, attempt, started)
        raise AssertionError("unreachable")  # itertools.count never ends

    async def _wait_or_raise(self, error: TelegramError, attempt: int, started: float) -> None:
        failure = classify(error)
        if failure is None or failure is Failure.IN_DOUBT:
            raise error
        elapsed = time.monotonic() - started
        retry_after = _seconds(error.retry_after) if isinstance(error, RetryAfter) else 0.0
        wait = retry_wait(
            failure,
            attempt=attempt,
            elapsed=elapsed,
            retry_after=retry_after,
            spread=random.uniform(0.5, 1.0),  # jitter, not a secret
            patience=self._patience,
        )
        if wait is None:
            raise ReplyNotSent(
                f"gave up after {attempt} attempts in {elapsed:.0f} s: {describe(error)}"
            ) from error
        deadline = time.monotonic() + wait
        while (left := deadline - time.monotonic()) > 0:
            if not self.keep_trying():
                raise ReplyNotSent(f"not sent, the bot is stopping: {describe(error)}") from error
            await asyncio.sleep(min(left, _STOP_CHECK))
