"""Poll feeds: fetch, parse, build cards for new entries, store them, schedule the next check.

Rule order for one poll round (`ingest_due` from the scheduler, `ingest_all` on demand):
1. Feeds run at most `feed_concurrency` at a time overall and `feed_per_host` per host, so
   one big site is never hit by many connections at once.
2. A feed answering 304 only records the check (all of a round's 304s in one write).
   Otherwise its entries are parsed (off the
   event loop); new keys become articles, known keys whose fingerprint changed have their
   card rebuilt and replaced in place (never pushed again), the rest are skipped.
3. A permanent redirect (301/308 on every hop) moves the stored URL.
4. The next check follows `feeds.polling` (server hints, the feed's slot); a failure backs
   off and, at `feed_max_failures` in a row, disables the feed and tells the admins
   (`handlers.feed_health`).
5. New articles of feeds polled before go to instant subscribers; a feed's first poll only
   fills the store, so adding a feed does not flood anyone with its back catalogue.
   Such an article is stored with its "push pending" mark in one transaction; a round
   queues the pushes of every marked article (first what earlier rounds left, a crash or a
   database error, then its own) and clears the marks. A crash between queueing and
   clearing repeats nothing: the outbox keeps one push per (chat, story).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from digest.models import Article, Feed
from feeds.canonical import canonical_url
from feeds.errors import FeedError
from feeds.http import fetch
from feeds.models import ArticleDraft, FetchResult
from feeds.parse import parse_feed
from feeds.pipeline import build_articles
from feeds.polling import next_after_success, server_hint
from handlers.context import Services
from handlers.digests import enqueue_instant
from handlers.feed_health import record_failure
from handlers.round_log import log_poll_round
from storage import StorageError

log = logging.getLogger(__name__)


Unchanged = list[tuple[int, datetime, datetime]]


async def ingest_feed(
    services: Services, feed: Feed, *, unchanged: Unchanged | None = None
) -> list[Article]:
    """Poll one feed, store what is new or changed, return the new articles.

    A "not modified" answer is appended to `unchanged` (feed id, checked, next check) for
    the caller to store with the rest of its round, or stored at once without it.
    """
    config, storage = services.config, services.storage
    result = await fetch(
        services.http,
        feed.url,
        allow_private=config.allow_private_feed_urls,
        etag=feed.etag,
        last_modified=feed.last_modified,
    )
    if result.not_modified and unchanged is not None and not result.permanent_url:
        now = services.clock()
        unchanged.append((feed.id, now, _next_check(services, feed, result, now=now, ttl=None)))
        return []
    if result.not_modified:
        await _record_success(services, feed, result, title=None, ttl=None)
        return []
    parsed = await asyncio.to_thread(
        parse_feed, result.body, url=result.url, headers=result.headers
    )
    # Links are looked up too: before canonical-URL keys, an entry without a guid was keyed
    # by its raw link, and such an entry must not come back as new after an upgrade.
    links = [entry.url for entry in parsed.entries if entry.url and entry.url != entry.key]
    known = await storage.stored_entries(
        feed_id=feed.id, keys=[entry.key for entry in parsed.entries] + links
    )
    fresh = [e for e in parsed.entries if e.key not in known and (e.url or "") not in known]
    changed = [e for e in parsed.entries if known.get(e.key) not in (None, e.digest)]
    drafts = await build_articles(
        services.http,
        [*fresh, *changed],
        allow_private=config.allow_private_feed_urls,
        fetch_pages=config.fetch_pages,
    )
    stored = await _store(
        services,
        feed,
        drafts,
        changed_keys={e.key for e in changed},
        # A feed's first poll only fills the store (see the module docstring).
        push=feed.last_success_at is not None,
    )
    # Validators are saved only after every entry is stored, so a crash re-fetches the feed.
    await _record_success(services, feed, result, title=parsed.title, ttl=parsed.ttl_minutes)
    return stored


async def _store(
    services: Services,
    feed: Feed,
    drafts: Sequence[ArticleDraft],
    *,
    changed_keys: set[str],
    push: bool,
) -> list[Article]:
    storage, stored = services.storage, []
    for draft in drafts:
        entry = draft.entry
        if entry.key in changed_keys:
            await storage.update_article(
                feed_id=feed.id,
                entry_key=entry.key,
                url=entry.url,
                card=draft.card,
                text=draft.text,
                digest=entry.digest,
            )
            continue
        article = await storage.add_article(
            feed_id=feed.id,
            entry_key=entry.key,
            url=entry.url,
            card=draft.card,
            text=draft.text,
            published=entry.published,
            digest=entry.digest,
            fetched_at=services.clock(),
            push=push,
        )
        if article is not None:
            stored.append(article)
    return stored


async def _record_success(
    services: Services, feed: Feed, result: FetchResult, *, title: str | None, ttl: int | None
) -> None:
    now = services.clock()
    new_url = canonical_url(result.permanent_url) if result.permanent_url else None
    if new_url and new_url != feed.url:
        moved = await services.storage.move_feed(feed_id=feed.id, url=new_url)
        log.info("feed %s moved to %s%s", feed.url, new_url, "" if moved else " (kept)")
    await services.storage.record_feed_success(
        feed_id=feed.id,
        title=title,
        etag=result.etag if not result.not_modified else feed.etag,
        last_modified=result.last_modified if not result.not_modified else feed.last_modified,
        checked_at=now,
        next_check_at=_next_check(services, feed, result, now=now, ttl=ttl),
    )


def _next_check(
    services: Services, feed: Feed, result: FetchResult, *, now: datetime, ttl: int | None
) -> datetime:
    hint = server_hint(result.headers, now=now, ttl_minutes=ttl)
    interval = timedelta(seconds=services.config.feed_poll_seconds)
    return next_after_success(feed.url, now=now, interval=interval, hint=hint)


class _Gates:
    """The global and per-host concurrency caps of one poll round."""

    def __init__(self, *, overall: int, per_host: int) -> None:
        self.overall = asyncio.Semaphore(overall)
        self._per_host = per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}

    def host(self, url: str) -> asyncio.Semaphore:
        """Return the semaphore of `url`'s host (and port)."""
        key = urlsplit(url).netloc.lower()
        return self._hosts.setdefault(key, asyncio.Semaphore(self._per_host))


