"""SIGKILLs between storing articles and queueing their pushes: every push comes once.

The bot runs as a process against the fake Bot API and the loopback news site. Each round
stores the new article of a fast feed while a slow feed keeps the round open; the process is
killed then (at a random moment up to `KILL_SPREAD` later, so some kills land while the
pushes queued at start-up are being sent) and started again. At the end every instant chat
has every matching article exactly once. A message the outbox had marked `sending` when a
kill landed may or may not have reached Telegram and is taken as sent: it is counted as "in
doubt" (at most one per chat per kill), never as lost.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from collections import Counter
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from storage import open_storage
from tests.fakes.botapi import TOKEN, FakeBotAPI
from tests.fakes.newssite import Item, NewsSite
from tests.harness import eventually

KILLS = 10
KILL_SPREAD = 0.6
FAST, SLOW = "nhanh", "cham"
# chat → its keywords and the word its pushes must contain (None: every article).
CHATS = {
    601: (["giá vàng"], "vàng"),
    602: (["giá vàng", "giá bạc"], None),
    603: (["giá bạc"], "bạc"),
}
PREFIX = "Giá "


def item(title: str) -> Item:
    slug = f"tin-{abs(hash(title))}"
    return Item(title=title, slug=slug, description=f"{title} sáng nay.", published=_now())


def _now() -> datetime:
    return datetime.now(UTC)


def wanted(chat: int, titles: list[str]) -> set[str]:
    word = CHATS[chat][1]
    return {title for title in titles if word is None or word in title}


async def prepare_chats(database_url: str) -> None:
    storage = await open_storage(database_url)
    try:
        for chat, (queries, _) in CHATS.items():
            await storage.ensure_chat(
                chat_id=chat, language="vi", timezone="UTC", digest_time=time(7)
            )
            for query in queries:
                await storage.add_subscription(chat_id=chat, query=query, limit=20)
            await storage.update_schedule(chat_id=chat, next_digest_at=None, frequency="instant")
    finally:
        await storage.close()


async def query(database_url: str, sql: str, **params: object) -> list[tuple[object, ...]]:
    engine = create_async_engine(database_url)
    try:
        async with engine.begin() as conn:
            result = await conn.execute(text(sql), params)
            return [tuple(row) for row in result.all()] if result.returns_rows else []
    finally:
        await engine.dispose()


async def start_bot(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=cwd, env=env, stderr=asyncio.subprocess.DEVNULL
    )


def headlines(api: FakeBotAPI, chat: int) -> Counter[str]:
    return Counter(
        m.text.split("\n", 1)[0] for m in api.messages(chat) if m.text.startswith(PREFIX)
    )


@pytest.mark.slow  # ten process starts: about 40 s
async def test_sigkills_between_storing_and_queueing_lose_and_double_no_push(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str, tmp_path: Path
) -> None:
    await prepare_chats(database_url)
    news_site.add_item(FAST, item("Tin cũ của nguồn nhanh"))
    news_site.add_item(SLOW, item("Tin cũ của nguồn chậm"))
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": bot_api.url,
        "DATABASE_URL": database_url,
        "FEEDS": f"{news_site.feed_url(FAST)},{news_site.feed_url(SLOW)}",
        "ALLOW_PRIVATE_FEED_URLS": "true",
        "FEED_CHECK_SECONDS": "1",
        "FEED_POLL_SECONDS": "3600",
        "LOG_LEVEL": "INFO",
    }
    first = await start_bot(env, tmp_path)  # the first poll stores the back catalogue only
    try:
        await eventually(lambda: _polled(database_url, 2), limit=30)
    finally:
        first.kill()
        await first.wait()

    titles, in_doubt = [f"{PREFIX}chậm bạc và vàng"], Counter[tuple[int, str]]()
    news_site.add_item(SLOW, item(titles[0]))
    news_site.set_delay(news_site.feed_url(SLOW), 60)  # keeps each round open until the kill
    pace = random.Random(2026)
    for kill in range(KILLS):
        titles.append(f"{PREFIX}{'vàng' if kill % 2 else 'bạc'} phiên {kill}")
        news_site.add_item(FAST, item(titles[-1]))
        await query(database_url, "UPDATE feeds SET next_check_at = NULL")
        process = await start_bot(env, tmp_path)
        try:
            await eventually(lambda: _stored(database_url, titles[-1]), limit=30)
            await asyncio.sleep(pace.uniform(0, KILL_SPREAD))
        finally:
            process.kill()
            await process.wait()
        caught = await _sending(database_url)
        assert max(Counter(chat for chat, _ in caught).values(), default=0) <= 1
        in_doubt.update(caught)

    news_site.clear_overrides(news_site.feed_url(SLOW))
    await query(database_url, "UPDATE feeds SET next_check_at = NULL")
    last = await start_bot(env, tmp_path)
    try:
        try:
            await eventually(lambda: _arrived(bot_api, titles, in_doubt), limit=60)
        except AssertionError:
            missing = {c: wanted(c, titles) - set(headlines(bot_api, c)) for c in CHATS}
            raise AssertionError(f"never pushed: {missing}") from None
        await eventually(lambda: _outbox_empty(database_url), limit=30)
    finally:
        last.send_signal(signal.SIGTERM)
        await asyncio.wait_for(last.wait(), 20)

    for chat in CHATS:
        got, doubt = headlines(bot_api, chat), {t for c, t in in_doubt if c == chat}
        assert not [t for t, n in got.items() if n > 1], f"chat {chat}: duplicated {got}"
        assert set(got) <= wanted(chat, titles), f"chat {chat}: pushed what it does not follow"
        lost = wanted(chat, titles) - set(got) - doubt
        assert not lost, f"chat {chat}: lost {sorted(lost)}"


async def _polled(database_url: str, count: int) -> bool:
    rows = await query(database_url, "SELECT count(*) FROM feeds WHERE last_success_at IS NOT NULL")
    return rows[0][0] == count


async def _stored(database_url: str, title: str) -> bool:
    return bool(await query(database_url, "SELECT id FROM articles WHERE headline = :t", t=title))


async def _sending(database_url: str) -> list[tuple[int, str]]:
    rows = await query(database_url, "SELECT chat_id, text FROM outbox WHERE state = 'sending'")
    return [(int(str(chat)), str(body).split("\n", 1)[0]) for chat, body in rows]


async def _arrived(api: FakeBotAPI, titles: list[str], in_doubt: Counter[tuple[int, str]]) -> bool:
    return all(
        set(headlines(api, chat)) | {t for c, t in in_doubt if c == chat} >= wanted(chat, titles)
        for chat in CHATS
    )


async def _outbox_empty(database_url: str) -> bool:
    rows = await query(
        database_url, "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')"
    )
    return rows[0][0] == 0
