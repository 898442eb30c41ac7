"""Feed polling state: due feeds, failures, disabling, moves, removal, changed entries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage import Storage
from tests.storage.factories import make_card

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
H = timedelta(hours=1)


async def test_due_feeds_never_polled_first_then_oldest_due(storage: Storage) -> None:
    late = await storage.add_feed(url="https://late.test/rss")
    never = await storage.add_feed(url="https://never.test/rss")
    early = await storage.add_feed(url="https://early.test/rss")
    future = await storage.add_feed(url="https://future.test/rss")
    for feed, when in ((late, NOW), (early, NOW - H), (future, NOW + H)):
        await storage.record_feed_success(
            feed_id=feed.id, title=None, etag=None, last_modified=None, next_check_at=when
        )

    due = await storage.due_feeds(now=NOW)

    assert [feed.url for feed in due] == [never.url, early.url, late.url]
    assert [feed.url for feed in await storage.due_feeds(now=NOW, limit=1)] == [never.url]


async def test_failures_count_up_and_success_resets(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    counts = [
        await storage.record_feed_error(feed_id=feed.id, error=f"boom {n}", next_check_at=NOW)
        for n in range(3)
    ]
    failing = await storage.get_feed(feed_id=feed.id)
    await storage.record_feed_success(
        feed_id=feed.id, title="A", etag=None, last_modified=None, checked_at=NOW
    )
    ok = await storage.get_feed(feed_id=feed.id)

    assert counts == [1, 2, 3]
    assert failing is not None and failing.last_error == "boom 2"
    assert ok is not None and (ok.error_count, ok.last_error) == (0, None)
    assert ok.last_success_at == NOW


async def test_disabled_feed_is_never_due_until_enabled(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")

    assert await storage.disable_feed(feed_id=feed.id, at=NOW) is True
    assert await storage.disable_feed(feed_id=feed.id, at=NOW + H) is False  # told once
    assert await storage.due_feeds(now=NOW + H) == []
    await storage.enable_feed(feed_id=feed.id)
    [again] = await storage.due_feeds(now=NOW)

    assert again.id == feed.id and again.disabled_at is None and again.error_count == 0


async def test_move_keeps_id_unless_the_url_is_taken(storage: Storage) -> None:
    feed = await storage.add_feed(url="http://old.test/rss")
    other = await storage.add_feed(url="https://other.test/rss")

    assert await storage.move_feed(feed_id=feed.id, url="https://new.test/rss") is True
    assert await storage.move_feed(feed_id=feed.id, url=other.url) is False
    moved = await storage.get_feed(feed_id=feed.id)

    assert moved is not None and moved.url == "https://new.test/rss"


async def test_remove_feed_drops_its_articles(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss", added_by=42)
    await storage.add_article(
        feed_id=feed.id, entry_key="k", url=None, card=make_card("X"), text="", published=None
    )

    assert await storage.count_feeds_added_by(chat_id=42) == 1
    assert await storage.article_counts() == {feed.id: 1}
    assert await storage.remove_feed(feed_id=feed.id) is True
    assert await storage.remove_feed(feed_id=feed.id) is False
    assert await storage.articles_since(since=None) == []
    assert await storage.count_feeds_added_by(chat_id=42) == 0


async def test_changed_entry_updates_the_card_in_place(storage: Storage) -> None:
    feed = await storage.add_feed(url="https://a.test/rss")
    first = await storage.add_article(
        feed_id=feed.id,
        entry_key="guid-1",
        url="https://a.test/1",
        card=make_card("Bản cũ"),
        text="cũ",
        published=None,
        digest="v1",
    )
    assert first is not None

    known = await storage.stored_entries(feed_id=feed.id, keys=["guid-1", "guid-2"])
    updated = await storage.update_article(
        feed_id=feed.id,
        entry_key="guid-1",
        url="https://a.test/1",
        card=make_card("Bản mới"),
        text="mới",
        digest="v2",
    )
    [article] = await storage.articles_since(since=None)

    assert known == {"guid-1": "v1"}
    assert updated is True
    assert (article.id, article.card.headline) == (first.id, "Bản mới")
    assert await storage.stored_entries(feed_id=feed.id, keys=["guid-1"]) == {"guid-1": "v2"}
    assert not await storage.update_article(
        feed_id=feed.id, entry_key="nope", url=None, card=make_card("Z"), text="", digest="x"
    )


async def test_unchanged_feeds_are_recorded_in_one_go(storage: Storage) -> None:
    feeds = [await storage.add_feed(url=f"https://{n}.test/rss") for n in range(3)]
    await storage.record_feed_error(feed_id=feeds[0].id, error="boom", next_check_at=NOW)
    checks = [(feed.id, NOW, NOW + H * (n + 1)) for n, feed in enumerate(feeds[:2])]

    await storage.record_unchanged(checks=checks)
    stored = {feed.id: feed for feed in await storage.list_feeds()}

    assert [stored[f.id].next_check_at for f in feeds] == [NOW + H, NOW + 2 * H, None]
    assert stored[feeds[0].id].error_count == 0 and stored[feeds[0].id].last_error is None
    assert stored[feeds[1].id].last_success_at == NOW
    await storage.record_unchanged(checks=[])
