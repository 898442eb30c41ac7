"""Turn feed bytes (RSS, Atom or JSON Feed) into plain-text entries; feedparser never fetches.

Rule order: an empty body → FeedError → a body opening with "{", or served as JSON, goes to
`feeds.jsonfeed` → decode the bytes ourselves (`feeds.encoding`: charset labels, UTF-8
mislabelled as a legacy encoding, NFC) and hand feedparser UTF-8 saying so, so its answer
does not depend on whether chardet happens to be installed → drop entity declarations from
the prolog (a one-line "billion laughs" gets past feedparser's sanitiser and costs a second
of CPU before expat's limit stops it; see `feeds.xmlsafety`) → parse the bytes as a stream
(so feedparser neither fetches nor opens a file) with the feed URL as base → no entries and
a broken or unknown format → FeedError with a plain reason → date = published else updated
(UTC) → the rules shared with JSON Feed in `feeds.entries` (text, link, key, duplicates, the
`MAX_ENTRIES` newest). A broken ("bozo") feed that still yields entries is used, marked
`broken`.
"""

from __future__ import annotations

import codecs
import io
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import feedparser

from feeds.encoding import decode_feed_bytes
from feeds.entries import MAX_ENTRIES as MAX_ENTRIES
from feeds.entries import EntryFields, field_text, make_entry, safe_link, select_entries
from feeds.errors import FeedError
from feeds.jsonfeed import looks_like_json, parse_json_feed
from feeds.models import ParsedFeed

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_UTF8_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
_ENTITY_DECLARATION = re.compile(rb"""<!ENTITY(?:"[^"]*"|'[^']*'|[^>"'])*>""", re.IGNORECASE)
# The prolog, read token by token so that a "<a" inside a comment or a quoted entity value
# does not end it early. Each alternative starts differently, so a failed match backtracks
# one way only (linear, not exponential, time on hostile input).
_QUOTED = rb"\"[^\"]*\"|'[^']*'"
_COMMENT = rb"<!--(?:[^-]|-(?!->))*-->"
_PI = rb"<\?(?:[^?]|\?(?!>))*\?>"
_SUBSET = rb"\[(?:" + b"|".join((_QUOTED, _COMMENT, _PI, rb"[^\"'\]<]|<(?!!--|\?)")) + rb")*\]"
_DOCTYPE = rb"<!DOCTYPE(?:" + b"|".join((_QUOTED, _SUBSET, rb"[^\"'\[>]")) + rb")*>"
_PROLOG = re.compile(rb"(?:\s|" + b"|".join((_PI, _COMMENT, _DOCTYPE)) + rb")*", re.IGNORECASE)
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)


def parse_feed(data: bytes, *, url: str, headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Parse RSS, Atom or JSON Feed `data` fetched from `url`; raise FeedError if not a feed."""
    given = {name.lower(): value for name, value in (headers or {}).items()}
    content_type = given.get("content-type", "")
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise FeedError(url, "not a feed (empty response)")
    if looks_like_json(data, content_type):
        return parse_json_feed(data, url=url, content_type=content_type)
    parsed = _feedparser(data, url, given)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise FeedError(url, _not_a_feed(data, content_type))
    return ParsedFeed(
        title=_text_field(parsed.feed, "title") or None,
        link=safe_link(parsed.feed.get("link"), url),
        entries=select_entries(make_entry(_fields(raw), base=url) for raw in parsed.entries),
        ttl_minutes=_ttl(parsed.feed.get("ttl")),
        broken=bool(parsed.bozo),
    )


def _ttl(value: object) -> int | None:
    """Return RSS `<ttl>` (minutes) when it is a sane whole number, else None."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and 0 < int(text) <= 7 * 24 * 60 else None


def _feedparser(data: bytes, url: str, headers: Mapping[str, str]) -> Any:
    response_headers = dict(headers)
    # The base for relative links is the URL we fetched, whatever the server claims.
    response_headers["content-location"] = url
    # Without a Content-Type feedparser decodes as ISO-8859-1 (RFC 2616); XML's own default
    # is UTF-8. The text is UTF-8 now whatever was declared: say so in both places.
    mime = headers.get("content-type", "").partition(";")[0].strip() or "application/xml"
    response_headers["content-type"] = f"{mime}; charset=utf-8"
    text = decode_feed_bytes(data, headers.get("content-type", ""))
    document = _XML_DECLARATION.sub(_UTF8_DECLARATION, text, count=1).encode()
    stream = io.BytesIO(_without_entity_declarations(document))
    return feedparser.parse(stream, response_headers=response_headers)


def _without_entity_declarations(data: bytes) -> bytes:
    prolog_match = _PROLOG.match(data)
    end = prolog_match.end() if prolog_match else 0
    prolog = data[:end]
    if b"<!entity" not in prolog.lower():
        return data
    return _ENTITY_DECLARATION.sub(b"", prolog) + data[end:]


def _not_a_feed(data: bytes, content_type: str) -> str:
    head = data[:2048]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "not a feed (binary data)"
    if "html" in content_type.lower() or _HTML_START.search(head):
        return "not a feed (HTML page)"
    return "not a feed (could not read it as RSS, Atom or JSON Feed)"


def _fields(raw: Any) -> EntryFields:
    return EntryFields(
        guid=raw.get("id") or "",
        link=raw.get("link"),
        title=_text_field(raw, "title"),
        # dict.get reads the raw keys: feedparser's own fallback mapping warns on every use.
        published=_when(dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")),
        summary=_text_field(raw, "summary"),
        content=_content(raw),
        author=field_text(raw.get("author") or "", html=False) or None,
    )


def _text_field(obj: Any, name: str) -> str:
    value = obj.get(name) or ""
    kind = (obj.get(f"{name}_detail") or {}).get("type", "text/plain")
    return field_text(value, html=kind in _HTML_TYPES)


def _content(raw: Any) -> str:
    texts = [
        field_text(part.get("value") or "", html=part.get("type", "") in _HTML_TYPES)
        for part in raw.get("content", [])
    ]
    return max(texts, key=len, default="")


def _when(parsed: time.struct_time | None) -> datetime | None:
    if parsed is None:
        return None
    try:
        # feedparser normalises dates to UTC struct_time.
        return datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None
