"""Poll every stored feed once: fetch, parse, build cards for new entries, store them."""

from __future__ import annotations

import asyncio
import logging

from digest.models import Article, Feed
from feeds.errors import FeedError
from feeds.http import fetch
from feeds.parse import parse_feed
from feeds.pipeline import build_articles
from handlers.context import Services
from handlers.digests import enqueue_instant

log = logging.getLogger(__name__)

FEED_CONCURRENCY = 8


async def ingest_feed(services: Services, feed: Feed) -> list[Article]:
    """Poll one feed and return the new articles it stored."""
    config, storage = services.config, services.storage
    result = await fetch(
        services.http,
        feed.url,
        allow_private=config.allow_private_feed_urls,
        etag=feed.etag,
        last_modified=feed.last_modified,
    )
    if result.not_modified:
        await storage.record_feed_success(
            feed_id=feed.id, title=feed.title, etag=feed.etag, last_modified=feed.last_modified
        )
        return []
    parsed = await asyncio.to_thread(parse_feed, result.body, url=feed.url, headers=result.headers)
    new_entries = [
        entry
        for entry in parsed.entries
        if not await storage.has_article(feed_id=feed.id, entry_key=entry.key)
    ]
    drafts = await build_articles(
        services.http,
        new_entries,
        allow_private=config.allow_private_feed_urls,
        fetch_pages=config.fetch_pages,
    )
    stored: list[Article] = []
    for draft in drafts:
        article = await storage.add_article(
            feed_id=feed.id,
            entry_key=draft.entry.key,
            url=draft.entry.url,
            card=draft.card,
            text=draft.text,
            published=draft.entry.published,
        )
        if article is not None:
            stored.append(article)
    # Validators are saved only after every entry is stored, so a crash re-fetches the feed.
    await storage.record_feed_success(
        feed_id=feed.id, title=parsed.title, etag=result.etag, last_modified=result.last_modified
    )
    return stored


async def _guarded(services: Services, feed: Feed, gate: asyncio.Semaphore) -> list[Article]:
    async with gate:
        try:
            return await ingest_feed(services, feed)
        except FeedError as error:
            log.warning("feed skipped: %s", error)
            await services.storage.record_feed_error(feed_id=feed.id, error=str(error))
        except Exception as error:  # one broken feed must never stop the others
            log.exception("feed %s failed unexpectedly", feed.url)
            await services.storage.record_feed_error(feed_id=feed.id, error=repr(error)[:500])
        return []


async def ingest_all(services: Services) -> int:
    """Poll every feed with bounded concurrency, push instant cards; return new articles."""
    gate = asyncio.Semaphore(FEED_CONCURRENCY)
    feeds = await services.storage.list_feeds()
    batches = await asyncio.gather(*(_guarded(services, feed, gate) for feed in feeds))
    articles = [article for batch in batches for article in batch]
    if articles:
        await enqueue_instant(services, articles)
    return len(articles)
