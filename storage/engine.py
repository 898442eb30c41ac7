"""Engine creation for SQLite (aiosqlite) and PostgreSQL (asyncpg).

SQLite rules, in the order they are applied on every new connection and transaction:
1. The driver's own BEGIN handling is switched off (`isolation_level = None`), so the
   transaction boundaries are exactly SQLAlchemy's (SQLAlchemy's documented recipe).
2. `journal_mode=WAL` lets readers run beside a writer; `busy_timeout` makes a blocked
   writer wait instead of failing; `foreign_keys=ON` enforces the schema's foreign keys.
3. Transactions opened through `writer(engine)` start with `BEGIN IMMEDIATE`, taking the
   write lock up front: a deferred transaction that reads and then writes can fail with
   "database is locked" no matter the busy timeout. Others start with a plain `BEGIN`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

BUSY_TIMEOUT_MS = 5000
_WRITE_OPTION = "newsbot_write"
_SQLITE_PRAGMAS = ("journal_mode=WAL", f"busy_timeout={BUSY_TIMEOUT_MS}", "foreign_keys=ON")


def create_engine(url: str) -> AsyncEngine:
    """Create the async engine for `url`, with the SQLite connection rules when needed."""
    engine = create_async_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_on_connect)
        event.listen(engine.sync_engine, "begin", _sqlite_on_begin)
    return engine


def writer(engine: AsyncEngine) -> AsyncEngine:
    """Return a view of `engine` whose transactions take the write lock at BEGIN on SQLite."""
    return engine.execution_options(**{_WRITE_OPTION: True})


def _sqlite_on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    write = conn.get_execution_options().get(_WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
