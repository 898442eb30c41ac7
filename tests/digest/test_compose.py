"""Digest composition: one appearance per story, merged sources, order and limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from random import Random
from urllib.parse import urlsplit

import pytest

from digest.compose import (
    DigestPlan,
    Section,
    SourceLink,
    StoryItem,
    compose_digest,
    source_host,
    story_count,
)
from digest.models import Article, Card, Figure, Quote, Subscription
from tests.digest.test_dedup import STORIES, random_story

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


def make_article(
    id: int,
    *,
    headline: str | None = None,
    summary: str = "",
    host: str = "news.example",
    published: datetime | None = T0,
    fetched_at: datetime = T0,
    figures: int = 0,
    quote: bool = False,
) -> Article:
    card = Card(
        headline=f"Tin số {id}" if headline is None else headline,
        summary=summary,
        quote=Quote(text="Chúng tôi đang khắc phục", speaker="ông Hùng") if quote else None,
        figures=tuple(Figure(value=str(n), label="người", sentence="") for n in range(figures)),
        lang="vi",
    )
    return Article(
        id=id,
        feed_id=id,
        entry_key=f"entry-{id}",
        url=f"https://{host}/tin-{id}.html",
        card=card,
        published=published,
        fetched_at=fetched_at,
        feed_url=f"https://{host}/rss",
    )


def story_article(id: int, name: str, *, host: str, published: datetime | None = T0) -> Article:
    headline, lead = STORIES[name]
    return make_article(id, headline=headline, summary=lead, host=host, published=published)


def make_sub(id: int, query: str = "mưa lũ") -> Subscription:
    return Subscription(id=id, chat_id=1, query=query)


def ids(plan: DigestPlan) -> list[list[int]]:
    return [[item.article.id for item in section.items] for section in plan.sections]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("vi_flood_a", "dantri.com.vn"), ("vi_flood_b", "www.vnexpress.net")),
        (("en_profit_a", "www.reuters.com"), ("en_profit_b", "apnews.com")),
    ],
)
def test_the_same_story_from_two_outlets_is_one_item_with_both_sources(
    first: tuple[str, str], second: tuple[str, str]
) -> None:
    a = story_article(1, first[0], host=first[1])
    b = story_article(2, second[0], host=second[1])
    plan = compose_digest([(make_sub(1), [a, b])])
    [item] = plan.sections[0].items
    # Which version leads is the representative rule's business, tested below.
    assert sorted(item.sources) == sorted(
        host.removeprefix("www.") for host in (first[1], second[1])
    )
    assert sorted(item.urls) == sorted([a.url or "", b.url or ""])
    assert story_count(plan) == 1


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        (("vi_flood_a", "vi_bridge"), [[1, 2]]),
        (("vi_flood_b", "vi_flood_hatinh"), [[1, 2]]),
        (("en_profit_a", "en_shares"), [[1, 2]]),
    ],
)
def test_different_stories_on_one_topic_stay_separate(
    pair: tuple[str, str], expected: list[list[int]]
) -> None:
    articles = [story_article(i, name, host=f"site{i}.vn") for i, name in enumerate(pair, 1)]
    plan = compose_digest([(make_sub(1), articles)])
    assert ids(plan) == expected
    assert all(len(item.sources) == 1 for item in plan.sections[0].items)


@pytest.mark.parametrize(
    ("a_substance", "b_substance", "representative", "sources"),
    [
        # b has the longer summary (an extra clause): it represents the story.
        ((0, False), (0, False), 2, ("vnexpress.net", "dantri.com.vn")),
        # Figures, then a quote, outrank summary length.
        ((2, False), (0, False), 1, ("dantri.com.vn", "vnexpress.net")),
        ((0, True), (0, False), 1, ("dantri.com.vn", "vnexpress.net")),
        ((0, True), (1, False), 2, ("vnexpress.net", "dantri.com.vn")),
    ],
)
def test_the_most_substantial_version_represents_the_story(
    a_substance: tuple[int, bool],
    b_substance: tuple[int, bool],
    representative: int,
    sources: tuple[str, ...],
) -> None:
    versions = [
        make_article(
            id,
            headline=STORIES[name][0],
            summary=STORIES[name][1],
            host=host,
            figures=figures,
            quote=quote,
        )
        for id, name, host, (figures, quote) in [
            (1, "vi_flood_a", "dantri.com.vn", a_substance),
            (2, "vi_flood_b", "vnexpress.net", b_substance),
        ]
    ]
    [item] = compose_digest([(make_sub(1), versions)]).sections[0].items
    assert item.article.id == representative
    assert item.sources == sources
    assert item.urls[0] == item.article.url


def test_an_article_appears_once_under_its_first_subscription() -> None:
    shared, only_second = make_article(1), make_article(2)
    plan = compose_digest([(make_sub(1), [shared]), (make_sub(2), [shared, only_second])])
    assert [s.subscription.id for s in plan.sections] == [1, 2]
    assert ids(plan) == [[1], [2]]


def test_the_same_story_under_two_subscriptions_is_shown_once_under_the_first() -> None:
    a = story_article(1, "vi_flood_a", host="dantri.com.vn")
    b = story_article(2, "vi_flood_b", host="vnexpress.net")
    plan = compose_digest(
        [(make_sub(1, "nghệ an"), [a]), (make_sub(2, "mưa lũ"), [b]), (make_sub(3), [])]
    )
    assert plan == DigestPlan(
        sections=(
            Section(
                subscription=make_sub(1, "nghệ an"),
                items=(
                    StoryItem(
                        article=b,
                        sources=("vnexpress.net", "dantri.com.vn"),
                        urls=(b.url or "", a.url or ""),
                        links=(
                            SourceLink(name="vnexpress.net", url=b.url or ""),
                            SourceLink(name="dantri.com.vn", url=a.url or ""),
                        ),
                        published=T0,
                    ),
                ),
            ),
        )
    )


def test_one_url_under_two_feeds_is_one_article() -> None:
    first = make_article(1, headline="Giá vàng tăng", host="vnexpress.net")
    second = replace(make_article(2, headline="Vàng lập đỉnh mới"), url=first.url)
    plan = compose_digest([(make_sub(1), [first]), (make_sub(2), [second])])
    assert ids(plan) == [[1]]
    assert plan.sections[0].items[0].sources == ("vnexpress.net",)


HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("articles", "expected"),
    [
        # Newest first by published time.
        ([make_article(1), make_article(2, published=T0 + HOUR)], [2, 1]),
        # No published time: fetched_at stands in.
        ([make_article(1), make_article(2, published=None, fetched_at=T0 + HOUR)], [2, 1]),
        # A naive time is read as UTC and compares with aware ones.
        ([make_article(1), make_article(2, published=datetime(2026, 3, 2, 8))], [2, 1]),
        # Same time: more figures, then a quote, then a longer summary come first.
        ([make_article(1, quote=True), make_article(2, figures=1)], [2, 1]),
        ([make_article(1, summary="dài hơn nhiều"), make_article(2, quote=True)], [2, 1]),
        ([make_article(1, summary="ngắn"), make_article(2, summary="dài hơn")], [2, 1]),
        # Full tie: input order.
        ([make_article(1), make_article(2), make_article(3)], [1, 2, 3]),
    ],
)
def test_items_are_newest_first_then_most_substantial(
    articles: list[Article], expected: list[int]
) -> None:
    assert ids(compose_digest([(make_sub(1), articles)])) == [expected]


def test_a_story_is_as_new_as_its_newest_version() -> None:
    old = story_article(1, "vi_flood_b", host="vnexpress.net", published=T0 - 3 * HOUR)
    middle = make_article(2, published=T0)
    fresh_copy = story_article(3, "vi_flood_a", host="dantri.com.vn", published=T0 + HOUR)
    plan = compose_digest([(make_sub(1), [old, middle, fresh_copy])])
    assert ids(plan) == [[1, 2]]


def test_a_section_keeps_at_most_the_limit_newest_items() -> None:
    many = [make_article(i, published=T0 + i * HOUR) for i in range(1, 16)]
    plan = compose_digest(
        [(make_sub(1), many), (make_sub(2), [make_article(99)])], max_per_subscription=10
    )
    assert ids(plan) == [list(range(15, 5, -1)), [99]]
    assert story_count(plan) == 11


@pytest.mark.parametrize("limit", [0, -3])
def test_a_limit_below_one_is_refused(limit: int) -> None:
    with pytest.raises(ValueError):
        compose_digest([(make_sub(1), [make_article(1)])], max_per_subscription=limit)


@pytest.mark.parametrize(
    "groups",
    [[], [(make_sub(1), [])], [(make_sub(1), []), (make_sub(2), ())]],
)
def test_nothing_in_means_an_empty_plan(
    groups: list[tuple[Subscription, list[Article]]],
) -> None:
    plan = compose_digest(groups)
    assert plan == DigestPlan(sections=())
    assert story_count(plan) == 0


@pytest.mark.parametrize(
    ("url", "feed_url", "expected"),
    [
        ("https://www.vnexpress.net/tin-1.html", None, "vnexpress.net"),
        ("https://Dantri.com.vn:443/a?b=c#d", None, "dantri.com.vn"),
        ("http://user:pw@www.example.org/x", None, "example.org"),
        ("http://[2001:db8::1]:8080/x", None, "2001:db8::1"),
        (None, "https://www.tuoitre.vn/rss/home.rss", "tuoitre.vn"),
        ("tin-1.html", "https://thanhnien.vn/rss", "thanhnien.vn"),
        (None, None, ""),
        ("  ", "", ""),
    ],
)
def test_source_host(url: str | None, feed_url: str | None, expected: str) -> None:
    article = replace(make_article(1), url=url, feed_url=feed_url)
    assert source_host(article) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://www.vnexpress.net/the-gioi/a-1.html?utm=x",
        "HTTP://WWW.Dantri.COM.VN:8080/",
        "https://u:p@www.tuoitre.vn#frag",
        "http://[::1]/",
        "https://xn--ngh-an-6ya.vn/tin",
    ],
)
def test_source_host_agrees_with_urllib(url: str) -> None:
    # `digest/` may not import urllib; the handlers use it, and muting compares the two.
    hostname = urlsplit(url).hostname or ""
    assert source_host(replace(make_article(1), url=url)) == hostname.removeprefix("www.")


def test_an_article_without_any_url_has_no_source_or_link() -> None:
    bare = replace(make_article(1), url=None, feed_url=None)
    [item] = compose_digest([(make_sub(1), [bare])]).sections[0].items
    assert (item.sources, item.urls) == ((), ())


def test_three_hundred_articles_with_copies_across_subscriptions() -> None:
    rng = Random(11)
    vocabulary = [f"{a}{b}" for a in "bcdghklmnpqrstvx" for b in ("a", "ơ", "ương", "iêu")]
    originals = [
        make_article(i, summary=random_story(rng, vocabulary), host=f"site{i % 7}.vn")
        for i in range(250)
    ]
    # A copy of every fifth original, reworded at the end and carried by another outlet.
    copies = [
        make_article(
            1000 + a.id,
            headline=a.card.headline,
            summary=a.card.summary + " theo nguồn tin.",
            host="copy.vn",
        )
        for a in originals[::5]
    ]
    # Subscriptions take 100 articles each; copies land in later subscriptions.
    pool = originals + copies
    groups = [(make_sub(n), pool[n * 100 : (n + 1) * 100]) for n in range(3)]
    plan = compose_digest(groups, max_per_subscription=500)
    assert [len(section.items) for section in plan.sections] == [100, 100, 50]
    shown = [item for section in plan.sections for item in section.items]
    # A copy has the longer summary, so it represents its story, shown where the original is.
    expected = {a.id for a in originals if a.id % 5} | {1000 + a.id for a in originals[::5]}
    assert {item.article.id for item in shown} == expected
    merged = [item for item in shown if item.article.id >= 1000]
    assert all(
        item.sources == ("copy.vn", f"site{(item.article.id - 1000) % 7}.vn") for item in merged
    )
    assert all(len(item.urls) == 2 for item in merged)


def test_a_story_links_each_source_name_once_by_feed_title_else_host() -> None:
    versions = [
        replace(story_article(n, "vi_flood_a", host="baonghean.vn"), feed_title="Báo Nghệ An")
        for n in range(1, 4)
    ] + [
        story_article(4, "vi_flood_b", host="www.vnexpress.net"),
        replace(story_article(5, "vi_flood_b", host="dantri.com.vn"), feed_title="  Dân  trí "),
    ]
    versions[2] = replace(versions[2], published=T0 + timedelta(hours=2))
    (section,) = compose_digest([(make_sub(1), versions)]).sections
    (item,) = section.items
    # The representative (the longest summary) first, then input order; one link per name.
    assert item.links == (
        SourceLink(name="vnexpress.net", url=versions[3].url or ""),
        SourceLink(name="Báo Nghệ An", url=versions[0].url or ""),
        SourceLink(name="Dân trí", url=versions[4].url or ""),
    )
    assert item.sources == ("vnexpress.net", "baonghean.vn", "dantri.com.vn")
    assert item.published == T0 + timedelta(hours=2)


def test_templated_articles_with_other_figures_are_separate_items() -> None:
    lead = STORIES["vi_flood_a"][1]
    articles = [
        make_article(
            n,
            headline=f"Kết quả xổ số miền Bắc kỳ {n}",
            summary=f"{lead} Giải đặc biệt kỳ {n} về vé số {n * 7919 % 100000:05d}.",
        )
        for n in range(1, 26)
    ]
    (section,) = compose_digest([(make_sub(1), articles)], max_per_subscription=50).sections
    assert len(section.items) == 25
