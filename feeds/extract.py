"""Pull an article's main text and lead out of its HTML page with trafilatura (no network).

Rule order: decode and parse the page → lead = og:description, else twitter:description,
else meta description (trafilatura drops the sapo of most Vietnamese pages) → title =
og:title, else <title> → main text with trafilatura, favouring precision, without
comments, tables or figure captions → one paragraph a line → no text means None.
"""

from __future__ import annotations

from typing import Any

import trafilatura
from trafilatura.utils import load_html

from feeds.models import ExtractedPage
from feeds.plaintext import tidy_lines

_LEAD_XPATHS = (
    '//meta[@property="og:description"]/@content',
    '//meta[@name="twitter:description"]/@content',
    '//meta[@name="description"]/@content',
)
_TITLE_XPATHS = ('//meta[@property="og:title"]/@content', "//title/text()")


def extract_page(html: bytes, *, url: str) -> ExtractedPage | None:
    """Return the page's title, main text and lead, or None when it has no main text."""
    tree = load_html(html)
    if tree is None:
        return None
    lead = _first(tree, _LEAD_XPATHS)
    title = _first(tree, _TITLE_XPATHS)
    text = trafilatura.extract(
        tree,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        output_format="txt",
        # Captions ("… Ảnh: Name") are not story text.
        prune_xpath="//figcaption",
    )
    body = tidy_lines(text or "")
    if not body:
        return None
    return ExtractedPage(title=title, text=body, lead=lead)


def _first(tree: Any, xpaths: tuple[str, ...]) -> str | None:
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            text = tidy_lines(str(value)).replace("\n", " ")
            if text:
                return text
    return None
