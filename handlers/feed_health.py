"""What happens when a feed fails: back off, and after too many failures disable it.

Rule order: the next check backs off (`feeds.polling.next_after_failure`, honouring the
server's `Retry-After`) → the failure is stored with its reason → at `feed_max_failures`
failures in a row the feed is disabled, and the bot's admins and the chat that added the
feed are told once (through the outbox, under a delivery key, so never twice).
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from digest.models import Feed
from feeds.errors import FeedError
from feeds.polling import next_after_failure, retry_after, should_disable
from handlers.context import Services
from handlers.feed_texts import feed_reason
from handlers.texts import t

log = logging.getLogger(__name__)


async def record_failure(services: Services, feed: Feed, error: FeedError) -> None:
    """Store a failed poll of `feed`, schedule the retry, disable it when it keeps failing."""
    config, storage, now = services.config, services.storage, services.clock()
    next_at = next_after_failure(
        now=now,
        failures=feed.error_count + 1,
        interval=timedelta(seconds=config.feed_poll_seconds),
        retry=retry_after(error.headers, now=now),
        uniform=random.uniform,  # jitter only: no need for a seeded generator
    )
    failures = await storage.record_feed_error(
        feed_id=feed.id, error=error.reason, checked_at=now, next_check_at=next_at
    )
    if not should_disable(failures, max_failures=config.feed_max_failures):
        return
    if await storage.disable_feed(feed_id=feed.id, at=now):
        log.warning("feed %s disabled after %d failures: %s", feed.url, failures, error.reason)
        await _tell_admins(services, feed, failures=failures, reason=error.reason)


async def _tell_admins(services: Services, feed: Feed, *, failures: int, reason: str) -> None:
    storage, now = services.storage, services.clock()
    targets = set(services.config.admin_ids)
    if feed.added_by is not None:
        targets.add(feed.added_by)
    told = False
    for chat_id in sorted(targets):
        chat = await storage.get_chat(chat_id=chat_id)
        if chat is None:  # an admin who never talked to the bot has no chat to write to
            continue
        text = t(
            chat.language,
            "feed_disabled",
            title=feed.title or feed.url,
            url=feed.url,
            count=failures,
            reason=feed_reason(reason, lang=chat.language),
        )
        told |= await storage.enqueue_delivery(
            chat_id=chat_id,
            period_key=f"feed-off:{feed.id}:{now:%Y%m%dT%H%M%S}",
            messages=[(text, None)],
            article_count=0,
            now=now,
        )
    if told:
        services.outbox_signal.set()
