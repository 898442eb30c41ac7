"""Repeating jobs: poll the due feeds, push each chat's digest at its local time, prune.

Pruning: a sent (or given-up) message keeps its text for `OUTBOX_RETENTION`, then goes; a
scheduled digest's key stays `KEY_RETENTION`, longer than any period (a week), so no period
is ever queued twice; instant keys stay (see `storage.outbox_upkeep`).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from handlers.context import NewsContext
from handlers.digests import digest_since, enqueue_scheduled, load_pool
from handlers.ingest import ingest_due
from handlers.round_log import log_digest_round

log = logging.getLogger(__name__)

OUTBOX_RETENTION = timedelta(days=7)
KEY_RETENTION = timedelta(days=35)


async def poll_feeds(context: NewsContext) -> None:
    """Poll the feeds whose next check has come (each feed keeps its own schedule)."""
    if context.bot_data.poll_round.locked():
        return  # the previous round (a big first poll, say) is still running
    async with context.bot_data.poll_round:
        await ingest_due(context.bot_data.services)  # logs one line when it stored articles


async def push_due_digests(context: NewsContext) -> None:
    """Queue the scheduled digest of every chat whose local digest time has come."""
    if context.bot_data.digest_round.locked():
        return  # thousands of due chats can take longer than one tick
    async with context.bot_data.digest_round:
        await _push_due_digests(context)


async def _push_due_digests(context: NewsContext) -> None:
    services = context.bot_data.services
    now = services.clock()
    chats = await services.storage.due_chats(now=now)
    if not chats:
        return
    # One load of the new articles serves every due chat of this tick.
    pool = await load_pool(services, since=min(digest_since(chat, now) for chat in chats))
    queued = messages = 0
    for chat in chats:
        count = await enqueue_scheduled(services, chat, now=now, pool=pool)
        queued, messages = queued + bool(count), messages + count
    log_digest_round(due=len(chats), queued=queued, messages=messages)


async def prune_outbox(context: NewsContext) -> None:
    """Delete sent messages after a week and scheduled keys no period can take again."""
    services = context.bot_data.services
    now = services.clock()
    messages = await services.storage.prune_outbox(before=now - OUTBOX_RETENTION)
    keys = await services.storage.prune_delivery_keys(before=now - KEY_RETENTION)
    if messages or keys:
        log.info("pruned %d sent messages and %d old delivery keys", messages, keys)
