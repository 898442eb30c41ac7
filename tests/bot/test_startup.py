"""Start-up as a real process: unreachable Telegram or database are waited for, one line a try."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import PG_ENV, _reset_postgres
from tests.fakes.botapi import TOKEN, FakeBotAPI

CHAT = 778
WRONG_TOKEN = "123456789:AAWrongTokenForLocalTestsOnly_abcdefghij"


class BotProcess:
    """`python -m bot` with its log lines collected as they come."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        assert self.process.stderr is not None
        while line := await self.process.stderr.readline():
            self.lines.append(line.decode().rstrip("\n"))

    def matching(self, text: str) -> list[str]:
        return [line for line in self.lines if text in line]

    async def wait_for(self, text: str, *, count: int = 1, limit: float = 30) -> None:
        for _ in range(int(limit * 10)):
            if len(self.matching(text)) >= count:
                return
            if self._reader.done():
                break
            await asyncio.sleep(0.1)
        raise AssertionError(f"{count}× {text!r} not logged:\n" + "\n".join(self.lines))

    async def finish(self, limit: float = 20) -> int:
        code = await asyncio.wait_for(self.process.wait(), limit)
        await self._reader
        return code


@contextlib.asynccontextmanager
async def bot_process(tmp_path: Path, **env: str) -> AsyncIterator[BotProcess]:
    values = {"TELEGRAM_BOT_TOKEN": TOKEN, "FEEDS": "", "LOG_LEVEL": "INFO", **env}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env={**os.environ, **values},
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        yield BotProcess(process)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def assert_plain(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert "Traceback" not in text, text
    assert TOKEN not in text and TOKEN.split(":")[1] not in text


async def test_telegram_unreachable_at_start_is_retried_then_the_bot_serves(
    bot_api: FakeBotAPI, tmp_path: Path
) -> None:
    await bot_api.stop()  # Telegram is down when the bot starts
    async with bot_process(
        tmp_path, TELEGRAM_API_URL=bot_api.url, DATABASE_URL="sqlite:///bot.db"
    ) as bot:
        await bot.wait_for("Telegram unreachable at start", count=2)
        await bot_api.start()
        await bot.wait_for("newsbot started")
        await bot_api.user_sends(CHAT, "/start", language_code="en")
        (welcome,) = await bot_api.wait_for_messages(CHAT, timeout=20)
        bot.process.send_signal(signal.SIGTERM)
        assert await bot.finish() == 0
    assert "/subscribe" in welcome.text
    retries = bot.matching("Telegram unreachable at start")
    assert retries[0].endswith(
        "Telegram unreachable at start (NetworkError: httpx.ConnectError: All connection "
        "attempts failed); retrying in 1 s"
    )
    assert retries[1].endswith("; retrying in 2 s")
    assert bot.matching("DATABASE_URL sqlite://… read as sqlite+aiosqlite://…")
    assert_plain(bot.lines)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
async def test_a_signal_while_waiting_for_telegram_stops_at_once(
    tmp_path: Path, stop: signal.Signals
) -> None:
    async with bot_process(tmp_path, TELEGRAM_API_URL=f"http://127.0.0.1:{closed_port()}") as bot:
        await bot.wait_for("retrying in 2 s")
        bot.process.send_signal(stop)
        assert await bot.finish(limit=5) == 0
    assert_plain(bot.lines)


async def test_a_token_telegram_rejects_is_one_line_and_exit_1(
    bot_api: FakeBotAPI, tmp_path: Path
) -> None:
    async with bot_process(
        tmp_path, TELEGRAM_API_URL=bot_api.url, TELEGRAM_BOT_TOKEN=WRONG_TOKEN
    ) as bot:
        assert await bot.finish() == 1
    (line,) = bot.lines
    assert "Telegram rejected TELEGRAM_BOT_TOKEN (InvalidToken" in line and "@BotFather" in line
    assert WRONG_TOKEN not in line
    assert [method for method, _ in bot_api.calls] == ["getMe"]  # tried once, not retried


async def test_a_database_that_cannot_be_opened_is_one_line_and_exit_1(
    bot_api: FakeBotAPI, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'bot.db'}"
    async with bot_process(tmp_path, TELEGRAM_API_URL=bot_api.url, DATABASE_URL=url) as bot:
        assert await bot.finish() == 1
    (line,) = bot.lines
    assert "refused the connection (unable to open database file); check DATABASE_URL" in line


class Relay:
    """A TCP port that stays closed until `open_to` forwards it to a real server."""

    def __init__(self) -> None:
        self.port = closed_port()
        self._server: asyncio.Server | None = None

    async def open_to(self, host: str, port: int) -> None:
        async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ConnectionError):
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
            writer.close()

        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            up_reader, up_writer = await asyncio.open_connection(host, port)
            await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

        self._server = await asyncio.start_server(serve, "127.0.0.1", self.port)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()


@pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set")
async def test_postgresql_unreachable_at_start_is_retried_with_the_password_hidden(
    bot_api: FakeBotAPI, tmp_path: Path
) -> None:
    await _reset_postgres(os.environ[PG_ENV])
    real = urlsplit(os.environ[PG_ENV])
    relay = Relay()
    user = real.username or "postgres"
    url = f"postgres://{user}:s3cret@127.0.0.1:{relay.port}{real.path}"
    try:
        async with bot_process(tmp_path, TELEGRAM_API_URL=bot_api.url, DATABASE_URL=url) as bot:
            await bot.wait_for("unreachable at start", count=2)
            await relay.open_to(real.hostname or "127.0.0.1", real.port or 5432)
            await bot.wait_for("newsbot started")
            bot.process.send_signal(signal.SIGTERM)
            assert await bot.finish() == 0
    finally:
        await relay.close()
    first = bot.matching("unreachable at start")[0]
    assert f"database postgresql+asyncpg://{user}:***@127.0.0.1:{relay.port}" in first
    assert "ConnectionRefusedError" in first and first.endswith("retrying in 1 s")
    assert "s3cret" not in "\n".join(bot.lines)
    assert_plain(bot.lines)
