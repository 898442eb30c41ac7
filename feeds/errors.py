"""The one error type of feed I/O: a plain-language sentence naming the URL."""

from __future__ import annotations

from collections.abc import Mapping


class FeedError(Exception):
    """A feed or page could not be fetched or read; `str(err)` is `"<url>: <reason>"`.

    `headers` holds the (lowercased) response headers when the server answered with an
    error status, so the scheduler can honour `Retry-After`.
    """

    def __init__(self, url: str, reason: str, *, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.headers: Mapping[str, str] = headers or {}
