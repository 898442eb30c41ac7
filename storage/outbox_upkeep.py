"""Keep the outbox small: prune what is sent, count backlogs, fold a backlog under many keys.

Pruning rules, in order:
1. An outbox row that is `sent` or `failed` (sent, else queued, before the cutoff) is
   deleted with its text; `pending` and `sending` rows are never pruned.
2. A delivery row is only a key (chat, period) that stops the same period being queued
   twice. A scheduled or manual key (`daily:`, `weekly:`, `manual:`) is deleted once it is
   older than the cutoff and has no outbox row left: by then its period can never come
   round again. An instant key names a story, which another feed may carry again any time
   while articles are kept, so instant keys are never pruned (they hold no text).
3. Deletes go in batches, each its own short transaction: no long lock on either database.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, insert, select

from storage.errors import ConflictError
from storage.outbox_rows import queue_messages
from storage.session import Sessions, aware
from storage.tables import DeliveryRow, OutboxRow

PRUNE_BATCH = 500


class OutboxUpkeepStore:
    """Outbox pruning and backlog methods of `Storage`."""

    _db: Sessions

    async def prune_outbox(self, *, before: datetime, batch: int = PRUNE_BATCH) -> int:
        """Delete sent and failed messages from before `before`; return how many."""
        moment = func.coalesce(OutboxRow.sent_at, OutboxRow.not_before)
        done = OutboxRow.state.in_(("sent", "failed")) & (moment < aware(before, "before"))
        return await self._delete_batches(OutboxRow, done, batch)

    async def prune_delivery_keys(self, *, before: datetime, batch: int = PRUNE_BATCH) -> int:
        """Delete non-instant delivery keys claimed before `before` with no message left."""
        has_messages = select(OutboxRow.id).where(OutboxRow.delivery_id == DeliveryRow.id)
        old = (
            (DeliveryRow.claimed_at < aware(before, "before"))
            & DeliveryRow.period_key.not_like("instant:%")
            & ~has_messages.exists()
        )
        return await self._delete_batches(DeliveryRow, old, batch)

    async def _delete_batches(
        self, model: type[OutboxRow] | type[DeliveryRow], where: ColumnElement[bool], batch: int
    ) -> int:
        total = 0
        while True:
            async with self._db.transaction(f"prune {model.__tablename__}") as session:
                ids = list(await session.scalars(select(model.id).where(where).limit(batch)))
                if ids:
                    await session.execute(delete(model).where(model.id.in_(ids)))
            total += len(ids)
            if len(ids) < batch:
                return total

    async def unsent_counts(self, *, chat_ids: Collection[int]) -> dict[int, int]:
        """Return how many messages each chat has waiting (pending or sending)."""
        stmt = (
            select(OutboxRow.chat_id, func.count())
            .where(OutboxRow.chat_id.in_(list(chat_ids)))
            .where(OutboxRow.state.in_(("pending", "sending")))
            .group_by(OutboxRow.chat_id)
        )
        async with self._db.transaction("count waiting messages", write=False) as session:
            counts = {int(chat): int(n) for chat, n in (await session.execute(stmt)).all()}
        return {chat_id: counts.get(chat_id, 0) for chat_id in chat_ids}

    async def known_keys(self, *, chat_id: int, period_keys: Collection[str]) -> set[str]:
        """Return which of `period_keys` the chat already has a delivery for."""
        stmt = select(DeliveryRow.period_key).where(
            DeliveryRow.chat_id == chat_id, DeliveryRow.period_key.in_(list(period_keys))
        )
        async with self._db.transaction("look up delivery keys", write=False) as session:
            return set(await session.scalars(stmt))

    async def enqueue_folded(
        self,
        *,
        chat_id: int,
        period_keys: Sequence[str],
        messages: Sequence[tuple[str, str | None]],
        article_count: int,
        now: datetime,
    ) -> bool:
        """Claim every key and queue one folded message set under the first; False if taken."""
        now = aware(now, "now")
        if not period_keys:
            return False
        first, *others = period_keys
        claim = {"chat_id": chat_id, "claimed_at": now, "article_count": 0}
        try:
            async with self._db.transaction(f"fold a backlog for chat {chat_id}") as session:
                delivery_id = await session.scalar(
                    insert(DeliveryRow)
                    .values(claim | {"period_key": first, "article_count": article_count})
                    .returning(DeliveryRow.id)
                )
                if others:
                    await session.execute(
                        insert(DeliveryRow), [claim | {"period_key": key} for key in others]
                    )
                await queue_messages(
                    session, chat_id=chat_id, delivery_id=delivery_id, messages=messages, now=now
                )
        except ConflictError:
            return False  # a key was taken meanwhile: the next round folds what is left
        return True
