"""Read and write OPML subscription lists, the import/export format of feed readers.

Rule order for `parse_opml`: empty or larger than `MAX_OPML_BYTES` → OpmlError → parse with
expat, refusing any DOCTYPE (so no entity is declared, expanded or fetched) → broken XML or
a root other than <opml> → OpmlError → every <outline> at any depth, attribute names
compared case-insensitively (readers write xmlUrl, xmlurl or XMLURL) → an outline is an
entry when it has an xmlUrl or a type of rss or atom (folders and website links are not) →
an entry is skipped, with its reason, when its type is not rss, atom or none ("not_feed"),
it has no xmlUrl ("no_url"), its URL is not http(s) ("not_web"), or repeats a canonical URL
("repeat"; the canonical URL is what is kept) → title = title, else text, else the URL →
more than `MAX_OPML_FEEDS` feeds → OpmlError. `read_opml` returns the feeds and the skipped
entries; `parse_opml` the feeds.

`export_opml`: OPML 2.0 in UTF-8, one type="rss" outline a feed, every value escaped
(newlines and tabs as character references, so they survive attribute normalisation) and
characters XML 1.0 cannot carry dropped.

Errors are OpmlError rather than FeedError: an uploaded file has no URL to name.
"""

from __future__ import annotations

import pyexpat
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from feeds.canonical import canonical_url

MAX_OPML_BYTES = 2_000_000
MAX_OPML_FEEDS = 1_000
_FEED_TYPES = frozenset({"rss", "atom", ""})
_NOT_XML_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ATTRIBUTE_ESCAPES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


class OpmlError(ValueError):
    """An OPML file could not be read; `str(err)` is a plain-language reason."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One subscription from an OPML file: the feed URL and its title."""

    url: str
    title: str


@dataclass(frozen=True, slots=True)
class OpmlSkip:
    """An entry of an OPML file that was not taken: what it names and why (a reason key)."""

    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class OpmlList:
    """What an OPML file lists: the feeds to add and the entries skipped."""

    feeds: list[OpmlFeed]
    skipped: list[OpmlSkip]


class _Outlines:
    """Expat handlers that collect feed outlines and refuse DTDs."""

    def __init__(self) -> None:
        self.feeds: list[OpmlFeed] = []
        self.skipped: list[OpmlSkip] = []
        self.root: str | None = None
        self._seen: set[str] = set()

    def doctype(self, name: str, *_: object) -> None:
        if name.lower() == "html":
            raise OpmlError("not an OPML file (HTML page)")
        raise OpmlError("not an OPML file (it declares a DOCTYPE, which is refused for safety)")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if self.root is None:
            self.root = name
        if name.lower() != "outline":
            return
        given = {key.lower(): value for key, value in attributes.items()}
        url, kind = given.get("xmlurl", "").strip(), given.get("type", "").strip().lower()
        if "xmlurl" not in given and kind not in {"rss", "atom"}:
            return  # a folder or a website link, not a feed entry
        title = _one_line(given.get("title", "")) or _one_line(given.get("text", ""))
        reason = self._skip_reason(url, kind)
        if reason is not None:
            self.skipped.append(OpmlSkip(name=url[:200] or title or "?", reason=reason))
            return
        if len(self.feeds) == MAX_OPML_FEEDS:
            raise OpmlError(f"the file lists more than {MAX_OPML_FEEDS} feeds")
        self.feeds.append(OpmlFeed(url=canonical_url(url), title=title or url))

    def _skip_reason(self, url: str, kind: str) -> str | None:
        if kind not in _FEED_TYPES:
            return "not_feed"
        if not url:
            return "no_url"
        if not _is_web_url(url):
            return "not_web"
        if (canonical := canonical_url(url)) in self._seen:
            return "repeat"
        self._seen.add(canonical)
        return None


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Return the feeds listed in OPML `data`, in file order; raise OpmlError if unreadable."""
    return read_opml(data).feeds


def read_opml(data: bytes) -> OpmlList:
    """Return the feeds and the skipped entries of OPML `data`; raise OpmlError if unreadable."""
    if not data.strip():
        raise OpmlError("the file is empty")
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"the file is larger than {MAX_OPML_BYTES // 1_000_000} MB")
    outlines = _Outlines()
    parser = pyexpat.ParserCreate()
    parser.StartDoctypeDeclHandler = outlines.doctype
    parser.StartElementHandler = outlines.start
    try:
        parser.Parse(data, True)
    except pyexpat.ExpatError as error:
        raise OpmlError(f"not an OPML file (broken XML on line {error.lineno})") from error
    if (outlines.root or "").lower() != "opml":
        raise OpmlError("not an OPML file")
    return OpmlList(feeds=outlines.feeds, skipped=outlines.skipped)


def export_opml(feeds: Sequence[OpmlFeed], *, title: str) -> bytes:
    """Return `feeds` as an OPML 2.0 document in UTF-8."""
    outlines = [
        f'    <outline type="rss" text={_attribute(feed.title or feed.url)}'
        f" title={_attribute(feed.title or feed.url)} xmlUrl={_attribute(feed.url)}/>"
        for feed in feeds
    ]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head>\n    <title>{escape(_xml_chars(title))}</title>\n  </head>",
        "  <body>",
        *outlines,
        "  </body>",
        "</opml>\n",
    ]
    return "\n".join(lines).encode()


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)


def _one_line(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _xml_chars(text: str) -> str:
    return _NOT_XML_CHARS.sub("", text)


def _attribute(value: str) -> str:
    return '"' + escape(_xml_chars(value), _ATTRIBUTE_ESCAPES) + '"'
