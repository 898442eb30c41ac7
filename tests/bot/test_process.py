"""`python -m bot` as a real process: serves members, stops on SIGTERM, never logs the token."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.fakes.botapi import TOKEN, FakeBotAPI

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
