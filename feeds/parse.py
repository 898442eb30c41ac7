"""Turn feed bytes into plain-text entries with feedparser (which never fetches here).

Rule order: default the Content-Type to XML (see `parse_feed`) → drop entity
declarations from the prolog (a one-line "billion laughs" gets past feedparser's
sanitiser and costs seconds of CPU before expat stops it) → parse the bytes as a stream
(so feedparser neither fetches nor opens a file) with the feed URL as base → no entries
and a broken or unknown format → FeedError → for each entry: reduce HTML to text, resolve
the link against the feed URL (http/https only), date = published else updated (UTC),
key = id else link else title + date → drop entries with nothing to show and repeated
keys → keep the `MAX_ENTRIES` newest, in feed order. A broken ("bozo") feed that still
yields entries is used.
"""

from __future__ import annotations

import hashlib
import io
import re
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from feeds.errors import FeedError
from feeds.models import FeedEntry, ParsedFeed
from feeds.plaintext import html_to_text, tidy_lines

MAX_ENTRIES = 200
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_ENTITY_DECLARATION = re.compile(rb"""<!ENTITY(?:"[^"]*"|'[^']*'|[^>"'])*>""", re.IGNORECASE)


def parse_feed(data: bytes, *, url: str, headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Parse RSS/Atom `data` fetched from `url`; raise FeedError when it is not a feed."""
    given = {name.lower(): value for name, value in (headers or {}).items()}
    response_headers = dict(given)
    # The base for relative links is the URL we fetched, whatever the server claims.
    response_headers["content-location"] = url
    # Given headers without a Content-Type, feedparser decodes an undeclared document as
    # ISO-8859-1 (RFC 2616), which garbles UTF-8 Vietnamese; XML's own default is UTF-8.
    response_headers.setdefault("content-type", "application/xml")
    stream = io.BytesIO(_without_entity_declarations(data))
    parsed = feedparser.parse(stream, response_headers=response_headers)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise FeedError(url, _not_a_feed(data, given))
    entries = _unique(e for e in (_entry(raw, url) for raw in parsed.entries) if e is not None)
    feed = parsed.feed
    return ParsedFeed(
        title=_text_field(feed, "title") or None,
        link=_safe_link(feed.get("link"), url),
        entries=_newest(entries, MAX_ENTRIES),
    )


def _without_entity_declarations(data: bytes) -> bytes:
    match = _FIRST_ELEMENT.search(data)
    end = match.start() if match else len(data)
    prolog = data[:end]
    if b"<!entity" not in prolog.lower():
        return data
    return _ENTITY_DECLARATION.sub(b"", prolog) + data[end:]


def _not_a_feed(data: bytes, headers: Mapping[str, str]) -> str:
    head = data[:2048].lstrip().lower()
    content_type = headers.get("content-type", "").lower()
    if "html" in content_type or head.startswith((b"<!doctype html", b"<html")):
        return "not a feed (HTML page)"
    return "not a feed (could not read it as RSS or Atom)"


def _entry(raw: Any, feed_url: str) -> FeedEntry | None:
    title = _text_field(raw, "title")
    link = _safe_link(raw.get("link"), feed_url)
    # dict.get reads the raw keys: feedparser's own fallback mapping warns on every use.
    published = _when(dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed"))
    summary = _text_field(raw, "summary")
    content = _content(raw)
    if not (title or link or summary or content):
        return None
    author = tidy_lines(raw.get("author") or "") or None
    return FeedEntry(
        key=_key(raw, link, title, published, summary + content),
        url=link,
        title=title,
        published=published,
        summary=summary,
        content=content,
        author=author,
    )


def _key(raw: Any, link: str | None, title: str, published: datetime | None, body: str) -> str:
    guid = (raw.get("id") or "").strip()
    if guid:
        return guid
    if link:
        return link
    if title:
        return f"{title}|{published.isoformat() if published else ''}"
    return "sha1:" + hashlib.sha1(body.encode("utf-8")).hexdigest()


def _text_field(obj: Any, name: str) -> str:
    value = obj.get(name) or ""
    kind = (obj.get(f"{name}_detail") or {}).get("type", "text/plain")
    return _to_text(value, kind)


def _to_text(value: str, kind: str) -> str:
    # Plain text may contain a literal "<" ("3 < 5"): only markup is parsed as HTML.
    return html_to_text(value) if kind in _HTML_TYPES else tidy_lines(value)


def _content(raw: Any) -> str:
    texts = [
        _to_text(part.get("value") or "", part.get("type", "")) for part in raw.get("content", [])
    ]
    return max(texts, key=len, default="")


def _safe_link(link: str | None, feed_url: str) -> str | None:
    if not link:
        return None
    absolute = urljoin(feed_url, link.strip())
    return absolute if urlsplit(absolute).scheme in {"http", "https"} else None


def _when(parsed: time.struct_time | None) -> datetime | None:
    if parsed is None:
        return None
    try:
        # feedparser normalises dates to UTC struct_time.
        return datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _unique(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    seen: set[str] = set()
    kept: list[FeedEntry] = []
    for entry in entries:
        if entry.key not in seen:
            seen.add(entry.key)
            kept.append(entry)
    return kept


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
