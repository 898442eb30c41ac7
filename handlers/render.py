"""Telegram HTML for cards and digests; every field escaped, every message ≤ 4096 characters.

Rule order for a card: headline; summary, less a leading repeat of the headline (a card
whose headline was taken from its lead); quote; figures (one figure on one `📊` line, more
under a `📊 Figures:` heading); then the link line: read link, source name (feed title,
else host), publication time in the chat's zone (`digest.stamp`). A digest item shows its
first figure only, and one link per source name, at most `MAX_SOURCES`, then `… +N`.

Rule order for a digest: items keep their order; a message takes items while the next one
still fits under the limit; an item that alone exceeds the limit is cut to fit. Messages are
split only between items.
"""

from __future__ import annotations

import re
from datetime import datetime
from html import escape, unescape

from digest.compose import SourceLink, StoryItem, source_name
from digest.models import Article, Card, Figure
from digest.stamp import article_moment, local_stamp
from handlers.texts import t

TELEGRAM_LIMIT = 4096
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"[.!?…][\"”’»)]*$")
_MAX_QUOTE = 400
_MAX_FIGURES = 6
MAX_SOURCES = 5
_MAX_SOURCE_NAME = 48  # a feed title can be a whole sentence of SEO text


def visible_length(html_text: str) -> int:
    """Count what Telegram counts: UTF-16 code units of the text after entity parsing."""
    plain = unescape(_TAG.sub("", html_text))
    return len(plain.encode("utf-16-le")) // 2


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def card_lines(card: Card, *, lang: str, full: bool) -> list[str]:
    """Render a card's headline, summary, quote and figures as escaped HTML lines."""
    lines = [f"<b>{escape(card.headline)}</b>"]
    summary = _unrepeated(card.summary, card.headline)
    if summary:
        lines.append(escape(summary))
    if card.quote is not None:
        speaker = f" — <i>{escape(card.quote.speaker)}</i>" if card.quote.speaker else ""
        lines.append(f"💬 “{escape(_clip(card.quote.text, _MAX_QUOTE))}”{speaker}")
    figures = card.figures[:_MAX_FIGURES] if full else card.figures[:1]
    if len(figures) == 1:
        lines.append(f"📊 {_figure(figures[0])}")
    elif figures:
        lines.append(f"📊 {t(lang, 'figures')}:")
        lines.extend(f"• {_figure(f)}" for f in figures)
    return lines


def _figure(figure: Figure) -> str:
    return f"<b>{escape(figure.value)}</b> {escape(figure.label)}"


def _unrepeated(summary: str, headline: str) -> str:
    """Return the summary without a leading copy of the headline sentence."""
    head, rest = headline.strip(), summary.removeprefix(headline.strip())
    if not head or rest == summary:
        return summary
    # Only a whole sentence counts: "Giá vàng" must not eat the start of "Giá vàng tăng".
    whole = not rest.strip() or (rest[0].isspace() and _SENTENCE_END.search(head))
    return rest.strip() if whole else summary


def _linkable(url: str | None) -> bool:
    return bool(url) and (url or "").startswith(("http://", "https://"))


def link_line(article: Article, *, lang: str, timezone: str, now: datetime) -> str:
    """Render a link to the article, its source's name and its time in the chat's zone."""
    url, source = article.url or "", escape(_clip(source_name(article), _MAX_SOURCE_NAME))
    when = f"🕒 {local_stamp(article_moment(article), timezone=timezone, now=now)}"
    if not _linkable(url):
        return " · ".join(part for part in (f"— {source}" if source else "", when) if part)
    read = f'🔗 <a href="{escape(url, quote=True)}">{t(lang, "read")}</a>'
    return " · ".join(part for part in (read, source, when) if part)


def article_html(article: Article, *, lang: str, timezone: str, now: datetime) -> str:
    """Render one article as a full card message; times in the chat's `timezone`."""
    lines = [
        *card_lines(article.card, lang=lang, full=True),
        link_line(article, lang=lang, timezone=timezone, now=now),
    ]
    return fit("\n".join(line for line in lines if line))


def _source_html(link: SourceLink) -> str:
    name = escape(_clip(link.name, _MAX_SOURCE_NAME))
    return f'<a href="{escape(link.url, quote=True)}">{name}</a>' if _linkable(link.url) else name


def story_html(story: StoryItem, *, lang: str, timezone: str, now: datetime) -> str:
    """Render one digest story: compact card, each source once (linked), then its time."""
    names = [_source_html(link) for link in story.links]
    sources = " · ".join(names[:MAX_SOURCES])
    if len(names) > MAX_SOURCES:
        sources += f" … +{len(names) - MAX_SOURCES}"
    when = f"🕒 {local_stamp(story.published, timezone=timezone, now=now)}"
    footer = f"🔗 {sources} · {when}" if sources else when
    return "\n".join([*card_lines(story.article.card, lang=lang, full=False), footer])


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
