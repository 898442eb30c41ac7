"""When to check a feed next: server hints, spreading, backoff and disabling (pure rules).

Rule order after a successful check (200 or 304):
1. The server's hint, in seconds: `Cache-Control: max-age` (ignored with `no-cache` or
   `no-store`), else `Expires` minus the response's `Date` (or now), else the feed's RSS
   `<ttl>` minutes. A hint never makes us poll more often than the configured interval, and
   counts for at most `MAX_HINT` (a news feed must not fall silent for a day).
2. The wait is the interval, or the hint when longer.
3. The time is moved forward to the feed's own slot in the interval: a phase fixed by a hash
   of its URL, so a thousand feeds are spread over the interval instead of fired at once,
   and stay spread: the check falls within half an interval either side of now + wait, so
   a feed is never polled twice within half an interval.

Rule order after a failure (the `failures`-th in a row):
1. The wait doubles with each failure: interval × 2^(failures − 1), capped at `MAX_BACKOFF`.
2. `Retry-After` (seconds or an HTTP date), when longer, wins, capped at `MAX_BACKOFF` too.
3. ±`JITTER` of the wait is added at random, so feeds that failed together (one host down)
   do not come back together.
4. At `max_failures` failures in a row the feed is disabled (`should_disable`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

MAX_HINT = timedelta(hours=6)
MAX_BACKOFF = timedelta(hours=24)
JITTER = 0.1

_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", re.IGNORECASE)
_NO_CACHE = re.compile(r"(?:^|[,\s])no-(?:cache|store)\b", re.IGNORECASE)


def server_hint(
    headers: Mapping[str, str], *, now: datetime, ttl_minutes: int | None = None
) -> timedelta | None:
    """Return how long the server asks us to wait before the next check, if it says."""
    cache_control = headers.get("cache-control", "")
    if cache_control and not _NO_CACHE.search(cache_control):
        found = _MAX_AGE.search(cache_control)
        if found:
            return timedelta(seconds=int(found.group(1)))
    expires = _http_date(headers.get("expires"))
    if expires is not None:
        served = _http_date(headers.get("date")) or now
        return max(expires - served, timedelta(0))
    if ttl_minutes is not None and ttl_minutes > 0:
        return timedelta(minutes=ttl_minutes)
    return None


def retry_after(headers: Mapping[str, str], *, now: datetime) -> timedelta | None:
    """Return the wait a `Retry-After` header asks for (seconds or an HTTP date)."""
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return timedelta(seconds=int(value))
    when = _http_date(value)
    return None if when is None else max(when - now, timedelta(0))


def next_after_success(
    url: str, *, now: datetime, interval: timedelta, hint: timedelta | None = None
) -> datetime:
    """Return the next check time of a feed that just answered."""
    wait = interval if hint is None else max(interval, min(hint, MAX_HINT))
    return in_slot(url, earliest=now + wait - interval / 2, interval=interval)


def in_slot(url: str, *, earliest: datetime, interval: timedelta) -> datetime:
    """Return the first time at or after `earliest` that falls in `url`'s slot."""
    period = interval.total_seconds()
    if period <= 0:
        return earliest
    phase = _phase(url) * period
    offset = (phase - earliest.timestamp()) % period
    return earliest + timedelta(seconds=offset)


def next_after_failure(
    *,
    now: datetime,
    failures: int,
    interval: timedelta,
    retry: timedelta | None = None,
    uniform: Callable[[float, float], float],
) -> datetime:
    """Return the next check time after the `failures`-th failure in a row."""
    doubling: timedelta = interval * 2 ** min(max(failures, 1) - 1, 16)
    wait = min(doubling, MAX_BACKOFF)
    if retry is not None:
        wait = min(max(wait, retry), MAX_BACKOFF)
    spread = wait.total_seconds() * JITTER
    return now + wait + timedelta(seconds=uniform(-spread, spread))


def should_disable(failures: int, *, max_failures: int) -> bool:
    """Tell whether a feed failing `failures` times in a row must be disabled."""
    return max_failures > 0 and failures >= max_failures


def _phase(url: str) -> float:
    """Return a stable number in [0, 1) for `url` (not Python's salted `hash`)."""
    digest = hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    # A date without a zone is GMT by HTTP's rules.
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
