"""The outbox under faults: a locked database, a 429 pause, a Telegram that answers late.

Each test counts, per chat, what the fake Bot API received against what was queued.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections import Counter
from datetime import time as clock_time

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.app import build_application, running
from handlers.context import NewsApp
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import eventually, make_settings

COMMANDER = 777
Sample = tuple[float, list[tuple[int, str]]]


async def queue(app: NewsApp, chats: range, parts: int) -> dict[int, list[str]]:
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
            period_key="daily:faults",
            messages=[(text, None) for text in expected[chat]],
            article_count=parts,
            now=now,
        )
    services.outbox_signal.set()
    return expected


def received(api: FakeBotAPI, expected: dict[int, list[str]]) -> dict[int, list[str]]:
    """Return, per chat, the queued texts the fake received, in order, repeats included."""
    return {chat: [m.text for m in api.messages(chat)] for chat in expected}


async def all_sent(app: NewsApp, total: int) -> bool:
    return await app.bot_data.services.storage.outbox_counts() == {"sent": total}


def db_path(sqlite_url: str) -> str:
    return sqlite_url.removeprefix("sqlite+aiosqlite:///")


def sending_rows(path: str) -> list[tuple[int, str]]:
    """Read (chat, text) of the rows in `sending` from another connection, synchronously."""
    with sqlite3.connect(path, timeout=1) as conn:
        rows = conn.execute("SELECT chat_id, text FROM outbox WHERE state = 'sending'")
        return [(int(chat), str(text)) for chat, text in rows]


def doubts(path: str) -> list[str]:
    with sqlite3.connect(path, timeout=5) as conn:
        rows = conn.execute("SELECT text FROM outbox WHERE last_error LIKE 'in doubt%'")
        return [str(text) for (text,) in rows]


def hold_write_lock(path: str, seconds: float, taken: threading.Event) -> None:
    """Hold SQLite's write lock from another connection for `seconds` (in a thread)."""
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        taken.set()
        time.sleep(seconds)
        conn.execute("ROLLBACK")
    finally:
        conn.close()


@pytest.mark.slow  # a long fault sweep: `make test-slow`, and CI, run it
async def test_a_database_outage_after_a_send_ends_with_every_message_sent_once(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    app = build_application(make_settings(bot_api, news_site, database_url))
    async with running(app):
        bot_api.answer_late(0.5)  # the answers come back while the database is out
        expected = await queue(app, range(1, 7), parts=3)
        await eventually(lambda: _requests_at_least(bot_api, 1))
        await database_outage(database_url)
        await eventually(lambda: all_sent(app, 18), limit=40)
        await asyncio.sleep(0.5)  # a resend would show up by now
    assert received(bot_api, expected) == expected


async def database_outage(url: str) -> None:
    """SQLite: hold the write lock 7 s (longer than the busy timeout); PostgreSQL: 4 s gone."""
    if not url.startswith("sqlite"):
        await postgres_gone(url, seconds=4.0)
        return
    taken = threading.Event()
    holder = asyncio.create_task(asyncio.to_thread(hold_write_lock, db_path(url), 7.0, taken))
    await eventually(lambda: _is_set(taken))
    await holder


async def postgres_gone(url: str, *, seconds: float) -> None:
    """Refuse new connections to the test database and end its sessions for `seconds`."""
    target = make_url(url)
    admin = create_async_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = target.database
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false'))
            try:
                await conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": name},
                )
                await asyncio.sleep(seconds)
            finally:
                await conn.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true'))
    finally:
        await admin.dispose()


async def test_a_row_is_sending_only_once_its_request_has_left(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    path, samples = db_path(sqlite_url), list[Sample]()
    async with running(app):
        bot_api.answer_late(0.3)  # a slow Telegram: many requests out at once
        # The first send gets a 429: PTB's rate limiter holds every request for 3 s.
        bot_api.fail_next(None, status=429, retry_after=3)
        expected = await queue(app, range(1, 41), parts=2)
        sampler = asyncio.create_task(_sample(bot_api, path, samples))
        try:
            await eventually(lambda: all_sent(app, 80), limit=60)
        finally:
            sampler.cancel()
    assert received(bot_api, expected) == expected
    assert max(max(Counter(c for c, _ in rows).values(), default=0) for _, rows in samples) <= 1
    late = _left_late(samples, bot_api, expected, limit=1.0)
    assert not late, f"rows `sending` long before their request reached Telegram: {late[:5]}"


async def _sample(api: FakeBotAPI, path: str, samples: list[Sample]) -> None:
    while True:
        samples.append((time.monotonic(), sending_rows(path)))
        await asyncio.sleep(0.02)


def _left_late(
    samples: list[Sample], api: FakeBotAPI, expected: dict[int, list[str]], *, limit: float
) -> list[tuple[int, str, float]]:
    """Return the rows seen `sending` more than `limit` s before their request arrived."""
    arrived: dict[tuple[int, str], float] = {}
    for (method, params), at in zip(api.calls, api.call_times, strict=True):
        if method == "sendMessage" and params.get("chat_id") in expected:
            arrived.setdefault((params["chat_id"], str(params.get("text"))), at)
    late = []
    for at, rows in samples:
        for row in rows:
            delay = arrived.get(row, float("inf")) - at
            if delay > limit:
                late.append((*row, delay))
    return late


@pytest.mark.slow  # a long fault sweep: `make test-slow`, and CI, run it
async def test_a_late_answer_is_in_doubt_and_never_resent(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        bot_api.answer_late(6.0)  # beyond PTB's read timeout (5 s)
        expected = await queue(app, range(1, 5), parts=2)
        await bot_api.user_sends(COMMANDER, "/settings", language_code="en")
        await eventually(lambda: all_sent(app, 8), limit=40)
        bot_api.answer_late(0)
        more = await queue(app, range(101, 103), parts=1)
        await eventually(lambda: all_sent(app, 10), limit=20)
        await asyncio.sleep(0.5)  # a resend would show up by now
    assert received(bot_api, expected) == expected
    assert received(bot_api, more) == more
    assert sorted(doubts(db_path(sqlite_url))) == sorted(t for ts in expected.values() for t in ts)
    (reply,) = bot_api.messages(COMMANDER)  # answered late too, and no "sorry" after it
    assert "went wrong" not in reply.text


async def _requests_at_least(api: FakeBotAPI, count: int) -> bool:
    return sum(1 for method, _ in api.calls if method == "sendMessage") >= count


async def _is_set(event: threading.Event) -> bool:
    return event.is_set()
