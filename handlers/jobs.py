"""Repeating jobs: poll the feeds, and push each chat's daily digest at its local time."""

from __future__ import annotations

import logging

from telegram.error import TelegramError

from digest.schedule import due_period
from handlers.context import NewsContext
from handlers.digests import deliver_digest
from handlers.ingest import ingest_all

log = logging.getLogger(__name__)


async def poll_feeds(context: NewsContext) -> None:
    """Poll every feed once."""
    stored = await ingest_all(context.bot_data.services)
    log.info("feed poll stored %d new articles", stored)


async def push_due_digests(context: NewsContext) -> None:
    """Send the daily digest of every chat whose local digest time has come."""
    services = context.bot_data.services
    now = services.clock()
    for chat in await services.storage.list_chats():
        period = due_period(
            now,
            timezone=chat.timezone,
            digest_time=chat.digest_time,
            last_digest_at=chat.last_digest_at,
            created_at=chat.created_at,
        )
        if period is None:
            continue
        try:
            await deliver_digest(context.bot, services, chat, manual=False, period=period)
        except TelegramError as error:
            # The claim was released: the next tick retries this chat; others go on now.
            log.warning("digest for chat %s not sent yet: %s", chat.id, error)
