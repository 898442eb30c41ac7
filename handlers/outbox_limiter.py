"""PTB's rate limiter, telling the outbox the moment a send is about to leave the process.

Pacing (every request aimed at a chat): a message into a private chat waits for that chat's
own limit (a burst of 2, then one a second: Telegram allows about one, replies included),
then `AIORateLimiter`'s per-group limit (20/min), then `Pacer`: one request every 1/28 s
overall (bot.app), each measured from the previous admission, with no burst after a quiet
spell or an outage (AIORateLimiter's leaky bucket would let 29 go at once, then 29 more
within the same second), and a 429 pauses every later request until its `retry_after` has
passed, however long it had been waiting already.

Rule order for one request made inside `leaving_with(hook)`:
1. The limiter admits it (as above).
2. `hook.leaving()` runs: the outbox marks its row `sending`. If that raises (the database
   is down), the request never leaves and the error reaches the sender.
3. The request goes out. A 429 answer proves Telegram refused it: `hook.refused()` runs (the
   row goes back to `pending`) before the limiter waits and tries again from step 1.
Requests made outside `leaving_with` (command replies, getUpdates) are paced without a hook.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from types import TracebackType
from typing import Any, Protocol

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

Result = bool | dict[str, Any] | list[dict[str, Any]]


class LeaveHook(Protocol):
    """What the outbox does around one request of its own."""

    async def leaving(self) -> None:
        """Run when the limiter has admitted the request, just before it leaves."""

    async def refused(self) -> None:
        """Run when Telegram answered 429: the request did not take effect."""


CHAT_MESSAGES = frozenset({"sendMessage", "sendDocument", "sendPhoto", "forwardMessage"})
PRIVATE_BURST, PRIVATE_PERIOD = 2, 2.0  # a leaky bucket of 2 draining one a second
_KEEP_LIMITERS = 512  # beyond this many private chats, forget those whose bucket is empty

_HOOK: ContextVar[LeaveHook | None] = ContextVar("outbox_leave_hook", default=None)


@contextmanager
def leaving_with(hook: LeaveHook) -> Iterator[None]:
    """Make requests of the current task call `hook` when they leave."""
    token = _HOOK.set(hook)
    try:
        yield
    finally:
        _HOOK.reset(token)


class Pacer:
    """Admit one request at a time, `1 / rate` s after the previous one, none while paused."""

    def __init__(self, rate: float) -> None:
        self._interval, self._last, self._resume = 1 / rate, float("-inf"), 0.0
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Hold every request not yet admitted for `seconds` from now (Telegram's 429)."""
        self._resume = max(self._resume, time.monotonic() + seconds)

    async def __aenter__(self) -> None:
        async with self._lock:  # FIFO: the waiting requests leave in turn, never together
            # A loop, not one sleep: a 429 seen meanwhile moves `_resume` later.
            while True:
                wait = max(self._last + self._interval, self._resume) - time.monotonic()
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            self._last = time.monotonic()

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None


def _retry_after(error: BaseException) -> float | None:
    """Return the seconds a 429 asks for, also when a wrapper carries it as its cause."""
    for candidate in (error, error.__cause__):
        if isinstance(candidate, RetryAfter):
            value = candidate.retry_after
            return value.total_seconds() if isinstance(value, timedelta) else float(value)
    return None


class OutboxRateLimiter(AIORateLimiter):
    """`AIORateLimiter` paced by `Pacer`, calling the current task's leave hook on admission."""

    def __init__(self, *, overall_max_rate: float, max_retries: int) -> None:
        super().__init__(overall_max_rate=overall_max_rate, max_retries=max_retries)
        self.pacer = Pacer(overall_max_rate)
        # AIORateLimiter's overall limit is a leaky bucket that bursts: replaced by the pacer.
        self._base_limiter = self.pacer  # type: ignore[assignment]
        self._private: dict[int, AsyncLimiter] = {}

    def _private_limiter(self, chat_id: int) -> AsyncLimiter:
        if len(self._private) > _KEEP_LIMITERS:
            idle = [c for c, lim in self._private.items() if lim.has_capacity(PRIVATE_BURST)]
            for chat in idle:
                del self._private[chat]
        return self._private.setdefault(chat_id, AsyncLimiter(PRIVATE_BURST, PRIVATE_PERIOD))

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Rate-limit the request; call the leave hook (if any) right before it leaves."""
        hook = _HOOK.get()

        async def paced(*call_args: Any, **call_kwargs: Any) -> Result:
            if hook is not None:
                await hook.leaving()
            try:
                return await callback(*call_args, **call_kwargs)
            except Exception as error:
                seconds = _retry_after(error)
                if seconds is not None:
                    self.pacer.pause(seconds + 0.1)
                    if hook is not None:
                        await hook.refused()
                raise

        chat_id = data.get("chat_id")
        if endpoint in CHAT_MESSAGES and isinstance(chat_id, int) and chat_id > 0:
            async with self._private_limiter(chat_id):
                return await super().process_request(
                    paced, args, kwargs, endpoint, data, rate_limit_args
                )
        return await super().process_request(paced, args, kwargs, endpoint, data, rate_limit_args)


def leaves_through_hook(limiter: object) -> bool:
    """Tell whether `limiter`, or the pacing limiter it wraps, calls the leave hook."""
    return isinstance(getattr(limiter, "pacing", limiter), OutboxRateLimiter)
