"""Telegram HTML rendering: escaping and the 4096-character limit."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from digest.compose import SourceLink, StoryItem
from digest.models import Article, Card, Figure, Quote
from handlers.render import (
    MAX_SOURCES,
    TELEGRAM_LIMIT,
    article_html,
    pack_messages,
    story_html,
    visible_length,
)

NOW = datetime(2026, 12, 25, 12, 0, tzinfo=UTC)
VN = "Asia/Ho_Chi_Minh"


def card(article: Article, *, lang: str = "vi") -> str:
    return article_html(article, lang=lang, timezone=VN, now=NOW)


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
    html = card(make_article())
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
    assert visible_length(card(article)) <= TELEGRAM_LIMIT
    (message,) = pack_messages("", ["<b>" + "y" * 9000 + "</b>"])
    assert visible_length(message) <= TELEGRAM_LIMIT


def figures(count: int) -> tuple[Figure, ...]:
    return tuple(
        Figure(value=str(152 + n), label="đảng viên mới", sentence="") for n in range(count)
    )


def test_one_figure_is_one_line_and_several_keep_their_heading() -> None:
    one = card(make_article(figures=figures(1), quote=None))
    assert "\n📊 <b>152</b> đảng viên mới\n" in one and "Số liệu" not in one and "•" not in one
    two = card(make_article(figures=figures(2), quote=None))
    assert "\n📊 Số liệu:\n• <b>152</b> đảng viên mới\n• <b>153</b> đảng viên mới\n" in two


@pytest.mark.parametrize(
    ("headline", "summary", "shown"),
    [
        # A title-less item: the headline is the lead's first sentence, shown once.
        ("Mưa lớn ở Nghệ An.", "Mưa lớn ở Nghệ An.", []),
        ("Mưa lớn ở Nghệ An.", "Mưa lớn ở Nghệ An. Hai người mất tích.", ["Hai người mất tích."]),
        # Only a whole sentence is a repeat: a headline that starts the summary is not.
        ("Giá vàng", "Giá vàng tăng mạnh.", ["Giá vàng tăng mạnh."]),
        ("Giá 1.", "Giá 1.200 đồng.", ["Giá 1.200 đồng."]),
        ("Giá vàng tăng", "Hôm nay giá vàng tăng.", ["Hôm nay giá vàng tăng."]),
    ],
)
def test_a_summary_repeating_the_headline_is_not_shown_twice(
    headline: str, summary: str, shown: list[str]
) -> None:
    article = make_article(headline=headline, summary=summary, quote=None, figures=())
    lines = card(article).split("\n")
    assert lines[0] == f"<b>{headline}</b>" and lines[1:-1] == shown


def test_the_link_line_names_the_feed_and_the_time_in_the_chats_zone() -> None:
    article = replace(
        make_article(),
        feed_title="Báo Nghệ An",
        published=datetime(2026, 12, 25, 0, 15, tzinfo=UTC),
    )
    last = card(article).split("\n")[-1]
    assert last.endswith("Đọc bài</a> · Báo Nghệ An · 🕒 07:15 25/12")
    # A feed title that is a whole sentence is cut.
    long = card(replace(article, feed_title="Tin tức " * 20)).split("\n")[-1]
    assert long.count("Tin tức") == 6 and long.endswith("Tin tức… · 🕒 07:15 25/12")
    # No feed title: the host; no published time: when it was fetched.
    last = card(make_article()).split("\n")[-1]
    assert last.endswith("Đọc bài</a> · example.vn · 🕒 07:00 01/01")
    # No link to give: the source and the time still show.
    assert card(replace(make_article(), url=None, feed_url="https://www.example.vn/rss")).endswith(
        "\n— example.vn · 🕒 07:00 01/01"
    )


def story(count: int) -> StoryItem:
    links = tuple(
        SourceLink(name=f"Báo {n} & co", url=f"https://s{n}.vn/a?x={n}&y=1") for n in range(count)
    )
    return StoryItem(
        article=make_article(figures=(), quote=None),
        sources=tuple(f"s{n}.vn" for n in range(count)),
        urls=tuple(link.url for link in links),
        links=links,
        published=datetime(2026, 12, 24, 20, 0, tzinfo=UTC),
    )


def test_a_story_lists_each_source_once_up_to_a_cap_then_its_time() -> None:
    html = story_html(story(2), lang="vi", timezone=VN, now=NOW)
    assert html.split("\n")[-1] == (
        '🔗 <a href="https://s0.vn/a?x=0&amp;y=1">Báo 0 &amp; co</a> · '
        '<a href="https://s1.vn/a?x=1&amp;y=1">Báo 1 &amp; co</a> · 🕒 03:00 25/12'
    )
    footer = story_html(story(MAX_SOURCES + 20), lang="vi", timezone=VN, now=NOW).split("\n")[-1]
    assert footer.count("<a href=") == MAX_SOURCES
    assert footer.endswith(" … +20 · 🕒 03:00 25/12")
