"""Periodic jobs log one line when they start failing and one when they are back."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine
from telegram.error import NetworkError

from bot.app import build_application, running
from handlers.conditions import Condition, TelegramSends
from storage.errors import StorageError
from tests.conftest import PG_ENV, _reset_postgres
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import SEED_HEADLINE, FakeClock, articles_stored, eventually, make_settings, say

CHAT = 8080
LOCKED = StorageError("could not list sendable messages: OperationalError: database is locked")
WITH_PRUNING = ["digest round", "outbox pruning", "outbox sender"]
GONE = StorageError("could not enqueue digest: OperationalError: no such table: deliveries")


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("errors", "warnings", "errors_logged"),
    [
        ([LOCKED] * 10, 1, 0),
        ([LOCKED, GONE, LOCKED], 1, 0),
        ([LOCKED, ValueError("bug"), ValueError("bug again"), GONE], 1, 1),
        ([KeyError("a"), ValueError("b"), KeyError("c")], 0, 2),
    ],
)
def test_failures_log_once_per_kind(
    errors: list[BaseException],
    warnings: int,
    errors_logged: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    ticks = Ticks()
    condition = Condition("digest round", clock=ticks)
    with caplog.at_level(logging.INFO, logger="handlers.conditions"):
        for error in errors:
            ticks.now += condition.failed(error)
        condition.succeeded()
        condition.succeeded()
    levels = [record.levelno for record in caplog.records]
    assert levels.count(logging.WARNING) == warnings
    assert levels.count(logging.ERROR) == errors_logged
    assert levels.count(logging.INFO) == 1
    assert all(r.exc_info is None for r in caplog.records if r.levelno == logging.WARNING)
    assert f"({len(errors)} failed attempts)" in caplog.records[-1].getMessage()


def test_retries_back_off_and_a_success_resets_them() -> None:
    ticks = Ticks()
    condition = Condition("outbox sender", first_delay=1, max_delay=30, clock=ticks)
    delays = [condition.failed(LOCKED) for _ in range(8)]
    assert delays == [1, 2, 4, 8, 16, 30, 30, 30]
    assert not condition.ready()
    ticks.now += 30
    assert condition.ready() and condition.failing
    condition.succeeded()
    assert not condition.failing and condition.ready()
    assert condition.failed(LOCKED) == 1


async def test_a_database_outage_is_two_lines_per_job_and_the_digest_still_comes(
    bot_api: FakeBotAPI, news_site: NewsSite, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "newsbot.db"
    clock = FakeClock()
    settings = make_settings(bot_api, news_site, f"sqlite+aiosqlite:///{path}", timezone="UTC")
    app = build_application(settings, digest_check_seconds=0.1, clock=clock)
    async with running(app):
        await say(bot_api, CHAT, f"/time {clock.now + timedelta(hours=1):%H:%M}")
        await say(bot_api, CHAT, "/subscribe dang uy")
        await eventually(lambda: articles_stored(app))
        with caplog.at_level(logging.INFO):
            await asyncio.to_thread(
                _rename, path, ("outbox", "outbox_away"), ("deliveries", "d_away")
            )
            clock.now += timedelta(hours=1, minutes=1)
            await eventually(lambda: _logged(caplog, "database unavailable", 2))
            await asyncio.sleep(3)  # the outage lasts a few seconds
            await asyncio.to_thread(
                _rename, path, ("outbox_away", "outbox"), ("d_away", "deliveries")
            )
            (digest,) = await bot_api.wait_for_messages(CHAT, timeout=45)
            await eventually(lambda: _logged(caplog, "database back after", 2), limit=45)
    assert SEED_HEADLINE in digest.text
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert all(r.exc_info is None for r in loud)
    jobs = sorted(r.getMessage().split(":")[0] for r in loud)
    # Pruning runs once soon after start-up, and may meet the outage too.
    assert jobs in (["digest round", "outbox sender"], WITH_PRUNING), [r.getMessage() for r in loud]


def _rename(path: Path, *renames: tuple[str, str]) -> None:
    """Make tables vanish (or come back) under the running bot, from another connection."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")  # waits its turn; a deferred upgrade could not
        for old, new in renames:
            conn.execute(f"ALTER TABLE {old} RENAME TO {new}")
        conn.execute("COMMIT")
    finally:
        conn.close()


async def _logged(caplog: pytest.LogCaptureFixture, text: str, count: int) -> bool:
    return sum(text in record.getMessage() for record in caplog.records) >= count


@pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set")
async def test_postgresql_down_is_two_lines_per_job_and_the_digest_still_comes(
    bot_api: FakeBotAPI, news_site: NewsSite, caplog: pytest.LogCaptureFixture
) -> None:
    url = os.environ[PG_ENV]
    await _reset_postgres(url)
    clock = FakeClock()
    settings = make_settings(bot_api, news_site, url, timezone="UTC")
    app = build_application(settings, digest_check_seconds=0.1, clock=clock)
    async with running(app):
        await say(bot_api, CHAT, f"/time {clock.now + timedelta(hours=1):%H:%M}")
        await say(bot_api, CHAT, "/subscribe dang uy")
        await eventually(lambda: articles_stored(app))
        with caplog.at_level(logging.INFO):
            try:
                await _allow_connections(url, allow=False)
                clock.now += timedelta(hours=1, minutes=1)
                await eventually(lambda: _logged(caplog, "database unavailable", 2))
                await asyncio.sleep(3)  # the outage lasts a few seconds
            finally:
                await _allow_connections(url, allow=True)
            (digest,) = await bot_api.wait_for_messages(CHAT, timeout=45)
            await eventually(lambda: _logged(caplog, "database back after", 2), limit=45)
    assert SEED_HEADLINE in digest.text
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert all(r.exc_info is None for r in loud), [r.getMessage() for r in loud]
    jobs = [r.getMessage().split(":")[0] for r in loud]
    assert len(jobs) == len(set(jobs)) <= 4, [r.getMessage() for r in loud]


async def _allow_connections(url: str, *, allow: bool) -> None:
    """Stop the server taking connections to the test database (and drop its sessions), or not."""
    target = make_url(url)
    engine = create_async_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = target.database
    try:
        async with engine.connect() as conn:
            await conn.execute(
                text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allow).lower()}')
            )
            if not allow:
                await conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": name},
                )
    finally:
        await engine.dispose()


BAD_GATEWAY = NetworkError("Bad Gateway")


def test_telegram_refusals_are_one_condition_and_late_ones_do_not_lengthen_the_wait(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ticks = Ticks()
    telegram = TelegramSends("outbox sender", clock=ticks)
    with caplog.at_level(logging.INFO, logger="handlers.conditions"):
        burst = [telegram.refused(BAD_GATEWAY, message_id=n) for n in range(1, 33)]
        assert burst == [1.0] * 32 and not telegram.ready()  # all in flight when it began
        delays = []
        for _ in range(5):  # one probe per wait, the same message each time
            ticks.now += 10
            assert telegram.ready()
            refused = NetworkError("httpx.ConnectError: refused")
            delays.append(telegram.refused(refused, message_id=1))
        ticks.now += 3
        telegram.succeeded()
        telegram.succeeded()
    assert delays == [2, 4, 5, 5, 5]
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (
            logging.WARNING,
            "outbox sender: Telegram not taking sends (NetworkError: Bad Gateway);"
            " retrying with backoff, at least every 5 s",
        ),
        (
            logging.INFO,
            "outbox sender: Telegram taking sends again after 53 s; 32 messages waited"
            " (6 failed attempts)",
        ),
    ]
    assert all(r.exc_info is None for r in caplog.records)
