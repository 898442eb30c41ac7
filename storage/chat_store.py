"""Chats, subscriptions and digest deliveries: the part of `Storage` the handlers drive.

Delivery rules, in order: `claim_delivery` inserts (chat, period) and the unique
constraint lets exactly one claimant win; `complete_delivery` marks it sent and moves the
chat's `last_digest_at` in the same transaction; `release_delivery` drops an unsent claim
so a failed digest can be retried.
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
from storage.tables import ChatRow, DeliveryRow, SubscriptionRow


class ChatStore:
    """Chat, subscription and delivery methods of `Storage`."""

    _db: Sessions

    async def ensure_chat(
        self, *, chat_id: int, language: str, timezone: str, digest_time: time
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

    # deliveries
    async def claim_delivery(self, *, chat_id: int, period_key: str) -> bool:
        """Record that the digest `period_key` for a chat is being sent; False if already."""
        row = DeliveryRow(
            chat_id=chat_id, period_key=period_key, claimed_at=utc_now(), article_count=0
        )
        try:
            async with self._db.transaction(f"claim digest {period_key!r} for chat {chat_id}") as s:
                s.add(row)
        except ConflictError:
            if await self._delivery_exists(chat_id, period_key):
                return False
            raise
        return True

    async def release_delivery(self, *, chat_id: int, period_key: str) -> None:
        """Drop an unsent claim so the digest can be tried again later."""
        action = f"release digest {period_key!r} for chat {chat_id}"
        async with self._db.transaction(action) as session:
            await session.execute(
                delete(DeliveryRow).where(
                    DeliveryRow.chat_id == chat_id,
                    DeliveryRow.period_key == period_key,
                    DeliveryRow.sent_at.is_(None),
                )
            )

    async def complete_delivery(
        self, *, chat_id: int, period_key: str, article_ids: list[int], sent_at: datetime
    ) -> None:
        """Mark the delivery sent and move the chat's last_digest_at to `sent_at`.

        A missing claim is recorded as sent anyway, so the digest is never sent twice.
        """
        sent_at = aware(sent_at, "sent_at")
        count = len(article_ids)
        action = f"complete digest {period_key!r} for chat {chat_id}"
        async with self._db.transaction(action) as session:
            updated = await session.scalar(
                update(DeliveryRow)
                .where(DeliveryRow.chat_id == chat_id, DeliveryRow.period_key == period_key)
                .values(sent_at=sent_at, article_count=count)
                .returning(DeliveryRow.id)
            )
            if updated is None:
                session.add(
                    DeliveryRow(
                        chat_id=chat_id,
                        period_key=period_key,
                        claimed_at=sent_at,
                        sent_at=sent_at,
                        article_count=count,
                    )
                )
            await session.execute(
                update(ChatRow).where(ChatRow.id == chat_id).values(last_digest_at=sent_at)
            )

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

    async def _delivery_exists(self, chat_id: int, period_key: str) -> bool:
        action = f"look up digest {period_key!r} for chat {chat_id}"
        async with self._db.transaction(action, write=False) as session:
            found = await session.scalar(
                select(DeliveryRow.id).where(
                    DeliveryRow.chat_id == chat_id, DeliveryRow.period_key == period_key
                )
            )
        return found is not None


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
