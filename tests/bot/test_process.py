"""`python -m bot` as a real process: serves members, stops on SIGTERM, never logs the token."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from storage import open_storage
from tests.fakes.botapi import TOKEN, FakeBotAPI
from tests.harness import eventually

CHAT = 777


async def wait_for_polling(api: FakeBotAPI, process: asyncio.subprocess.Process) -> None:
    for _ in range(300):
        if any(method == "getUpdates" for method, _ in api.calls):
            return
        if process.returncode is not None:
            break
        await asyncio.sleep(0.1)
    raise AssertionError("the bot never started polling")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
async def test_process_serves_and_stops_cleanly_on_signal(
    bot_api: FakeBotAPI, tmp_path: Path, stop: signal.Signals
) -> None:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": bot_api.url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "FEEDS": "",
        "LOG_LEVEL": "DEBUG",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await wait_for_polling(bot_api, process)
        await bot_api.user_sends(CHAT, "/start", language_code="en")
        (welcome,) = await bot_api.wait_for_messages(CHAT, count=1)
        assert "/subscribe" in welcome.text
        process.send_signal(stop)
        _, stderr = await asyncio.wait_for(process.communicate(), 20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = stderr.decode()
    assert process.returncode == 0, log[-2000:]
    assert "newsbot started" in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log


def bot_env(api: FakeBotAPI, database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api.url,
        "DATABASE_URL": database_url,
        "FEEDS": "",
        "LOG_LEVEL": "INFO",
    }


async def queue_digests(database_url: str, chats: range, parts: int) -> set[str]:
    storage = await open_storage(database_url)
    expected: set[str] = set()
    try:
        now = datetime.now(UTC)
        for chat in chats:
            await storage.ensure_chat(
                chat_id=chat, language="vi", timezone="UTC", digest_time=time(7)
            )
            texts = [f"chat {chat} part {n}" for n in range(parts)]
            expected.update(texts)
            await storage.enqueue_delivery(
                chat_id=chat,
                period_key="daily:x",
                messages=[(t, None) for t in texts],
                article_count=parts,
                now=now,
            )
    finally:
        await storage.close()
    return expected


async def sent_count(api: FakeBotAPI) -> int:
    return sum(1 for method, _ in api.calls if method == "sendMessage")


async def test_sigkill_mid_send_then_restart_loses_and_repeats_nothing(
    bot_api: FakeBotAPI, tmp_path: Path
) -> None:
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    expected = await queue_digests(database_url, range(1, 9), parts=3)
    bot_api.response_delay = 0.3  # kills land while Telegram's answer is on its way
    env = bot_env(bot_api, database_url)
    first = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path, env=env, stderr=asyncio.subprocess.DEVNULL
    )
    try:
        # All eight chats' first messages are now with "Telegram", answers pending: the
        # crash lands between sending and recording, the case the outbox must survive.
        await eventually(lambda: _at_least(bot_api, 8), limit=30)
    finally:
        first.kill()
        await first.wait()
    second = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path, env=env, stderr=asyncio.subprocess.DEVNULL
    )
    try:
        try:
            await eventually(lambda: _all_arrived(bot_api, expected), limit=30)
        except AssertionError:
            got = {m.text for chat in range(1, 9) for m in bot_api.messages(chat)}
            raise AssertionError(f"missing: {sorted(expected - got)}") from None
        await asyncio.sleep(1.0)
    finally:
        second.send_signal(signal.SIGTERM)
        await asyncio.wait_for(second.wait(), 20)
    texts = [m.text for chat in range(1, 9) for m in bot_api.messages(chat)]
    assert sorted(texts) == sorted(expected), "every message exactly once"


async def _at_least(api: FakeBotAPI, count: int) -> bool:
    return await sent_count(api) >= count


async def _all_arrived(api: FakeBotAPI, expected: set[str]) -> bool:
    got = {m.text for chat in range(1, 9) for m in api.messages(chat)}
    return got >= expected
