"""Refusals a test arranges before a chat-bound request reaches its method.

Rule order: an outage of the method (a status for every call of it for some seconds, e.g. 502
or a 429 storm) comes first, for any request; for chat-bound requests an injected failure
matching the chat (oldest first) wins; then a blocked chat answers 403; then the global
token-bucket rate limit answers 429 with `retry_after`; then, for a message sent into a chat
(`CHAT_LIMITED` methods), that chat's limit as Telegram enforces it answers 429: a private
chat about one message a second (a burst of 3), a group (negative id) 20 a minute.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from tests.fakes.botwire import ApiError

BLOCKED = "Forbidden: bot was blocked by the user"
CHAT_LIMITED = frozenset({"sendmessage", "senddocument"})
PRIVATE_RATE, PRIVATE_BURST = 1.0, 3.0  # per second; Telegram: "about one message a second"
GROUP_RATE, GROUP_BURST = 20 / 60, 20.0  # Telegram: "no more than 20 messages per minute"
_DESCRIPTIONS = {
    400: "Bad Request: injected failure",
    403: BLOCKED,
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclass
class _Failure:
    chat_id: int | None
    status: int
    retry_after: int
    times: int
    description: str | None

    def error(self) -> ApiError:
        if self.status == 429:
            text = self.description or f"Too Many Requests: retry after {self.retry_after}"
            return ApiError(429, text, {"retry_after": self.retry_after})
        return ApiError(self.status, self.description or _DESCRIPTIONS.get(self.status, "Error"))


@dataclass
class _Outage:
    method: str
    status: int
    until: float
    retry_after: int

    def error(self) -> ApiError:
        if self.status == 429:
            text = f"Too Many Requests: retry after {self.retry_after}"
            return ApiError(429, text, {"retry_after": self.retry_after})
        return ApiError(self.status, _DESCRIPTIONS.get(self.status, "Error"))


@dataclass
class _Bucket:
    """Bursts up to `burst` (default max(1, rate)) requests, refilled at `rate` per second."""

    rate: float
    tokens: float
    burst: float = 0.0
    stamp: float = field(default_factory=time.monotonic)

    def take(self) -> float:
        """Take a token and return 0, or return the seconds until one is available."""
        now = time.monotonic()
        cap = self.burst or max(1.0, self.rate)
        self.tokens = min(cap, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


class Gate:
    """Injected failures, blocked chats, a global rate limit and per-chat limits."""

    def __init__(self) -> None:
        self.max_per_second: float | None = None
        self.chat_limits = True
        self._chat_buckets: dict[int, _Bucket] = {}
        self.blocked: set[int] = set()
        self.migrated: dict[int, int] = {}
        self._failures: list[_Failure] = []
        self._outages: list[_Outage] = []
        self._bucket: _Bucket | None = None

    def fail_next(
        self,
        chat_id: int | None,
        *,
        status: int,
        retry_after: int,
        times: int,
        description: str | None,
    ) -> None:
        """Queue `times` refusals with `status` for `chat_id` (any chat when None)."""
        self._failures.append(_Failure(chat_id, status, retry_after, times, description))

    def outage(self, method: str, *, status: int, seconds: float, retry_after: int) -> None:
        """Answer every call of `method` with `status` for the next `seconds`."""
        until = time.monotonic() + seconds
        self._outages.append(_Outage(method.lower(), status, until, retry_after))

    def check_method(self, method: str) -> None:
        """Raise ApiError when `method` is in an outage now."""
        now = time.monotonic()
        self._outages = [o for o in self._outages if o.until > now]
        for outage in self._outages:
            if outage.method == method.lower():
                raise outage.error()

    def check(self, chat_id: int, method: str = "") -> None:
        """Raise ApiError when a `method` request to `chat_id` must be refused now."""
        for failure in self._failures:
            if failure.chat_id in (None, chat_id):
                failure.times -= 1
                if failure.times <= 0:
                    self._failures.remove(failure)
                raise failure.error()
        if chat_id in self.blocked:
            raise ApiError(403, BLOCKED)
        if chat_id in self.migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self.migrated[chat_id]},
            )
        self._check_rate()
        if self.chat_limits and method.lower() in CHAT_LIMITED:
            _refuse_after(self._chat_bucket(chat_id).take())

    def _check_rate(self) -> None:
        rate = self.max_per_second
        if not rate:
            return
        if self._bucket is None or self._bucket.rate != rate:
            self._bucket = _Bucket(rate, tokens=max(1.0, rate))
        _refuse_after(self._bucket.take())

    def _chat_bucket(self, chat_id: int) -> _Bucket:
        bucket = self._chat_buckets.get(chat_id)
        if bucket is None:
            rate, burst = (
                (GROUP_RATE, GROUP_BURST) if chat_id < 0 else (PRIVATE_RATE, PRIVATE_BURST)
            )
            bucket = self._chat_buckets[chat_id] = _Bucket(rate, tokens=burst, burst=burst)
        return bucket


def _refuse_after(wait: float) -> None:
    """Answer 429 with Telegram's whole-second `retry_after` when a bucket had no token."""
    if wait:
        retry = max(1, math.ceil(wait))
        raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})
