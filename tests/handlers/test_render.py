"""Telegram HTML rendering: escaping and the 4096-character limit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from digest.models import Article, Card, Figure, Quote
from handlers.render import TELEGRAM_LIMIT, article_html, pack_messages, visible_length


def make_article(headline: str = "Giá vàng <tăng> & giảm", **card: object) -> Article:
    values: dict[str, object] = {
        "headline": headline,
        "summary": "Tóm tắt <script>alert(1)</script>",
        "quote": Quote(text='Giá sẽ "tăng"', speaker="Ông A & B"),
        "figures": (Figure(value="1.234,5", label="tỷ đồng <b>", sentence="..."),),
        "lang": "vi",
        **card,
    }
    return Article(
        id=1,
        feed_id=1,
        entry_key="k",
        url="https://example.vn/a?x=1&y=2",
        card=Card(**values),  # type: ignore[arg-type]
        published=None,
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_every_field_is_escaped() -> None:
    html = article_html(make_article(), lang="vi")
    assert "&lt;tăng&gt; &amp; giảm" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Ông A &amp; B" in html and "tỷ đồng &lt;b&gt;" in html
    assert 'href="https://example.vn/a?x=1&amp;y=2"' in html


@pytest.mark.parametrize(
    ("html", "expected"),
    [("<b>a</b>", 1), ("&lt;&amp;", 2), ("😀", 2), ('<a href="x">đọc</a>', 3)],
)
def test_visible_length_counts_utf16_after_parsing(html: str, expected: int) -> None:
    assert visible_length(html) == expected


def test_pack_splits_only_between_items_and_stays_under_the_limit() -> None:
    items = [f"<b>item {n}</b>\n" + "chữ " * 300 for n in range(20)]
    messages = pack_messages("Bản tin", items)
    assert len(messages) > 1
    assert all(visible_length(m) <= TELEGRAM_LIMIT for m in messages)
    joined = "\n\n".join(messages)
    assert all(item in joined for item in items)


def test_a_huge_item_is_cut_to_fit() -> None:
    article = make_article(headline="x" * 10_000)
    assert visible_length(article_html(article, lang="vi")) <= TELEGRAM_LIMIT
    (message,) = pack_messages("", ["<b>" + "y" * 9000 + "</b>"])
    assert visible_length(message) <= TELEGRAM_LIMIT
