"""The instant queue: a push mark is stored with its article, and only with a new one."""

from __future__ import annotations

from storage import Storage
from tests.storage.factories import make_card


async def add(storage: Storage, feed_id: int, key: str, *, push: bool) -> int | None:
    article = await storage.add_article(
        feed_id=feed_id,
        entry_key=key,
        url=None,
        card=make_card(key),
        text="",
        published=None,
        push=push,
    )
    return None if article is None else article.id


async def test_marked_articles_wait_oldest_first_until_cleared(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    first = await add(storage, feed.id, "a", push=True)
    await add(storage, feed.id, "b", push=False)  # a first poll's back catalogue
    third = await add(storage, feed.id, "c", push=True)

    assert [a.id for a in await storage.pending_pushes()] == [first, third]
    assert [a.feed_url for a in await storage.pending_pushes(limit=1)] == ["https://a.test/rss"]
    await storage.clear_pending_pushes(article_ids=[a for a in (first,) if a is not None])
    assert [a.id for a in await storage.pending_pushes()] == [third]


async def test_a_known_article_adds_no_mark(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    await add(storage, feed.id, "a", push=False)
    assert await add(storage, feed.id, "a", push=True) is None
    assert await storage.pending_pushes() == []


async def test_removing_the_feed_drops_its_marks(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    await add(storage, feed.id, "a", push=True)
    assert await storage.remove_feed(feed_id=feed.id)
    assert await storage.pending_pushes() == []
