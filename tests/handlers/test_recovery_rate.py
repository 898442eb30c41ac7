"""After an outage the outbox's backlog goes out within Telegram's limits.

Telegram (the fake Bot API here) takes 30 messages a second overall, about one a second into a
private chat and 20 a minute into a group. The test counts its 429 answers (none), the most
messages it saw in any one second (at most 30), and per chat what arrived (everything, once).
"""

from __future__ import annotations

import time
from datetime import time as clock_time

import pytest

from bot.app import build_application, running
from handlers.context import NewsApp
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import eventually, make_settings

PRIVATE = range(1, 71)
GROUPS = range(-105, -100)
OUTAGE = 3.0
MEMBER = 8301


async def queue(app: NewsApp, chats: list[int], parts: int) -> dict[int, list[str]]:
    """Queue a digest of `parts` messages for each chat; return the texts per chat."""
    services = app.bot_data.services
    storage, now = services.storage, services.clock()
    expected: dict[int, list[str]] = {}
    for chat in chats:
        await storage.ensure_chat(
            chat_id=chat, language="en", timezone="UTC", digest_time=clock_time(7)
        )
        expected[chat] = [f"chat {chat} part {n}" for n in range(parts)]
        await storage.enqueue_delivery(
            chat_id=chat,
            period_key="daily:recovery",
            messages=[(text, None) for text in expected[chat]],
            article_count=parts,
            now=now,
        )
    services.outbox_signal.set()
    return expected


def busiest_second(times: list[float]) -> int:
    """Return the most arrivals in any window of one second (half-open)."""
    times, most, start = sorted(times), 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def sends(api: FakeBotAPI) -> list[float]:
    return [
        at for (name, _), at in zip(api.calls, api.call_times, strict=True) if name == "sendMessage"
    ]


@pytest.mark.slow  # a long fault sweep: `make test-slow`, and CI, run it
async def test_the_backlog_after_an_outage_stays_within_telegrams_limits(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    bot_api.max_per_second = 30
    app = build_application(make_settings(bot_api, news_site, database_url))
    async with running(app):
        bot_api.outage("sendMessage", seconds=OUTAGE)
        began = time.monotonic()
        expected = await queue(app, [*PRIVATE, *GROUPS], parts=2)
        total = sum(len(texts) for texts in expected.values())
        await eventually(lambda: _all_sent(app, total), limit=60)
    refused = [d for _, _, d in bot_api.errors if d.startswith("Too Many Requests")]
    assert time.monotonic() - began > OUTAGE  # the backlog did meet the outage
    assert {chat: [m.text for m in bot_api.messages(chat)] for chat in expected} == expected
    assert refused == []
    assert busiest_second(sends(bot_api)) <= 30


async def test_a_429_pause_releases_the_waiting_requests_one_by_one(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    app = build_application(make_settings(bot_api, news_site, database_url))
    async with running(app):
        bot_api.fail_next(None, status=429, retry_after=2)
        expected = await queue(app, list(PRIVATE), parts=1)
        await eventually(lambda: _all_sent(app, len(expected)), limit=60)
    assert {chat: [m.text for m in bot_api.messages(chat)] for chat in expected} == expected
    assert busiest_second(sends(bot_api)) <= 30


async def test_a_members_burst_of_commands_is_answered_within_the_chats_limit(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        for _ in range(6):
            await bot_api.user_sends(MEMBER, "/help", language_code="en")
        replies = await bot_api.wait_for_messages(MEMBER, count=6, timeout=20)
    assert all("Commands" in reply.text for reply in replies)
    assert [d for _, _, d in bot_api.errors if d.startswith("Too Many Requests")] == []


async def _all_sent(app: NewsApp, total: int) -> bool:
    return await app.bot_data.services.storage.outbox_counts() == {"sent": total}


def test_busiest_second_counts_a_sliding_window() -> None:
    assert busiest_second([]) == 0
    assert busiest_second([0.0, 0.5, 0.99, 1.0, 1.5]) == 3
    assert busiest_second([0.0, 1.0, 2.0]) == 1
