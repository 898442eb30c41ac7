"""Migrations: applied by open_storage, idempotent, and in step with storage.tables."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from storage import StorageError, open_storage
from storage.engine import create_engine
from storage.migrate import current_revision, head_revision
from storage.tables import Base
from tests.storage.factories import make_chat

TABLES = {
    "feeds",
    "articles",
    "chats",
    "subscriptions",
    "deliveries",
    "outbox",
    "muted_sources",
    "instant_queue",
    "alembic_version",
}


def _schema_diff(connection: Connection) -> list[Any]:
    return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


def _table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_open_creates_every_table_at_head(database_url: str) -> None:
    storage = await open_storage(database_url)
    await storage.close()
    engine = create_engine(database_url)
    try:
        async with engine.connect() as conn:
            assert await conn.run_sync(_table_names) >= TABLES
        assert await current_revision(engine) == head_revision() == "0005"
    finally:
        await engine.dispose()


async def test_migration_matches_table_definitions(database_url: str) -> None:
    storage = await open_storage(database_url)
    await storage.close()
    engine = create_engine(database_url)
    try:
        async with engine.connect() as conn:
            assert await conn.run_sync(_schema_diff) == []
    finally:
        await engine.dispose()


async def test_second_open_is_a_no_op_and_keeps_data(database_url: str) -> None:
    first = await open_storage(database_url)
    feed = await first.add_feed(url="https://baonghean.vn/rss")
    chat = await make_chat(first)
    await first.close()

    second = await open_storage(database_url)
    try:
        assert await second.list_feeds() == [feed]
        assert await second.get_chat(chat_id=chat.id) == chat
    finally:
        await second.close()


async def _join_aiosqlite_threads() -> None:
    # aiosqlite stops a connection that failed to open by queueing a close whose result it
    # posts back to the loop later; wait for that while the loop is still running.
    for thread in threading.enumerate():
        if thread.name.endswith("(_connection_worker_thread)"):
            await asyncio.to_thread(thread.join, 2)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("sqlite+aiosqlite:///{tmp}/missing-dir/newsbot.db", id="sqlite-missing-dir"),
        pytest.param("postgresql+asyncpg://postgres@127.0.0.1:1/test", id="postgresql-closed-port"),
    ],
)
async def test_open_unreachable_database_raises_storage_error(url: str, tmp_path: Path) -> None:
    try:
        with pytest.raises(StorageError, match="could not migrate database"):
            await open_storage(url.format(tmp=tmp_path))
    finally:
        await _join_aiosqlite_threads()


async def test_open_rejects_a_malformed_url() -> None:
    with pytest.raises(StorageError, match="could not open database"):
        await open_storage("not a url")


@pytest.mark.parametrize(
    ("pragma", "expected"),
    [("journal_mode", "wal"), ("foreign_keys", 1), ("busy_timeout", 5000)],
)
async def test_sqlite_connections_get_pragmas(
    sqlite_url: str, pragma: str, expected: object
) -> None:
    engine = create_engine(sqlite_url)
    try:
        async with engine.connect() as conn:
            value = (await conn.execute(text(f"PRAGMA {pragma}"))).scalar_one()
        assert value == expected
    finally:
        await engine.dispose()


async def test_0004_rekeys_queries_so_typed_diacritics_count(database_url: str) -> None:
    storage = await open_storage(database_url)
    chat = await make_chat(storage)
    await storage.add_subscription(chat_id=chat.id, query="Đảng ủy", limit=5)
    await storage.close()
    engine = create_engine(database_url)
    try:
        async with engine.begin() as conn:  # as a 0003 database stored it: folded
            await conn.execute(text("UPDATE subscriptions SET query_folded = 'dang uy'"))
            await conn.execute(text("DROP TABLE instant_queue"))  # added by 0005
            await conn.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    finally:
        await engine.dispose()

    storage = await open_storage(database_url)
    try:
        await storage.add_subscription(chat_id=chat.id, query="dang uy", limit=5)
        stored = [sub.query for sub in await storage.list_subscriptions(chat_id=chat.id)]
        assert stored == ["Đảng ủy", "dang uy"]
    finally:
        await storage.close()
