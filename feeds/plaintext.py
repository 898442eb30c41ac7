"""Reduce an HTML fragment (a feed title, summary or content) to plain text.

Rule order: decode entities → drop script/style/figcaption content → break lines at block
elements and <br> → collapse runs of whitespace inside each line → drop empty lines →
NFC-normalise, so Vietnamese text compares equal whatever form the feed used.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li"),
        *("main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"),
    }
)
# Captions ("Ảnh: …") are not part of the story; scripts and styles are not text at all.
_SKIPPED = frozenset({"script", "style", "figcaption", "template", "noscript"})
_SPACES = re.compile(r"\s+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Return the visible text of `fragment`, one block a line."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return tidy_lines("".join(collector.parts))


def tidy_lines(text: str) -> str:
    """Collapse whitespace inside lines, drop blank lines and NFC-normalise `text`."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return unicodedata.normalize("NFC", "\n".join(line for line in lines if line))
