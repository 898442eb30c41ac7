"""Telegram HTML for cards and digests; every field escaped, every message ≤ 4096 characters.

Rule order for a digest: items keep their order; a message takes items while the next one
still fits under the limit; an item that alone exceeds the limit is cut to fit. Messages are
split only between items.
"""

from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import urlsplit

from digest.compose import StoryItem
from digest.models import Article, Card
from handlers.texts import t

TELEGRAM_LIMIT = 4096
_TAG = re.compile(r"<[^>]+>")
_MAX_QUOTE = 400
_MAX_FIGURES = 6


def visible_length(html_text: str) -> int:
    """Count what Telegram counts: UTF-16 code units of the text after entity parsing."""
    plain = unescape(_TAG.sub("", html_text))
    return len(plain.encode("utf-16-le")) // 2


def _source(url: str | None) -> str:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else ""


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def card_lines(card: Card, *, lang: str, full: bool) -> list[str]:
    """Render a card's headline, summary, quote and figures as escaped HTML lines."""
    lines = [f"<b>{escape(card.headline)}</b>"]
    if card.summary:
        lines.append(escape(card.summary))
    if card.quote is not None:
        speaker = f" — <i>{escape(card.quote.speaker)}</i>" if card.quote.speaker else ""
        lines.append(f"💬 “{escape(_clip(card.quote.text, _MAX_QUOTE))}”{speaker}")
    figures = card.figures[:_MAX_FIGURES] if full else card.figures[:1]
    if figures and full:
        lines.append(f"📊 {t(lang, 'figures')}:")
    lines.extend(f"• <b>{escape(f.value)}</b> {escape(f.label)}" for f in figures)
    return lines


def link_line(article: Article, *, lang: str) -> str:
    """Render the source and a link to the article."""
    url = article.url or ""
    source = escape(_source(url) or _source(article.feed_url))
    if not url.startswith(("http://", "https://")):
        return f"— {source}" if source else ""
    return f'🔗 <a href="{escape(url, quote=True)}">{t(lang, "read")}</a> · {source}'


def article_html(article: Article, *, lang: str) -> str:
    """Render one article as a full card message."""
    lines = [*card_lines(article.card, lang=lang, full=True), link_line(article, lang=lang)]
    return fit("\n".join(line for line in lines if line))


def story_html(story: StoryItem, *, lang: str) -> str:
    """Render one digest story: compact card, then every source that ran it, linked."""
    links = [
        f'<a href="{escape(url, quote=True)}">{escape(_source(url))}</a>'
        for url in story.urls
        if url.startswith(("http://", "https://"))
    ]
    sources = " · ".join(links) or escape(" · ".join(story.sources))
    lines = [*card_lines(story.article.card, lang=lang, full=False)]
    if sources:
        lines.append(f"🔗 {sources}")
    return "\n".join(lines)


def fit(html_text: str, limit: int = TELEGRAM_LIMIT) -> str:
    """Cut an HTML message to `limit` visible characters on a line boundary."""
    if visible_length(html_text) <= limit:
        return html_text
    kept: list[str] = []
    for line in html_text.split("\n"):
        if visible_length("\n".join([*kept, line])) > limit - 1:
            break
        kept.append(line)
    return (
        "\n".join(kept) + "\n…" if kept else escape(_clip(unescape(_TAG.sub("", html_text)), limit))
    )


def pack_messages(header: str, items: list[str], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Pack a header and items into messages under `limit`, splitting only between items."""
    messages: list[str] = []
    current = header
    for item in (fit(i, limit - 8) for i in items):
        candidate = f"{current}\n\n{item}" if current else item
        if visible_length(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
        current = item
    if current:
        messages.append(current)
    return messages