async def _guarded(
    services: Services, feed: Feed, gates: _Gates, unchanged: Unchanged, stored: dict[int, int]
) -> list[Article]:
    # The host gate is taken first so feeds of one busy host queue there without
    # holding a global slot that other hosts could use.
    async with gates.host(feed.url), gates.overall:
        try:
            articles = await ingest_feed(services, feed, unchanged=unchanged)
        except FeedError as error:
            log.warning("feed skipped: %s", error)
            await record_failure(services, feed, error)
            return []
        except Exception as error:  # one broken feed must never stop the others
            log.exception("feed %s failed unexpectedly", feed.url)
            await record_failure(services, feed, FeedError(feed.url, f"internal error: {error!r}"))
            return []
    stored[feed.id] = len(articles)
    # A feed's first poll only fills the store (see the module docstring).
    return articles if feed.last_success_at is not None else []


async def poll(services: Services, feeds: Sequence[Feed]) -> int:
    """Poll `feeds` under the concurrency caps, push instant cards; return new articles."""
    await push_pending(services)  # what a crashed or failed round stored but did not queue
    if not feeds:
        return 0
    config = services.config
    gates = _Gates(overall=config.feed_concurrency, per_host=config.feed_per_host)
    unchanged: Unchanged = []
    stored: dict[int, int] = {}
    batches = await asyncio.gather(
        *(_guarded(services, feed, gates, unchanged, stored) for feed in feeds)
    )
    log_poll_round(feeds, stored)
    # Stored once for the round; a crash before this only means those feeds are asked again.
    await services.storage.record_unchanged(checks=unchanged)
    fresh = sum(len(batch) for batch in batches)
    if fresh:
        await push_pending(services)
    return fresh


async def push_pending(services: Services, *, batch: int = 500) -> int:
    """Queue the instant pushes of every article marked for them; return how many articles.

    A database error leaves the remaining marks for the next round (one log line).
    """
    storage, done = services.storage, 0
    try:
        while articles := await storage.pending_pushes(limit=batch):
            await enqueue_instant(services, articles)
            await storage.clear_pending_pushes(article_ids=[a.id for a in articles])
            done += len(articles)
            if len(articles) < batch:
                break
    except StorageError as error:
        log.warning("instant pushes left for the next round: %s", error)
    return done


async def ingest_all(services: Services) -> int:
    """Poll every enabled feed now, due or not; return the new articles pushed."""
    feeds = [feed for feed in await services.storage.list_feeds() if feed.disabled_at is None]
    return await poll(services, feeds)


async def ingest_due(services: Services, *, limit: int = 2000) -> int:
    """Poll the feeds whose next check has come; return the new articles pushed."""
    feeds = await services.storage.due_feeds(now=services.clock(), limit=limit)
    return await poll(services, feeds)
