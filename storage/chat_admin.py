"""Muted sources and chat-id migration (a group upgraded to a supergroup)."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update

from storage.errors import ConflictError
from storage.session import Sessions
from storage.tables import (
    ChatRow,
    DeliveryRow,
    MutedSourceRow,
    OutboxRow,
    SubscriptionRow,
)


class ChatAdminStore:
    """Mute and migration methods of `Storage`."""

    _db: Sessions

    async def mute_source(self, *, chat_id: int, host: str) -> bool:
        """Hide a source (host) from a chat's digests; False if it was already muted."""
        try:
            async with self._db.transaction(f"mute {host!r} for chat {chat_id}") as session:
                await session.execute(insert(MutedSourceRow).values(chat_id=chat_id, host=host))
        except ConflictError:
            return False
        return True

    async def unmute_source(self, *, chat_id: int, host: str) -> bool:
        """Show a muted source again; False if it was not muted."""
        async with self._db.transaction(f"unmute {host!r} for chat {chat_id}") as session:
            gone = await session.scalar(
                delete(MutedSourceRow)
                .where(MutedSourceRow.chat_id == chat_id, MutedSourceRow.host == host)
                .returning(MutedSourceRow.id)
            )
        return gone is not None

    async def muted_sources(self, *, chat_id: int) -> frozenset[str]:
        """Return the hosts a chat has muted."""
        stmt = select(MutedSourceRow.host).where(MutedSourceRow.chat_id == chat_id)
        async with self._db.transaction(f"list muted sources of {chat_id}", write=False) as s:
            return frozenset(await s.scalars(stmt))

    async def migrate_chat(self, *, old_id: int, new_id: int) -> None:
        """Move a chat and everything it owns to its new id (group → supergroup)."""
        async with self._db.transaction(f"move chat {old_id} to {new_id}") as session:
            old = await session.get(ChatRow, old_id)
            if old is None or await session.get(ChatRow, new_id) is not None:
                return
            columns = {c.key: getattr(old, c.key) for c in ChatRow.__table__.columns}
            await session.execute(insert(ChatRow).values({**columns, "id": new_id}))
            for table in (SubscriptionRow, DeliveryRow, MutedSourceRow, OutboxRow):
                await session.execute(
                    update(table).where(table.chat_id == old_id).values(chat_id=new_id)
                )
            await session.execute(delete(ChatRow).where(ChatRow.id == old_id))
