"""Feed autodiscovery: the feed URLs an HTML page announces in its <head>.

Rule order for `feed_links`: read at most `MAX_HTML_BYTES` of the page, decoded as UTF-8
(bad bytes replaced: URLs are ASCII in practice) → stop at </head> or <body> → keep each
<link> whose `rel` tokens include "alternate" (case-insensitive) and whose `type` (without
parameters, case-insensitive) is RSS, Atom or JSON Feed → resolve `href` against the page
URL, dropping the fragment → keep http(s) URLs only → drop repeats, keep page order.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

MAX_HTML_BYTES = 512_000
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json"})


class _HeadLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "body":
            self.done = True
            return
        if tag != "link":
            return
        given = {name.lower(): (value or "") for name, value in attrs}
        rels = given.get("rel", "").lower().split()
        kind = given.get("type", "").partition(";")[0].strip().lower()
        if "alternate" in rels and kind in FEED_TYPES and given.get("href", "").strip():
            self.hrefs.append(given["href"].strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.done = True


def feed_links(data: bytes, *, base_url: str) -> list[str]:
    """Return the feed URLs an HTML page links to as alternates, absolute, in page order."""
    parser = _HeadLinks()
    parser.feed(data[:MAX_HTML_BYTES].decode("utf-8", errors="replace"))
    found: list[str] = []
    for href in parser.hrefs:
        url = urldefrag(urljoin(base_url, href)).url
        if urlsplit(url).scheme.lower() in {"http", "https"} and url not in found:
            found.append(url)
    return found
