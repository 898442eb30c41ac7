"""A digest that fell due while Telegram was unreachable goes out once the bot connects."""

from __future__ import annotations

import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import build_application, running
from storage import open_storage
from tests.bot.test_startup import bot_process
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import SEED_HEADLINE, articles_stored, eventually, make_settings, say

CHAT = 779


async def test_a_digest_due_during_the_wait_for_telegram_goes_out_once_connected(
    bot_api: FakeBotAPI, news_site: NewsSite, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    app = build_application(make_settings(bot_api, news_site, url))
    async with running(app):  # a first life: the chat follows a keyword, articles are stored
        await say(bot_api, CHAT, "/subscribe dang uy")
        await eventually(lambda: articles_stored(app))
    storage = await open_storage(url)
    try:
        due = datetime.now(UTC) - timedelta(minutes=5)
        await storage.update_schedule(chat_id=CHAT, next_digest_at=due)
    finally:
        await storage.close()
    await bot_api.stop()  # Telegram is down when the bot starts again
    async with bot_process(
        tmp_path, TELEGRAM_API_URL=bot_api.url, DATABASE_URL="sqlite:///bot.db"
    ) as bot:
        await bot.wait_for("Telegram unreachable at start", count=2)
        await bot_api.start()
        await bot.wait_for("newsbot started")
        (digest,) = await bot_api.wait_for_messages(CHAT, timeout=30)
        bot.process.send_signal(signal.SIGTERM)
        assert await bot.finish() == 0
    assert SEED_HEADLINE in digest.text
    assert len(bot.matching("Telegram unreachable at start")) == 2
    assert sum(SEED_HEADLINE in m.text for m in bot_api.messages(CHAT)) == 1, "sent once"
