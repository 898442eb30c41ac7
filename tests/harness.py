"""Plain helpers for tests that run the real Application against the fakes."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from bot.settings import Settings
from handlers.context import NewsApp
from tests.fakes.botapi import TOKEN, FakeBotAPI
from tests.fakes.newssite import NewsSite

SEED_HEADLINE = "Tránh qua loa, đại khái trong học tập các chủ trương, chỉ thị của Đảng"


def make_settings(api: FakeBotAPI, site: NewsSite, database_url: str, **extra: object) -> Settings:
    """Settings for a bot that talks to the fake Bot API and polls the fake news site."""
    values: dict[str, object] = {
        "telegram_bot_token": TOKEN,
        "telegram_api_url": api.url,
        "database_url": database_url,
        "feeds": [site.feed_url("baonghean"), site.feed_url("english")],
        "allow_private_feed_urls": True,
        "feed_poll_seconds": 3600,
        **extra,
    }
    return Settings.model_validate(values)


async def eventually(check: Callable[[], Awaitable[bool]], limit: float = 15.0) -> None:
    """Wait until `check()` is true; fail after `limit` seconds."""
    deadline = asyncio.get_running_loop().time() + limit
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


async def articles_stored(app: NewsApp) -> bool:
    """Tell whether the first poll has stored anything."""
    return bool(await app.bot_data.services.storage.articles_since(since=None))


async def feeds_polled(app: NewsApp) -> bool:
    """Tell whether every feed has finished a successful poll (not only stored articles)."""
    feeds = await app.bot_data.services.storage.list_feeds()
    return bool(feeds) and all(feed.last_success_at is not None for feed in feeds)


async def say(
    api: FakeBotAPI, chat_id: int, text: str, *, language_code: str = "vi", date: int | None = None
) -> str:
    """Send `text` as a member of `chat_id` (at `date`, Unix s) and return the bot's one reply."""
    await api.user_sends(chat_id, text, language_code=language_code, date=date)
    (reply,) = await api.wait_for_messages(chat_id, count=1)
    return reply.text


class FakeClock:
    """A clock the test moves forward; starts at the real time."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now
