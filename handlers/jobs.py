"""Repeating jobs: poll the feeds, and push each chat's daily digest at its local time."""

from __future__ import annotations

import logging

from handlers.context import NewsContext
from handlers.digests import enqueue_scheduled
from handlers.ingest import ingest_all

log = logging.getLogger(__name__)


async def poll_feeds(context: NewsContext) -> None:
    """Poll every feed once."""
    stored = await ingest_all(context.bot_data.services)
    log.info("feed poll stored %d new articles", stored)


async def push_due_digests(context: NewsContext) -> None:
    """Queue the scheduled digest of every chat whose local digest time has come."""
    services = context.bot_data.services
    now = services.clock()
    for chat in await services.storage.due_chats(now=now):
        await enqueue_scheduled(services, chat, now=now)
