"""Frozen values passed between the feed I/O steps: fetch → parse → extract → draft."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item with every text field already reduced to plain text."""

    key: str
    url: str | None
    title: str
    published: datetime | None
    summary: str
    content: str
    author: str | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's title, home link and entries (in feed order, capped)."""

    title: str | None
    link: str | None
    entries: tuple[FeedEntry, ...]


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
