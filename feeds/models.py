"""Frozen values passed between the feed I/O steps: fetch → parse → extract → draft."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from digest.models import Card


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One HTTP answer: final URL after redirects, body (empty when not modified)."""

    url: str
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    headers: dict[str, str]
    not_modified: bool
    # The final URL when every redirect on the way was permanent (301/308): the feed moved.
    permanent_url: str | None = None


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item with every text field already reduced to plain text.

    `digest` fingerprints the title, summary and content, so a stored entry whose text
    changed under the same key can be told apart; it is computed, never passed in.
    """

    key: str
    url: str | None
    title: str
    published: datetime | None
    summary: str
    content: str
    author: str | None
    digest: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # A unit separator keeps ("ab", "c") and ("a", "bc") apart.
        text = "\x1f".join((self.title, self.summary, self.content))
        # Frozen: the computed field is set the way dataclasses set fields themselves.
        object.__setattr__(
            self, "digest", hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
        )


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's title, home link, entries (in feed order, capped) and RSS `<ttl>` minutes."""

    title: str | None
    link: str | None
    entries: tuple[FeedEntry, ...]
    ttl_minutes: int | None = None
    # The XML was broken (feedparser's "bozo") and only what could be read was kept.
    broken: bool = False


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """The main text of an article page, one paragraph a line, and its meta description."""

    title: str | None
    text: str
    lead: str | None


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An entry with the text and lead we summarised and its card, ready to be stored."""

    entry: FeedEntry
    text: str
    card: Card
    lead: str | None = None
