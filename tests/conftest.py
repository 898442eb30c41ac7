"""Shared fixtures: database URLs for SQLite (always) and PostgreSQL (when configured)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest_plugins = ["tests.fakes.fixtures"]

PG_ENV = "TEST_DATABASE_URL"


def _backends() -> list[object]:
    skip_reason = f"{PG_ENV} is not set; PostgreSQL tests need a server (see README)"
    return [
        pytest.param("sqlite", id="sqlite"),
        pytest.param(
            "postgresql",
            id="postgresql",
            marks=pytest.mark.skipif(not os.environ.get(PG_ENV), reason=skip_reason),
        ),
    ]


async def _reset_postgres(url: str) -> None:
    """Drop every table so each test starts from an empty, unmigrated database."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()


@pytest.fixture(params=_backends())
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """Yield a URL to an empty database: a temp SQLite file, or the test PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'newsbot.db'}"
        return
    url = os.environ[PG_ENV]
    await _reset_postgres(url)
    yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """Return a URL to a fresh temp SQLite database file."""
    return f"sqlite+aiosqlite:///{tmp_path / 'newsbot.db'}"
