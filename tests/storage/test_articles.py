"""Articles: uniqueness, card round-trip, search, recency, timezone-aware datetimes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import pytest

from digest.models import Card, Figure, Quote
from digest.query import parse_query
from storage import Storage, StorageError
from storage.search import MAX_TEXT_CHARS
from tests.storage.factories import at, make_card, seed_text, store_article

ICT = timezone(timedelta(hours=7))


async def test_same_key_twice_stores_once(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    first = await storage.add_article(
        feed_id=feed.id,
        entry_key="guid-1",
        url=None,
        card=make_card("Một"),
        text="",
        published=None,
    )
    second = await storage.add_article(
        feed_id=feed.id,
        entry_key="guid-1",
        url=None,
        card=make_card("Hai"),
        text="",
        published=None,
    )

    assert first is not None
    assert second is None
    assert [a.card.headline for a in await storage.articles_since(since=None)] == ["Một"]


async def test_same_key_on_another_feed_is_a_new_article(storage: Storage) -> None:
    feed_a = await storage.add_feed(url="https://a.test/rss")
    feed_b = await storage.add_feed(url="https://b.test/rss")
    await store_article(storage, feed_id=feed_a.id, key="guid-1")
    await store_article(storage, feed_id=feed_b.id, key="guid-1")

    stored = await storage.articles_since(since=None)
    assert sorted((a.feed_id, a.feed_url) for a in stored) == [
        (feed_a.id, "https://a.test/rss"),
        (feed_b.id, "https://b.test/rss"),
    ]
    assert await storage.has_article(feed_id=feed_b.id, entry_key="guid-1")
    assert not await storage.has_article(feed_id=feed_b.id, entry_key="guid-2")


async def test_articles_carry_their_feeds_title_when_it_has_one(storage: Storage) -> None:
    titled = await storage.add_feed(url="https://a.test/rss")
    await storage.record_feed_success(
        feed_id=titled.id, title="Báo Nghệ An", etag=None, last_modified=None
    )
    untitled = await storage.add_feed(url="https://b.test/rss")
    added = await storage.add_article(
        feed_id=titled.id,
        entry_key="guid-1",
        url=None,
        card=make_card("Một"),
        text="",
        published=None,
    )
    await store_article(storage, feed_id=untitled.id, key="guid-2")

    assert added is not None and added.feed_title == "Báo Nghệ An"
    stored = await storage.articles_since(since=None)
    assert sorted((a.feed_id, a.feed_title or "") for a in stored) == [
        (titled.id, "Báo Nghệ An"),
        (untitled.id, ""),
    ]
    loaded = await storage.get_article(article_id=added.id)
    assert loaded is not None and loaded.feed_title == "Báo Nghệ An"


async def test_concurrent_adds_of_one_key_store_exactly_one(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")

    async def add(n: int) -> object:
        return await storage.add_article(
            feed_id=feed.id,
            entry_key="same-guid",
            url=None,
            card=make_card(f"Bản {n}"),
            text="nội dung",
            published=None,
        )

    results = await asyncio.gather(*(add(n) for n in range(10)))

    assert sum(result is not None for result in results) == 1
    assert len(await storage.articles_since(since=None)) == 1


async def test_article_of_unknown_feed_is_an_error_not_a_duplicate(storage: Storage) -> None:
    with pytest.raises(StorageError, match="could not add article 'k' of feed 999"):
        await storage.add_article(
            feed_id=999, entry_key="k", url=None, card=make_card(), text="", published=None
        )


CARDS = [
    pytest.param(
        make_card(
            quote=Quote(text="Tránh qua loa, đại khái", speaker="Nguyễn Xuân Sơn"),
            figures=(
                Figure(value="1.234,5", label="tỷ đồng", sentence="Thu 1.234,5 tỷ đồng."),
                Figure(value="25/12", label="ngày họp", sentence="Sáng 25/12, hội nghị."),
            ),
        ),
        id="vietnamese-quote-figures",
    ),
    pytest.param(make_card(quote=None), id="no-quote"),
    pytest.param(make_card(quote=Quote(text="“Chúng tôi”", speaker=None)), id="anonymous-quote"),
    pytest.param(
        Card(headline='Rates "hold"', summary="It's 5% \\ up.", quote=None, figures=(), lang="en"),
        id="english-escapes",
    ),
]


@pytest.mark.parametrize("card", CARDS)
async def test_card_round_trips_unchanged(storage: Storage, card: Card) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    added = await storage.add_article(
        feed_id=feed.id, entry_key="k", url="https://a.test/k", card=card, text="", published=None
    )
    assert added is not None

    [stored] = await storage.articles_since(since=None)
    assert stored.card == card
    assert stored == added


async def test_datetimes_come_back_aware_utc(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    published = datetime(2019, 12, 25, 8, 30, tzinfo=ICT)
    before = datetime.now(UTC)
    await store_article(storage, feed_id=feed.id, key="k", published=published)

    [stored] = await storage.articles_since(since=None)
    assert stored.published == published
    assert stored.published is not None and stored.published.utcoffset() == timedelta(0)
    assert stored.fetched_at.tzinfo is not None
    assert before - timedelta(seconds=1) <= stored.fetched_at <= datetime.now(UTC)


async def test_naive_datetimes_are_refused(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    with pytest.raises(ValueError, match="timezone-aware"):
        await store_article(storage, feed_id=feed.id, key="k", published=datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="timezone-aware"):
        await storage.articles_since(since=datetime(2024, 1, 1))


async def test_articles_since_filters_by_fetch_time_newest_first(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    await store_article(storage, feed_id=feed.id, key="old")
    [old] = await storage.articles_since(since=None)
    await store_article(storage, feed_id=feed.id, key="new-1")
    await store_article(storage, feed_id=feed.id, key="new-2")

    keys = [a.entry_key for a in await storage.articles_since(since=old.fetched_at)]
    assert keys == ["new-2", "new-1"]
    assert [a.entry_key for a in await storage.articles_since(since=None, limit=1)] == ["new-2"]


# (stored articles as (key, headline, text, published day), query tokens, expected key)
SEARCHES = [
    pytest.param(
        [("a", "Đảng ủy Khối họp", "", 1)], ("dang", "uy"), "a", id="folded-finds-diacritics"
    ),
    pytest.param([("a", "Tin", "Thủ tướng đến Hà Nội", 1)], ("ha", "noi"), "a", id="in-text"),
    pytest.param([("a", "Giá bán tăng", "ban hành", 1)], ("an",), None, id="no-substring-match"),
    pytest.param(
        [("old", "Hà Nội mưa", "", 1), ("new", "Hà Nội nắng", "", 3), ("mid", "Hà Nội", "", 2)],
        ("ha", "noi"),
        "new",
        id="newest-published-wins",
    ),
    pytest.param(
        [("both", "Đảng ủy", "Nghệ An", 1), ("one", "Đảng ủy", "", 2)],
        ("dang", "nghe"),
        "both",
        id="every-token-required",
    ),
    pytest.param(
        [("a", "snake_case", "", 1), ("b", "snakeXcase", "", 2)],
        ("snake_case",),
        "a",
        id="underscore-is-literal",
    ),
    pytest.param([("a", "Tin", "", 1)], ("khong", "co"), None, id="nothing-found"),
]


@pytest.mark.parametrize(("articles", "tokens", "expected"), SEARCHES)
async def test_latest_article(
    storage: Storage,
    articles: list[tuple[str, str, str, int]],
    tokens: tuple[str, ...],
    expected: str | None,
) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    for key, headline, text, day in articles:
        await store_article(
            storage, feed_id=feed.id, key=key, headline=headline, text=text, published=at(day)
        )

    found = await storage.latest_article(query=parse_query(" ".join(tokens)))
    assert (found.entry_key if found else None) == expected


async def test_latest_article_skips_many_substring_only_hits(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    await store_article(storage, feed_id=feed.id, key="real", text="an toàn", published=at(1))
    for n in range(150):  # newer articles holding "an" only inside other words
        await store_article(
            storage, feed_id=feed.id, key=f"noise-{n}", text="bán hàng", published=at(2)
        )

    found = await storage.latest_article(query=parse_query("an"))
    assert found is not None and found.entry_key == "real"


async def test_latest_article_falls_back_to_fetch_time(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    await store_article(storage, feed_id=feed.id, key="dated", headline="Hà Nội", published=at(1))
    await store_article(storage, feed_id=feed.id, key="undated", headline="Hà Nội", published=None)

    found = await storage.latest_article(query=parse_query("ha noi"))
    assert found is not None and found.entry_key == "undated"


@pytest.fixture
def seed() -> str:
    """Return the Vietnamese seed article text."""
    return seed_text()


async def test_seed_article_is_searchable_and_tokenised(storage: Storage, seed: str) -> None:
    text = seed
    feed = await storage.add_feed(url="https://baonghean.vn/rss")
    article_id = await store_article(
        storage, feed_id=feed.id, key="seed", headline=text.splitlines()[0], text=text
    )

    texts = await storage.article_texts(article_ids=[article_id])
    assert "Nguyễn Xuân Sơn" in texts[article_id]
    found = await storage.latest_article(query=parse_query('"nguyen xuan son"'))
    assert found is not None and found.id == article_id
    assert await storage.get_article(article_id=article_id) == found


async def test_text_is_capped(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    long_text = "chữ " * (MAX_TEXT_CHARS // 4) + "cuoicung"
    article_id = await store_article(storage, feed_id=feed.id, key="long", text=long_text)

    (text,) = (await storage.article_texts(article_ids=[article_id])).values()
    assert "chữ" in text
    assert "cuoicung" not in text


async def test_missing_article_has_no_text(storage: Storage) -> None:
    assert await storage.article_texts(article_ids=[12345]) == {}
    assert await storage.get_article(article_id=12345) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bán", "ban-exact"),  # older, but spelled as asked: exact diacritics rank first
        ("ban", "ban-newer"),  # no diacritics asked: newest wins
        ('"gia vang" OR "lai suat"', "rate"),
        ("gia -vang", "price"),
    ],
)
async def test_latest_article_understands_the_query_language(
    storage: Storage, query: str, expected: str
) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    rows = [
        ("ban-exact", "Người dân bán hàng", 1),
        ("ban-newer", "Mua bàn ghế mới", 2),
        ("gold", "Giá vàng tăng", 3),
        ("price", "Giá xăng giảm", 4),
        ("rate", "Lãi suất giảm", 5),
    ]
    for key, headline, day in rows:
        await store_article(storage, feed_id=feed.id, key=key, headline=headline, published=at(day))
    found = await storage.latest_article(query=parse_query(query))
    assert found is not None and found.entry_key == expected
