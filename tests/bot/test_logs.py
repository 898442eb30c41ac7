"""The bot token never reaches a log line; a running bot logs what operators need, once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from datetime import timedelta

import pytest
from telegram.ext import CommandHandler

from bot.app import build_application, running
from bot.logs import RedactTokenFilter, setup_logging
from tests.fakes.botapi import TOKEN, FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import (
    SEED_HEADLINE,
    FakeClock,
    eventually,
    feeds_polled,
    make_settings,
    say,
)

CHAT = 4242
QUIETED = ("httpx", "httpcore", "apscheduler", "alembic")


def render(record: logging.LogRecord) -> str:
    RedactTokenFilter(TOKEN).filter(record)
    return logging.Formatter("%(message)s").format(record)


@pytest.mark.parametrize(
    "message",
    [
        f"HTTP Request: POST https://api.telegram.org/bot{TOKEN}/getUpdates",
        f"token {TOKEN} leaked",
        "bot987654321:ZZotherTokenShapeThatIsLongEnough_xyz/sendMessage",
    ],
)
def test_redacts_tokens_in_messages(message: str) -> None:
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, message, None, None)
    text = render(record)
    assert TOKEN not in text and "ZZotherToken" not in text and "<token>" in text


def test_redacts_tokens_in_arguments_and_tracebacks() -> None:
    try:
        raise RuntimeError(f"failed to reach /bot{TOKEN}/getMe")
    except RuntimeError:
        import sys

        record = logging.LogRecord(
            "telegram", logging.ERROR, __file__, 1, "call %s", (f"/bot{TOKEN}",), sys.exc_info()
        )
    text = render(record)
    assert TOKEN not in text
    assert text.count("<token>") == 2


# ---- what a running bot logs: rounds and failures in one line each, library noise quieted ----


@pytest.fixture
def operator_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Configure logging as `newsbot run` does, with caplog still seeing every record."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, {n: logging.getLogger(n).level for n in QUIETED})
    setup_logging("INFO", secret=TOKEN)
    root.addHandler(caplog.handler)
    try:
        yield caplog
    finally:
        root.handlers[:], _, levels = saved
        root.setLevel(saved[1])
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def lines(caplog: pytest.LogCaptureFixture, *, prefix: str = "") -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith(prefix)]


# Records are taken before the bot stops: PTB's last getUpdates at shutdown may time out on a
# loaded machine and log its own traceback, which is not what these tests are about.
def tracebacks(records: list[logging.LogRecord]) -> list[str]:
    return [r.getMessage() for r in records if r.exc_info or r.exc_text]


async def test_a_running_bot_logs_one_line_per_round_and_no_scheduler_or_alembic_lines(
    operator_logs: pytest.LogCaptureFixture,
    bot_api: FakeBotAPI,
    news_site: NewsSite,
    database_url: str,
) -> None:
    clock = FakeClock()
    settings = make_settings(bot_api, news_site, database_url, timezone="UTC")
    app = build_application(settings, digest_check_seconds=0.1, clock=clock)
    async with running(app):
        at = clock.now + timedelta(hours=1)
        await say(bot_api, CHAT, f"/time {at:%H:%M}")
        await say(bot_api, CHAT, "/subscribe dang uy")
        await eventually(lambda: feeds_polled(app))
        clock.now += timedelta(hours=1, minutes=1)
        (digest,) = await bot_api.wait_for_messages(CHAT)
        await asyncio.sleep(1.0)  # more scheduler ticks, each of which used to log two lines
        running_records = list(operator_logs.records)
    assert SEED_HEADLINE in digest.text
    records = operator_logs.records
    assert not [r for r in records if r.name.startswith(("apscheduler", "alembic"))]
    assert lines(operator_logs, prefix="database migrated from empty to ")
    (poll,) = lines(operator_logs, prefix="poll round:")
    host = news_site.url.removeprefix("http://")
    assert poll == (  # first poll: no titles read yet, so host and path
        f"poll round: 2 feeds polled, 2 new articles ({host}/feeds/baonghean.rss 1, "
        f"{host}/feeds/english.rss 1)"
    )
    (digests,) = lines(operator_logs, prefix="digest round:")
    assert digests == "digest round: 1 of 1 due chats queued a digest, 1 messages"
    assert not tracebacks(running_records)


async def test_a_member_who_blocked_the_bot_costs_one_line_and_no_second_reply(
    operator_logs: pytest.LogCaptureFixture,
    bot_api: FakeBotAPI,
    news_site: NewsSite,
    sqlite_url: str,
) -> None:
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        bot_api.block(CHAT)
        await bot_api.user_sends(CHAT, "/start and some words", language_code="en")
        await eventually(lambda: _logged(operator_logs, "handler failed"))
        await asyncio.sleep(0.5)  # a second attempt to reply would come now
        running_records = list(operator_logs.records)
    failures = [r for r in operator_logs.records if "failed" in r.getMessage()]
    assert [r.getMessage() for r in failures] == [
        f"handler failed in chat {CHAT} on '/start': Forbidden: bot was blocked by the user"
    ]
    assert failures[0].levelno == logging.WARNING
    assert not tracebacks(running_records)
    sends = [p for m, p in bot_api.calls if m == "sendMessage" and p.get("chat_id") == CHAT]
    assert len(sends) == 1


async def test_an_unexpected_error_names_chat_and_button_with_one_traceback(
    operator_logs: pytest.LogCaptureFixture,
    bot_api: FakeBotAPI,
    news_site: NewsSite,
    sqlite_url: str,
) -> None:
    async def broken(update: object, context: object) -> None:
        raise ZeroDivisionError("a bug")

    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    app.add_handler(CommandHandler("boom", broken), group=-1)
    async with running(app):
        reply = await say(bot_api, CHAT, "/boom " + "x" * 4000, language_code="en")
    assert "wrong" in reply  # the member still gets an answer
    (failure,) = [r for r in operator_logs.records if "handler failed" in r.getMessage()]
    assert failure.getMessage() == (
        f"handler failed in chat {CHAT} on '/boom': ZeroDivisionError: a bug"
    )
    assert failure.levelno == logging.ERROR and failure.exc_info is not None


async def test_telegram_unreachable_while_polling_is_one_line_and_its_return_another(
    operator_logs: pytest.LogCaptureFixture,
    bot_api: FakeBotAPI,
    news_site: NewsSite,
    sqlite_url: str,
) -> None:
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await eventually(lambda: feeds_polled(app))
        await bot_api.stop()
        await asyncio.sleep(4.0)  # several failed long polls (PTB retries after 1, 1.5, 2.25 s)
        await bot_api.start()
        await eventually(lambda: _logged(operator_logs, "Telegram reachable again"), limit=30)
        reply = await say(bot_api, CHAT, "/help", language_code="en")
        running_records = list(operator_logs.records)
    assert "/subscribe" in reply
    down = lines(operator_logs, prefix="Telegram unreachable")
    assert down == [
        "Telegram unreachable (NetworkError: httpx.ConnectError: All connection attempts "
        "failed), retrying"
    ]
    (up,) = lines(operator_logs, prefix="Telegram reachable again")
    assert "failed polls" in up
    assert not [r for r in operator_logs.records if "handler failed" in r.getMessage()]
    assert not tracebacks(running_records)


async def _logged(caplog: pytest.LogCaptureFixture, text: str) -> bool:
    return any(text in r.getMessage() for r in caplog.records)


async def test_a_command_failed_by_telegram_costs_one_line_without_traceback(
    operator_logs: pytest.LogCaptureFixture,
    bot_api: FakeBotAPI,
    news_site: NewsSite,
    sqlite_url: str,
) -> None:
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await eventually(lambda: feeds_polled(app))
        bot_api.answer_late(6.0)  # beyond PTB's read timeout: the reply is in doubt
        await bot_api.user_sends(CHAT, "/latest", language_code="en")
        await eventually(lambda: _logged(operator_logs, "handler failed"), limit=20)
        bot_api.answer_late(0)
        bot_api.outage("sendMessage", seconds=60)  # the reply is still retrying at the stop
        await bot_api.user_sends(CHAT + 1, "/help", language_code="en")
        await eventually(lambda: _refused_sends(bot_api))
    records = [r for r in operator_logs.records if not r.name.startswith("aiohttp")]
    for chat, command in ((CHAT, "/latest"), (CHAT + 1, "/help")):
        (line,) = [r for r in records if f"chat {chat}" in r.getMessage()]
        assert line.getMessage().startswith(f"handler failed in chat {chat} on '{command}': ")
        assert line.levelno == logging.WARNING
    assert not tracebacks(records)


async def _refused_sends(api: FakeBotAPI) -> bool:
    return any(method == "sendMessage" for method, _, _ in api.errors)
