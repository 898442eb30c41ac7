"""Turn one item's fields, as RSS, Atom or JSON Feed gives them, into FeedEntry values.

Rule order: repair doubly decoded UTF-8, then reduce HTML to text (plain text may hold a
literal "<") → resolve the link against the feed URL (http/https only) → key = guid/id, else
the canonical URL of the link, else title + date, else a hash of the text → drop entries
with nothing to show, then repeated keys (the first wins) → keep the `MAX_ENTRIES` newest,
in feed order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from feeds.canonical import canonical_url
from feeds.encoding import repair_mojibake
from feeds.models import FeedEntry
from feeds.plaintext import html_to_text, tidy_lines

MAX_ENTRIES = 200


@dataclass(frozen=True, slots=True)
class EntryFields:
    """One item's fields: texts already plain, the link still as the feed wrote it."""

    guid: str
    link: str | None
    title: str
    published: datetime | None
    summary: str
    content: str
    author: str | None


def field_text(value: str, *, html: bool) -> str:
    """Return a feed field as tidy NFC plain text, markup removed when it is `html`."""
    repaired = repair_mojibake(value)
    return html_to_text(repaired) if html else tidy_lines(repaired)


def safe_link(link: str | None, base: str) -> str | None:
    """Return `link` made absolute against `base`, or None unless it is http(s)."""
    if not link:
        return None
    absolute = urljoin(base, link.strip())
    return absolute if urlsplit(absolute).scheme in {"http", "https"} else None


def make_entry(fields: EntryFields, *, base: str) -> FeedEntry | None:
    """Return the entry for `fields`, or None when it has nothing to show."""
    link = safe_link(fields.link, base)
    if not (fields.title or link or fields.summary or fields.content):
        return None
    return FeedEntry(
        key=_key(fields, link),
        url=link,
        title=fields.title,
        published=fields.published,
        summary=fields.summary,
        content=fields.content,
        author=fields.author or None,
    )


def select_entries(candidates: Iterable[FeedEntry | None]) -> tuple[FeedEntry, ...]:
    """Drop missing entries and repeated keys, then keep the `MAX_ENTRIES` newest."""
    seen: set[str] = set()
    kept: list[FeedEntry] = []
    for entry in candidates:
        if entry is not None and entry.key not in seen:
            seen.add(entry.key)
            kept.append(entry)
    return _newest(kept, MAX_ENTRIES)


def _key(fields: EntryFields, link: str | None) -> str:
    guid = fields.guid.strip()
    if guid:
        return guid
    if link:
        return canonical_url(link)
    if fields.title:
        return f"{fields.title}|{fields.published.isoformat() if fields.published else ''}"
    body = fields.summary + fields.content
    return "sha1:" + hashlib.sha1(body.encode(), usedforsecurity=False).hexdigest()


def _newest(entries: list[FeedEntry], limit: int) -> tuple[FeedEntry, ...]:
    if len(entries) <= limit:
        return tuple(entries)
    # Undated entries rank after dated ones; among equals the feed's order decides.
    floor = datetime.min.replace(tzinfo=UTC)
    ranked = sorted(
        range(len(entries)), key=lambda i: (-(entries[i].published or floor).timestamp(), i)
    )
    keep = set(ranked[:limit])
    return tuple(entry for i, entry in enumerate(entries) if i in keep)
