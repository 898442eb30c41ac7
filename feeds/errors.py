"""The one error type of feed I/O: a plain-language sentence naming the URL."""

from __future__ import annotations


class FeedError(Exception):
    """A feed or page could not be fetched or read; `str(err)` is `"<url>: <reason>"`."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
