"""Read JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) into the feed models.

Rule order: decode with `feeds.encoding` (JSON Feed is UTF-8, but servers mislabel it) →
invalid JSON, or JSON that is not an object with a jsonfeed.org `version` → FeedError →
for each item that is an object: key = id (a number becomes text, as the spec asks) → link
= url, else external_url → content = content_html reduced to text, else content_text →
title and summary are plain text → date = date_published, else date_modified (RFC 3339; no
zone means UTC) → author = the item's authors (1.1) or author (1.0), else the feed's →
the rules shared with RSS and Atom in `feeds.entries`. Fields of the wrong type are ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from feeds.encoding import decode_feed_bytes
from feeds.entries import EntryFields, field_text, make_entry, safe_link, select_entries
from feeds.errors import FeedError
from feeds.models import ParsedFeed

JSON_TYPES = frozenset({"application/feed+json", "application/json", "text/json"})
_VERSIONS = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")
_OPENS_OBJECT = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*\{")
_OPENS_MARKUP = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<")


def looks_like_json(data: bytes, content_type: str = "") -> bool:
    """Return whether `data` should be read as JSON: it opens with "{", or is served as JSON."""
    if _OPENS_OBJECT.match(data):
        return True
    # Servers label XML feeds as JSON and the reverse: a body opening with "<" is markup.
    mime = content_type.partition(";")[0].strip().lower()
    return mime in JSON_TYPES and not _OPENS_MARKUP.match(data)


def parse_json_feed(data: bytes, *, url: str, content_type: str = "") -> ParsedFeed:
    """Parse JSON Feed `data` fetched from `url`; raise FeedError when it is not one."""
    document = _load(data, url, content_type)
    feed_author = _authors(document)
    items = document.get("items")
    candidates = (
        make_entry(_fields(item, feed_author), base=url)
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict)
    )
    return ParsedFeed(
        title=field_text(_str(document, "title"), html=False) or None,
        link=safe_link(_str(document, "home_page_url"), url),
        entries=select_entries(candidates),
    )


def _load(data: bytes, url: str, content_type: str) -> Mapping[str, Any]:
    try:
        document = json.loads(decode_feed_bytes(data, content_type))
    except (ValueError, RecursionError) as error:
        # RecursionError: a few thousand nested brackets exhaust the decoder's stack.
        raise FeedError(url, "not a feed (invalid JSON)") from error
    if not isinstance(document, dict) or not _str(document, "version").startswith(_VERSIONS):
        raise FeedError(url, "not a feed (JSON, but not a JSON Feed)")
    return document


def _fields(item: Mapping[str, Any], feed_author: str | None) -> EntryFields:
    html = _str(item, "content_html")
    content = field_text(html, html=True) if html else ""
    return EntryFields(
        guid=_id(item.get("id")),
        link=_str(item, "url") or _str(item, "external_url") or None,
        title=field_text(_str(item, "title"), html=False),
        published=_date(_str(item, "date_published")) or _date(_str(item, "date_modified")),
        summary=field_text(_str(item, "summary"), html=False),
        content=content or field_text(_str(item, "content_text"), html=False),
        author=_authors(item) or feed_author,
    )


def _str(obj: Mapping[str, Any], name: str) -> str:
    value = obj.get(name)
    return value if isinstance(value, str) else ""


def _id(value: object) -> str:
    if isinstance(value, str):
        return value
    # bool is an int subclass, but `true` is no identifier.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _date(text: str) -> datetime | None:
    if not text:
        return None
    try:
        # RFC 3339 allows a lowercase "t" and "z"; fromisoformat wants them uppercase.
        moment = datetime.fromisoformat(text.strip().upper())
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    except (ValueError, OverflowError):
        return None


def _authors(obj: Mapping[str, Any]) -> str | None:
    listed = obj.get("authors")
    people = listed if isinstance(listed, list) else [obj.get("author")]
    names = (
        field_text(_str(person, "name"), html=False)
        for person in people
        if isinstance(person, dict)
    )
    return ", ".join(name for name in names if name) or None
