"""Transactions for the repository: one AsyncSession per call, errors wrapped with context.

Rule order inside `Sessions.transaction`:
0. On SQLite, write transactions of this process take turns (an asyncio lock): SQLite has
   one writer at a time anyway, and dozens of concurrent writers waiting on its file lock
   would otherwise outlast `busy_timeout` and fail with "database is locked".
1. A fresh session from the read or write sessionmaker (write = `BEGIN IMMEDIATE` on SQLite).
2. The body runs in one transaction, committed on exit, rolled back on any exception.
3. A constraint violation becomes `ConflictError`; any other driver or SQLAlchemy error
   becomes `StorageError` naming the action ("could not add article ... : reason").
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from datetime import UTC, datetime

from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.engine import writer
from storage.errors import ConflictError, StorageError


class Sessions:
    """Read and write sessionmakers over one engine."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._read = async_sessionmaker(engine, expire_on_commit=False)
        self._write = async_sessionmaker(writer(engine), expire_on_commit=False)
        self._sqlite = engine.dialect.name == "sqlite"
        self._writer_turn = asyncio.Lock()

    @asynccontextmanager
    async def transaction(self, action: str, *, write: bool = True) -> AsyncIterator[AsyncSession]:
        """Yield a session inside one transaction; wrap failures as StorageError."""
        maker = self._write if write else self._read
        try:
            async with self._turn(write), maker() as session, session.begin():
                yield session
        except IntegrityError as exc:
            raise ConflictError(f"could not {action}: {reason(exc)}") from exc
        except (SQLAlchemyError, OSError) as exc:
            raise StorageError(f"could not {action}: {reason(exc)}") from exc

    def _turn(self, write: bool) -> AbstractAsyncContextManager[object]:
        return self._writer_turn if write and self._sqlite else nullcontext()


def reason(exc: BaseException) -> str:
    """Return the driver's message without SQLAlchemy's SQL dump and help link."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return f"{type(exc.orig).__name__}: {exc.orig}".strip()
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def utc_now() -> datetime:
    """Return the current time, timezone-aware UTC."""
    return datetime.now(UTC)


def aware(value: datetime, name: str) -> datetime:
    """Return `value` in UTC; refuse a naive datetime, whose zone would be a guess."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")
    return value.astimezone(UTC)
