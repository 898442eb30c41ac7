"""Settings: parsing, validation, and the plain-language start-up refusal."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings

TOKEN = "123456789:AAFakeTokenForLocalTestsOnly_abcdefghij"


def settings(**values: object) -> Settings:
    return Settings.model_validate({"telegram_bot_token": TOKEN, **values})


def start_bot(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot` with `env` in `cwd` until it exits."""
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_defaults() -> None:
    got = settings()
    assert got.telegram_api_url == "https://api.telegram.org"
    assert got.database_url == "sqlite+aiosqlite:///newsbot.db"
    assert got.feed_poll_seconds == 600
    assert (got.timezone, got.digest_time) == ("Asia/Ho_Chi_Minh", time(7, 0))
    assert got.feeds == [] and got.admin_ids == [] and got.allow_private_feed_urls is False


def test_reads_lists_and_times_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("FEEDS", "https://a.example/rss, https://b.example/atom")
    monkeypatch.setenv("ADMIN_IDS", "1,22")
    monkeypatch.setenv("DIGEST_TIME", "06:30")
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:8081/")
    got = Settings(_env_file=None)  # type: ignore[call-arg]
    assert got.feeds == ["https://a.example/rss", "https://b.example/atom"]
    assert got.admin_ids == [1, 22]
    assert got.digest_time == time(6, 30)
    assert got.telegram_api_url == "http://127.0.0.1:8081"


def test_listed_feeds_are_canonical_and_listed_once() -> None:
    got = settings(
        feeds="HTTP://A.example/rss?utm_source=x, http://a.example/rss#top, https://b.example/f?id=2"
    )
    assert got.feeds == ["http://a.example/rss", "https://b.example/f?id=2"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("timezone", "Mars/Olympus"),
        ("digest_time", "25:00"),
        ("feed_poll_seconds", 1),
        ("log_level", "LOUD"),
        ("telegram_api_url", "api.telegram.org"),
    ],
)
def test_refuses_bad_values(field: str, value: object) -> None:
    with pytest.raises(ValidationError):
        settings(**{field: value})


@pytest.mark.parametrize("token", ["", "abc", "123:short", "not a token at all, really, no"])
def test_refuses_malformed_tokens(token: str) -> None:
    with pytest.raises(ValidationError):
        Settings.model_validate({"telegram_bot_token": token})


@pytest.mark.parametrize("token", [None, "12345"])
def test_start_without_a_token_says_how_to_get_one(tmp_path: Path, token: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    if token is not None:
        env["TELEGRAM_BOT_TOKEN"] = token
    done = start_bot(env, tmp_path)
    assert done.returncode == 2
    assert "@BotFather" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("written", "used"),
    [
        ("sqlite+aiosqlite:///newsbot.db", "sqlite+aiosqlite:///newsbot.db"),
        ("sqlite:///newsbot.db", "sqlite+aiosqlite:///newsbot.db"),
        ("sqlite:////var/lib/newsbot/bot.db", "sqlite+aiosqlite:////var/lib/newsbot/bot.db"),
        ("sqlite+pysqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("postgresql+asyncpg://u:p@db/news", "postgresql+asyncpg://u:p@db/news"),
        ("postgres://u:p@db:5432/news", "postgresql+asyncpg://u:p@db:5432/news"),
        ("postgresql://u:p@db/news", "postgresql+asyncpg://u:p@db/news"),
        ("PostgreSQL://u@db/news", "postgresql+asyncpg://u@db/news"),
        ("postgresql+psycopg2://u:p@db/news", "postgresql+asyncpg://u:p@db/news"),
        ("postgresql+psycopg://u:p@db/news", "postgresql+asyncpg://u:p@db/news"),
        ("postgres://u:p@db/news?sslmode=require", "postgresql+asyncpg://u:p@db/news?ssl=require"),
        (" sqlite:///x.db ", "sqlite+aiosqlite:///x.db"),
    ],
)
def test_database_urls_map_to_the_async_drivers(written: str, used: str) -> None:
    got = settings(database_url=written)
    assert got.database_url == used
    if written.strip() == used:
        assert got.database_url_note is None
    else:
        scheme = written.strip().split("://")[0]
        assert got.database_url_note == (
            f"DATABASE_URL {scheme}://… read as {used.split('://')[0]}://… "
            "(the driver newsbot runs on)"
        )
        assert "u:p" not in got.database_url_note


@pytest.mark.parametrize(
    "written", ["newsbot.db", "", "mysql://u:p@db/news", "http://db/news", "postgres:/db"]
)
def test_start_with_an_unusable_database_url_says_what_to_write(
    tmp_path: Path, written: str
) -> None:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "DATABASE_URL": written}
    done = start_bot(env, tmp_path)
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("newsbot cannot start, invalid settings: DATABASE_URL: ")
    assert "write sqlite+aiosqlite:///newsbot.db" in line
    assert "postgresql+asyncpg://user:password@host:5432/dbname" in line
