"""Feeds: idempotent add, poll bookkeeping."""

from __future__ import annotations

import pytest

from storage import Storage, StorageError

FEED_URL = "https://baonghean.vn/rss/chinh-tri.rss"


async def test_add_feed_is_idempotent(storage: Storage) -> None:
    first = await storage.add_feed(url=FEED_URL)
    second = await storage.add_feed(url=FEED_URL)

    assert second == first
    assert await storage.list_feeds() == [first]


async def test_list_feeds_oldest_first(storage: Storage) -> None:
    urls = [f"https://example.test/{n}.rss" for n in range(3)]
    for url in urls:
        await storage.add_feed(url=url)

    assert [feed.url for feed in await storage.list_feeds()] == urls


async def test_success_stores_validators_and_resets_errors(storage: Storage) -> None:
    feed = await storage.add_feed(url=FEED_URL)
    await storage.record_feed_error(feed_id=feed.id, error="timeout")
    await storage.record_feed_error(feed_id=feed.id, error="HTTP 503")
    [failing] = await storage.list_feeds()
    assert (failing.error_count, failing.last_error) == (2, "HTTP 503")

    await storage.record_feed_success(
        feed_id=feed.id, title="Báo Nghệ An", etag='W/"abc"', last_modified="Wed, 25 Dec 2019"
    )
    [ok] = await storage.list_feeds()
    assert (ok.title, ok.etag, ok.last_modified) == ("Báo Nghệ An", 'W/"abc"', "Wed, 25 Dec 2019")
    assert (ok.error_count, ok.last_error) == (0, None)


async def test_success_without_title_keeps_the_known_title(storage: Storage) -> None:
    feed = await storage.add_feed(url=FEED_URL)
    await storage.record_feed_success(
        feed_id=feed.id, title="Báo Nghệ An", etag="1", last_modified=None
    )
    await storage.record_feed_success(feed_id=feed.id, title=None, etag=None, last_modified=None)

    [stored] = await storage.list_feeds()
    assert (stored.title, stored.etag) == ("Báo Nghệ An", None)


@pytest.mark.parametrize("call", ["success", "error"])
async def test_unknown_feed_raises_storage_error(storage: Storage, call: str) -> None:
    with pytest.raises(StorageError, match="feed 999: no such feed"):
        if call == "success":
            await storage.record_feed_success(
                feed_id=999, title=None, etag=None, last_modified=None
            )
        else:
            await storage.record_feed_error(feed_id=999, error="boom")
