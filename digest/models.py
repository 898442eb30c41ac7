"""Frozen domain objects shared by every layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time


@dataclass(frozen=True, slots=True)
class Quote:
    """A verbatim quoted span and who said it (None when nobody is named)."""

    text: str
    speaker: str | None


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as written (`value`), what it counts (`label`) and its source sentence."""

    value: str
    label: str
    sentence: str


@dataclass(frozen=True, slots=True)
class Card:
    """The digest card of one article."""

    headline: str
    summary: str
    quote: Quote | None
    figures: tuple[Figure, ...]
    lang: str


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed we poll, with its HTTP cache validators."""

    id: int
    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error_count: int = 0
    last_error: str | None = None
    last_success_at: datetime | None = None
    next_check_at: datetime | None = None
    disabled_at: datetime | None = None
    added_by: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article with its card."""

    id: int
    feed_id: int
    entry_key: str
    url: str | None
    card: Card
    published: datetime | None
    fetched_at: datetime
    feed_url: str | None = None
    feed_title: str | None = None


@dataclass(frozen=True, slots=True)
class Chat:
    """A Telegram chat that talks to the bot, with its digest schedule."""

    id: int
    timezone: str
    digest_time: time
    language: str
    last_digest_at: datetime | None = None
    active: bool = True
    created_at: datetime | None = None
    frequency: str = "daily"
    paused: bool = False
    next_digest_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Subscription:
    """A keyword query a chat follows."""

    id: int
    chat_id: int
    query: str
    created_at: datetime | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """A message waiting in the outbox to be sent to a chat, in `seq` order."""

    id: int
    chat_id: int
    delivery_id: int
    seq: int
    text: str
    parse_mode: str | None
    attempts: int = 0
