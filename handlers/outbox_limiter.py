"""PTB's rate limiter, telling the outbox the moment a send is about to leave the process.

Rule order for one request made inside `leaving_with(hook)`:
1. `AIORateLimiter` admits it (29/s overall, 20/min per group, after any 429 pause).
2. `hook.leaving()` runs: the outbox marks its row `sending`. If that raises (the database
   is down), the request never leaves and the error reaches the sender.
3. The request goes out. A 429 answer proves Telegram refused it: `hook.refused()` runs (the
   row goes back to `pending`) before the limiter waits and tries again from step 1.
Requests made outside `leaving_with` (command replies, getUpdates) pass unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

Result = bool | dict[str, Any] | list[dict[str, Any]]


class LeaveHook(Protocol):
    """What the outbox does around one request of its own."""

    async def leaving(self) -> None:
        """Run when the limiter has admitted the request, just before it leaves."""

    async def refused(self) -> None:
        """Run when Telegram answered 429: the request did not take effect."""


_HOOK: ContextVar[LeaveHook | None] = ContextVar("outbox_leave_hook", default=None)


@contextmanager
def leaving_with(hook: LeaveHook) -> Iterator[None]:
    """Make requests of the current task call `hook` when they leave."""
    token = _HOOK.set(hook)
    try:
        yield
    finally:
        _HOOK.reset(token)


class OutboxRateLimiter(AIORateLimiter):
    """`AIORateLimiter` that calls the current task's leave hook after admitting a request."""

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
        if hook is None:
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )

        async def hooked(*call_args: Any, **call_kwargs: Any) -> Result:
            await hook.leaving()
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter:
                await hook.refused()
                raise

        return await super().process_request(hooked, args, kwargs, endpoint, data, rate_limit_args)


def leaves_through_hook(limiter: object) -> bool:
    """Tell whether `limiter`, or the pacing limiter it wraps, calls the leave hook."""
    return isinstance(getattr(limiter, "pacing", limiter), OutboxRateLimiter)
