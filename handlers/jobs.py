"""Repeating jobs: poll the due feeds, push each chat's digest at its local time, prune.

Pruning: a sent (or given-up) message keeps its text for `OUTBOX_RETENTION`, then goes; a
scheduled digest's key stays `KEY_RETENTION`, longer than any period (a week), so no period
is ever queued twice; instant keys stay (see `storage.outbox_upkeep`).

Every job runs through `_watched`: a failing job logs by condition (`handlers.conditions`),
one line when it starts failing and one when it is back, and skips ticks while backing off.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from handlers.conditions import Condition
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
        # ingest_due logs one line when it stored articles.
        await _watched(context, "poll round", lambda: ingest_due(context.bot_data.services))


async def push_due_digests(context: NewsContext) -> None:
    """Queue the scheduled digest of every chat whose local digest time has come."""
    if context.bot_data.digest_round.locked():
        return  # thousands of due chats can take longer than one tick
    async with context.bot_data.digest_round:
        await _watched(context, "digest round", lambda: _push_due_digests(context))


async def _watched(context: NewsContext, job: str, run: Callable[[], Awaitable[object]]) -> None:
    """Run one tick of `job` unless it is waiting out a failure; log failures by condition."""
    conditions = context.bot_data.conditions
    condition = conditions.get(job) or conditions.setdefault(job, Condition(job))
    if not condition.ready():
        return
    try:
        await run()
    except Exception as error:  # logged once per condition, not once per tick
        condition.failed(error)
        return
    condition.succeeded()


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
    await _watched(context, "outbox pruning", lambda: _prune_outbox(context))


async def _prune_outbox(context: NewsContext) -> None:
    services = context.bot_data.services
    now = services.clock()
    messages = await services.storage.prune_outbox(before=now - OUTBOX_RETENTION)
    keys = await services.storage.prune_delivery_keys(before=now - KEY_RETENTION)
    if messages or keys:
        log.info("pruned %d sent messages and %d old delivery keys", messages, keys)
