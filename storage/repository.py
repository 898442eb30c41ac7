"""Typed, keyword-only storage API over SQLAlchemy 2 async (SQLite or PostgreSQL).

`Storage` gathers the feed/article methods (`storage.feed_store`) and the chat,
subscription and delivery methods (`storage.chat_store`). Every method opens its own
session and transaction (`storage.session`), maps rows to the frozen objects of
`digest.models` before returning, and raises `StorageError` naming the failed action.
Datetimes are timezone-aware UTC in and out; naive ones are refused with ValueError.
"""

from __future__ import annotations

from alembic.util import CommandError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from storage.chat_admin import ChatAdminStore
from storage.chat_store import ChatStore
from storage.engine import create_engine
from storage.errors import StorageError
from storage.feed_poll import FeedPollStore
from storage.feed_store import FeedStore
from storage.migrate import upgrade
from storage.outbox_store import OutboxStore
from storage.outbox_upkeep import OutboxUpkeepStore
from storage.session import Sessions, reason


async def open_storage(url: str) -> Storage:
    """Create the engine for `url`, apply migrations (alembic upgrade head) and return Storage."""
    try:
        safe_url = make_url(url).render_as_string(hide_password=True)
        engine = create_engine(url)
    except (SQLAlchemyError, ValueError) as exc:
        raise StorageError(f"could not open database: {reason(exc)}") from exc
    try:
        await upgrade(engine)
    except (SQLAlchemyError, OSError, CommandError) as exc:
        await engine.dispose()
        raise StorageError(f"could not migrate database {safe_url}: {reason(exc)}") from exc
    return Storage(Sessions(engine))


class Storage(FeedStore, FeedPollStore, ChatStore, OutboxStore, OutboxUpkeepStore, ChatAdminStore):
    """All database access. One AsyncSession per method call; safe to share across tasks."""

    def __init__(self, sessions: Sessions) -> None:
        self._db = sessions

    async def close(self) -> None:
        """Dispose of the engine."""
        await self._db.engine.dispose()
