"""Telegram not taking the outbox's sends costs one line when it starts and one when it ends.

Through the real Application against the fake Bot API, with logging set up as `newsbot run`
does; the fake's own access log (`aiohttp.access`) is not the bot's and is left out.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest

from bot.app import build_application, running
from bot.logs import QUIET_LOGGERS, setup_logging
from tests.fakes.botapi import TOKEN, FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.handlers.test_outbox_faults import all_sent, queue, received
from tests.harness import eventually, make_settings

COMMANDER = 99
DOWN = "outbox sender: Telegram not taking sends"
UP = "outbox sender: Telegram taking sends again after"


@pytest.fixture
def operator_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Configure logging as `newsbot run` does, with caplog still seeing every record."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, {n: logging.getLogger(n).level for n in QUIET_LOGGERS})
    setup_logging("INFO", secret=TOKEN)
    root.addHandler(caplog.handler)
    try:
        yield caplog
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        for name, level in saved[2].items():
            logging.getLogger(name).setLevel(level)


def bot_lines(records: list[logging.LogRecord]) -> list[logging.LogRecord]:
    return [r for r in records if not r.name.startswith("aiohttp")]


def starting_with(records: list[logging.LogRecord], prefix: str) -> list[str]:
    return [r.getMessage() for r in records if r.getMessage().startswith(prefix)]


def refused_sends(api: FakeBotAPI) -> int:
    return sum(1 for method, _, _ in api.errors if method == "sendMessage")


@pytest.mark.slow  # a long fault sweep: `make test-slow`, and CI, run it
async def test_a_502_outage_during_a_send_out_is_two_lines_and_sends_back_off(
    operator_logs: pytest.LogCaptureFixture,
    bot_api: FakeBotAPI,
    news_site: NewsSite,
    sqlite_url: str,
) -> None:
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        bot_api.outage("sendMessage", seconds=8)
        expected = await queue(app, range(1, 61), parts=1)
        await bot_api.user_sends(COMMANDER, "/help", language_code="en")
        await eventually(lambda: all_sent(app, 60), limit=60)
        (reply,) = await bot_api.wait_for_messages(COMMANDER, timeout=30)
        await asyncio.sleep(0.5)  # a resend would show up by now
        records = bot_lines(operator_logs.records)
    assert received(bot_api, expected) == expected
    assert "/subscribe" in reply.text  # the command's reply came after the outage
    problems = [r for r in records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in problems] == [
        f"{DOWN} (NetworkError: Bad Gateway); retrying with backoff, at least every 5 s"
    ]
    (up,) = starting_with(records, UP)
    assert "messages waited" in up
    assert not [r for r in records if r.exc_info or r.exc_text]
    assert not [r for r in records if str(COMMANDER) in r.getMessage() or "/help" in r.getMessage()]
    # One message per chat in flight when it began, then one probe at a time with backoff
    # (before: every queued chat retried every 5 s).
    assert refused_sends(bot_api) <= 32 + 8


@pytest.mark.slow  # a long fault sweep: `make test-slow`, and CI, run it
async def test_telegram_unreachable_during_a_send_out_is_two_lines_for_the_outbox(
    operator_logs: pytest.LogCaptureFixture,
    bot_api: FakeBotAPI,
    news_site: NewsSite,
    sqlite_url: str,
) -> None:
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await bot_api.stop()
        expected = await queue(app, range(1, 7), parts=3)
        await eventually(lambda: _logged(operator_logs, DOWN))
        await asyncio.sleep(3)  # more failed attempts, which must log nothing more
        await bot_api.start()
        await eventually(lambda: all_sent(app, 18), limit=60)
        await asyncio.sleep(0.5)  # a resend would show up by now
        records = bot_lines(operator_logs.records)
    assert received(bot_api, expected) == expected
    (down,) = starting_with(records, DOWN)
    assert "ConnectError" in down
    (up,) = starting_with(records, UP)
    assert "6 messages waited" in up
    assert not [r for r in records if r.exc_info or r.exc_text]
    assert len([r for r in records if r.levelno >= logging.WARNING]) <= 2  # + polling's line


async def _logged(caplog: pytest.LogCaptureFixture, text: str) -> bool:
    return any(r.getMessage().startswith(text) for r in caplog.records)
