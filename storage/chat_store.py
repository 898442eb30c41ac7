"""Chats and subscriptions: the part of `Storage` the command handlers drive.

Deliveries and their messages live in `storage.outbox_store`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from digest.models import Chat, Subscription
from storage import codec, search
from storage.errors import ConflictError, StorageError, SubscriptionLimitError
from storage.session import Sessions, aware, utc_now
from storage.tables import ChatRow, SubscriptionRow


class ChatStore:
    """Chat, subscription and delivery methods of `Storage`."""

    _db: Sessions

    async def ensure_chat(
        self,
        *,
        chat_id: int,
        language: str,
        timezone: str,
        digest_time: time,
        next_digest_at: datetime | None = None,
    ) -> Chat:
        """Insert the chat with these defaults if unknown; return the stored chat."""
        existing = await self.get_chat(chat_id=chat_id)
        if existing is not None:
            return existing
        row = ChatRow(
            id=chat_id,
            timezone=timezone,
            digest_time=digest_time,
            language=language,
            active=True,
            created_at=utc_now(),
            frequency="daily",
            paused=False,
            next_digest_at=None if next_digest_at is None else aware(next_digest_at, "next"),
        )
        try:
            async with self._db.transaction(f"add chat {chat_id}") as session:
                session.add(row)
        except ConflictError:
            existing = await self.get_chat(chat_id=chat_id)
            if existing is None:
                raise
            return existing
        return codec.chat_from_row(row)

    async def get_chat(self, *, chat_id: int) -> Chat | None:
        """Return the chat or None."""
        async with self._db.transaction(f"load chat {chat_id}", write=False) as session:
            row = await session.get(ChatRow, chat_id)
            return None if row is None else codec.chat_from_row(row)

    async def list_chats(self) -> list[Chat]:
        """Return every active chat."""
        async with self._db.transaction("list chats", write=False) as session:
            rows = await session.scalars(
                select(ChatRow).where(ChatRow.active.is_(True)).order_by(ChatRow.id)
            )
            return [codec.chat_from_row(row) for row in rows]

    async def set_digest_time(self, *, chat_id: int, digest_time: time) -> None:
        """Change a chat's local digest time."""
        await self._update_chat(chat_id, "set the digest time", {"digest_time": digest_time})

    async def set_timezone(self, *, chat_id: int, timezone: str) -> None:
        """Change a chat's IANA timezone."""
        await self._update_chat(chat_id, "set the timezone", {"timezone": timezone})

    async def set_chat_active(self, *, chat_id: int, active: bool) -> None:
        """Mark a chat active or inactive (blocked the bot)."""
        await self._update_chat(chat_id, "set the active flag", {"active": active})

    # subscriptions
    async def add_subscription(self, *, chat_id: int, query: str, limit: int) -> Subscription:
        """Add a query; return the existing one if equal; raise SubscriptionLimitError at limit.

        Queries are equal when their folded words are (`Hà Nội` = `ha noi` = `Nội Hà`).
        """
        key = search.query_key(query)
        try:
            async with self._db.transaction(f"add subscription for chat {chat_id}") as session:
                return await _insert_subscription(session, chat_id, query, key, limit)
        except ConflictError:
            existing = await self._find_subscription(chat_id, key)
            if existing is None:
                raise
            return existing

    async def list_subscriptions(self, *, chat_id: int) -> list[Subscription]:
        """Return a chat's subscriptions, oldest first."""
        action = f"list subscriptions of chat {chat_id}"
        async with self._db.transaction(action, write=False) as session:
            rows = await session.scalars(
                select(SubscriptionRow)
                .where(SubscriptionRow.chat_id == chat_id)
                .order_by(SubscriptionRow.id)
            )
            return [codec.subscription_from_row(row) for row in rows]

    async def remove_subscription(self, *, chat_id: int, subscription_id: int) -> bool:
        """Delete one of the chat's subscriptions; False when it was not there."""
        action = f"remove subscription {subscription_id} of chat {chat_id}"
        async with self._db.transaction(action) as session:
            removed = await session.scalar(
                delete(SubscriptionRow)
                .where(SubscriptionRow.id == subscription_id, SubscriptionRow.chat_id == chat_id)
                .returning(SubscriptionRow.id)
            )
        return removed is not None

    async def _update_chat(self, chat_id: int, action: str, values: Mapping[str, object]) -> None:
        async with self._db.transaction(f"{action} of chat {chat_id}") as session:
            found = await session.scalar(
                update(ChatRow).where(ChatRow.id == chat_id).values(values).returning(ChatRow.id)
            )
            if found is None:
                raise StorageError(f"could not {action} of chat {chat_id}: no such chat")

    async def _find_subscription(self, chat_id: int, key: str) -> Subscription | None:
        action = f"look up a subscription of chat {chat_id}"
        async with self._db.transaction(action, write=False) as session:
            row = await session.scalar(_subscription_by_key(chat_id, key))
            return None if row is None else codec.subscription_from_row(row)


def _subscription_by_key(chat_id: int, key: str) -> Select[SubscriptionRow]:
    return select(SubscriptionRow).where(
        SubscriptionRow.chat_id == chat_id, SubscriptionRow.query_folded == key
    )


async def _insert_subscription(
    session: AsyncSession, chat_id: int, query: str, key: str, limit: int
) -> Subscription:
    # Locking the chat row serialises concurrent adds on PostgreSQL, so the count below
    # cannot be exceeded by a race (SQLite's BEGIN IMMEDIATE already serialises writers).
    chat = await session.scalar(select(ChatRow.id).where(ChatRow.id == chat_id).with_for_update())
    if chat is None:
        raise StorageError(f"could not add subscription for chat {chat_id}: no such chat")
    existing = await session.scalar(_subscription_by_key(chat_id, key))
    if existing is not None:
        return codec.subscription_from_row(existing)
    count = await session.scalar(
        select(func.count()).select_from(SubscriptionRow).where(SubscriptionRow.chat_id == chat_id)
    )
    if (count or 0) >= limit:
        raise SubscriptionLimitError(f"chat {chat_id} already has {count} subscriptions")
    row = SubscriptionRow(chat_id=chat_id, query=query, query_folded=key, created_at=utc_now())
    session.add(row)
    await session.flush()
    return codec.subscription_from_row(row)
