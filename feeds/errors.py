"""The one error type of feed I/O: a plain-language sentence naming the URL, and its kinds."""

from __future__ import annotations

import re
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


# (kind, pattern) in the order tried; the first match names the failure, and its `detail`
# group (a number, a size, a duration) is the only part of the reason shown to members.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("timeout", r"^(?:timed out after|could not connect within) (?P<detail>[\d.]+ s)$"),
        ("connect", r"^could not connect"),
        ("dns", r"^could not resolve host"),
        ("private", r"^refused: address .* is private$"),
        ("bad_url", r"^refused:"),
        ("redirects", r"^too many redirects"),
        ("status", r"^the server answered (?P<detail>\d{3})$"),
        ("too_big", r"^larger than (?P<detail>.{1,20})$"),
        ("decode", r"^could not decode"),
        ("html_page", r"^not a feed \(HTML page\)$"),
        ("empty", r"^not a feed \(empty"),
        ("not_feed", r"^not a feed"),
    )
)


def reason_kind(reason: str) -> tuple[str, str]:
    """Name the kind of failure a FeedError reason describes, with its neutral detail.

    An unforeseen reason is kind `other` with the reason itself as its detail.
    """
    for kind, pattern in _KINDS:
        match = pattern.match(reason)
        if match is not None:
            return kind, match.groupdict().get("detail") or ""
    return "other", reason
