"""The running bot prunes sent messages after a week, and keeps what is recent or unsent."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.app import build_application, running
from storage import Storage, open_storage
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import FakeClock, eventually, make_settings

CHAT = 7070


async def test_the_bot_prunes_old_sent_messages_soon_after_start(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    clock = FakeClock()
    storage = await open_storage(database_url)
    try:
        await _sent_digest(storage, "daily:old", at=clock.now - timedelta(days=8))
        await _sent_digest(storage, "daily:recent", at=clock.now - timedelta(days=1))
    finally:
        await storage.close()
    app = build_application(make_settings(bot_api, news_site, database_url), clock=clock)
    async with running(app):
        storage = app.bot_data.services.storage
        await eventually(lambda: _sent_left(storage, 1))
        assert not await storage.enqueue_delivery(
            chat_id=CHAT, period_key="daily:old", messages=[], article_count=0, now=clock.now
        ), "the key outlives its text"


async def _sent_digest(storage: Storage, key: str, *, at: datetime) -> None:
    await storage.ensure_chat(
        chat_id=CHAT, language="vi", timezone="UTC", digest_time=time(7), next_digest_at=None
    )
    await storage.enqueue_delivery(
        chat_id=CHAT, period_key=key, messages=[(key, None)], article_count=1, now=at
    )
    (message,) = await storage.sendable_messages(now=at, limit=1)
    await storage.mark_sent(message_id=message.id, sent_at=at)


async def _sent_left(storage: Storage, count: int) -> bool:
    return (await storage.outbox_counts()).get("sent", 0) == count
