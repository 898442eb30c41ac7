"""Digest schedules, the outbox of messages to send, muted sources and chat migration.

Outbox rules, in order:
1. `enqueue_delivery` records the delivery key (chat, period), every message of the digest,
   the chat's covered-until time and its next digest time in ONE transaction: either the
   digest exists completely or not at all, and a second enqueue of the same key adds nothing.
   A key already taken never moves the chat's covered-until time (the digest that took it
   moved it already; moving it again would swallow articles no digest has shown); only the
   next digest time moves, so a taken key is not claimed again every minute.
2. A chat's messages leave in order: only its oldest unsent message may be sent (none while
   one is `sending`), and only once its `not_before` has passed.
3. A message is marked `sending` only once the rate limiter has let its request go
   (`handlers.outbox_limiter`), and `sent` after Telegram's answer, so at any moment at most
   one message per chat, the one whose request may have left, is `sending`. A request with
   no answer in time is `sent` with last_error "in doubt: …" (Telegram may have delivered
   it and offers no idempotency key: it is never sent again).
4. At start-up, `reconcile_outbox` takes `sending` rows as sent, in doubt, so a crash while
   Telegram's answer is on its way never doubles a message. The price is the window between
   the `sending` commit and the request leaving the process: a crash exactly there loses
   that one message of that chat.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, time

from sqlalchemy import func, insert, select, update

from digest.models import Chat, OutgoingMessage, Subscription
from storage import codec
from storage.errors import ConflictError
from storage.outbox_rows import queue_messages
from storage.session import Sessions, aware
from storage.tables import ChatRow, DeliveryRow, OutboxRow, SubscriptionRow

_UNSET: object = object()


MID_SEND = "in doubt: caught mid-send by a stop; it may not have arrived"


class OutboxStore:
    """Schedule, outbox, mute and migration methods of `Storage`."""

    _db: Sessions

    async def update_schedule(
        self,
        *,
        chat_id: int,
        next_digest_at: datetime | None,
        frequency: str | None = None,
        paused: bool | None = None,
        digest_time: time | None = None,
        timezone: str | None = None,
    ) -> None:
        """Change a chat's schedule fields together with its next digest time."""
        values: dict[str, object] = {
            "next_digest_at": None if next_digest_at is None else aware(next_digest_at, "next")
        }
        for name, value in (
            ("frequency", frequency),
            ("paused", paused),
            ("digest_time", digest_time),
            ("timezone", timezone),
        ):
            if value is not None:
                values[name] = value
        async with self._db.transaction(f"update the schedule of chat {chat_id}") as session:
            await session.execute(update(ChatRow).where(ChatRow.id == chat_id).values(values))

    async def set_language(self, *, chat_id: int, language: str) -> None:
        """Change a chat's interface language."""
        async with self._db.transaction(f"set the language of chat {chat_id}") as session:
            await session.execute(
                update(ChatRow).where(ChatRow.id == chat_id).values(language=language)
            )

    async def due_chats(self, *, now: datetime, limit: int = 1000) -> list[Chat]:
        """Return active, unpaused chats whose next scheduled digest is at or before `now`."""
        stmt = (
            select(ChatRow)
            .where(
                ChatRow.active.is_(True),
                ChatRow.paused.is_(False),
                ChatRow.next_digest_at.is_not(None),
                ChatRow.next_digest_at <= aware(now, "now"),
            )
            .order_by(ChatRow.next_digest_at, ChatRow.id)
            .limit(limit)
        )
        async with self._db.transaction("list due chats", write=False) as session:
            return [codec.chat_from_row(row) for row in await session.scalars(stmt)]

    async def chats_following(self, *, frequency: str) -> list[Chat]:
        """Return active, unpaused chats of one frequency that follow at least one query."""
        has_subs = select(SubscriptionRow.id).where(SubscriptionRow.chat_id == ChatRow.id)
        stmt = select(ChatRow).where(
            ChatRow.active.is_(True),
            ChatRow.paused.is_(False),
            ChatRow.frequency == frequency,
            has_subs.exists(),
        )
        async with self._db.transaction(f"list {frequency} chats", write=False) as session:
            return [codec.chat_from_row(row) for row in await session.scalars(stmt)]

    async def subscriptions_of(self, *, frequency: str) -> list[Subscription]:
        """Return the subscriptions of active, unpaused chats with that frequency."""
        stmt = (
            select(SubscriptionRow)
            .join(ChatRow, ChatRow.id == SubscriptionRow.chat_id)
            .where(
                ChatRow.active.is_(True),
                ChatRow.paused.is_(False),
                ChatRow.frequency == frequency,
            )
            .order_by(SubscriptionRow.id)
        )
        async with self._db.transaction(f"list {frequency} subscriptions", write=False) as s:
            return [codec.subscription_from_row(row) for row in await s.scalars(stmt)]

    async def enqueue_delivery(
        self,
        *,
        chat_id: int,
        period_key: str,
        messages: Sequence[tuple[str, str | None]],
        article_count: int,
        now: datetime,
        covered_until: datetime | None = None,
        next_digest_at: object = _UNSET,
    ) -> bool:
        """Store a digest's messages under its key and move the schedule; False if known."""
        now = aware(now, "now")
        chat_values: dict[str, object] = {}
        if covered_until is not None:
            chat_values["last_digest_at"] = aware(covered_until, "covered_until")
        if next_digest_at is not _UNSET:
            chat_values["next_digest_at"] = next_digest_at
        action = f"enqueue digest {period_key!r} for chat {chat_id}"
        try:
            async with self._db.transaction(action) as session:
                delivery_id = await session.scalar(
                    insert(DeliveryRow)
                    .values(
                        chat_id=chat_id,
                        period_key=period_key,
                        claimed_at=now,
                        sent_at=None if messages else now,
                        article_count=article_count,
                    )
                    .returning(DeliveryRow.id)
                )
                await queue_messages(
                    session, chat_id=chat_id, delivery_id=delivery_id, messages=messages, now=now
                )
                if chat_values:
                    stmt = update(ChatRow).where(ChatRow.id == chat_id).values(chat_values)
                    await session.execute(stmt)
        except ConflictError:
            if not await self._delivery_known(chat_id, period_key):
                raise
            chat_values.pop("last_digest_at", None)
            if chat_values:
                await self._update_chat_row(chat_id, chat_values)
            return False
        return True

    async def _delivery_known(self, chat_id: int, period_key: str) -> bool:
        stmt = select(DeliveryRow.id).where(
            DeliveryRow.chat_id == chat_id, DeliveryRow.period_key == period_key
        )
        async with self._db.transaction("look up a delivery", write=False) as session:
            return await session.scalar(stmt) is not None

    async def _update_chat_row(self, chat_id: int, values: dict[str, object]) -> None:
        async with self._db.transaction(f"advance the schedule of chat {chat_id}") as session:
            await session.execute(update(ChatRow).where(ChatRow.id == chat_id).values(values))

    async def sendable_messages(
        self, *, now: datetime, limit: int, busy: Collection[int] = ()
    ) -> list[OutgoingMessage]:
        """Return each ready chat's oldest pending message (not_before passed), oldest first."""
        heads = (
            select(func.min(OutboxRow.id).label("id"))
            .where(OutboxRow.state.in_(("pending", "sending")))
            .group_by(OutboxRow.chat_id)
            .subquery()
        )
        stmt = (
            select(OutboxRow)
            .join(heads, OutboxRow.id == heads.c.id)
            .where(OutboxRow.state == "pending", OutboxRow.not_before <= aware(now, "now"))
            .order_by(OutboxRow.id)
            .limit(limit + len(busy))
        )
        async with self._db.transaction("list sendable messages", write=False) as session:
            rows = list(await session.scalars(stmt))
        ready = [codec.outgoing_from_row(row) for row in rows if row.chat_id not in busy]
        return ready[:limit]

    async def mark_sending(self, *, message_id: int) -> None:
        """Record that the message is about to be sent."""
        await self._set_message(message_id, "mark message sending", state="sending")

    async def mark_sent(
        self, *, message_id: int, sent_at: datetime, doubt: str | None = None
    ) -> None:
        """Record the message as sent (`doubt`: why it may not have arrived); close its
        delivery when it was the last one."""
        values: dict[str, object] = {"state": "sent", "sent_at": aware(sent_at, "sent_at")}
        if doubt is not None:
            values["last_error"] = doubt[:500]
        async with self._db.transaction(f"mark message {message_id} sent") as session:
            delivery_id = await session.scalar(
                update(OutboxRow)
                .where(OutboxRow.id == message_id)
                .values(values)
                .returning(OutboxRow.delivery_id)
            )
            left = await session.scalar(
                select(func.count())
                .select_from(OutboxRow)
                .where(OutboxRow.delivery_id == delivery_id, OutboxRow.state != "sent")
            )
            if delivery_id is not None and not left:
                await session.execute(
                    update(DeliveryRow)
                    .where(DeliveryRow.id == delivery_id)
                    .values(sent_at=values["sent_at"])
                )

    async def release(self, *, message_id: int) -> None:
        """Put a `sending` message back to `pending`: Telegram refused its request (a 429)."""
        async with self._db.transaction(f"release message {message_id}") as session:
            await session.execute(
                update(OutboxRow)
                .where(OutboxRow.id == message_id, OutboxRow.state == "sending")
                .values(state="pending")
            )

    async def postpone(self, *, message_id: int, not_before: datetime, error: str) -> None:
        """Put a message back in the queue until `not_before` (after a 429 or a network error)."""
        await self._set_message(
            message_id,
            "postpone message",
            state="pending",
            not_before=aware(not_before, "not_before"),
            attempts=OutboxRow.attempts + 1,
            last_error=error[:500],
        )

    async def replace_text(self, *, message_id: int, text: str, parse_mode: str | None) -> None:
        """Change what a queued message says (e.g. plain text after an entity error)."""
        await self._set_message(message_id, "rewrite message", text=text, parse_mode=parse_mode)

    async def fail_message(self, *, message_id: int, error: str) -> None:
        """Give up one message Telegram will never accept."""
        await self._set_message(message_id, "drop message", state="failed", last_error=error[:500])

    async def fail_chat_messages(self, *, chat_id: int, error: str) -> int:
        """Give up every unsent message of a chat (it blocked us); return how many."""
        async with self._db.transaction(f"drop the queue of chat {chat_id}") as session:
            result = await session.execute(
                update(OutboxRow)
                .where(OutboxRow.chat_id == chat_id, OutboxRow.state.in_(("pending", "sending")))
                .values(state="failed", last_error=error[:500])
            )
        return int(getattr(result, "rowcount", 0) or 0)

    async def reconcile_outbox(self) -> int:
        """Take messages caught mid-send by a crash as sent, in doubt; return how many."""
        async with self._db.transaction("reconcile the outbox") as session:
            result = await session.execute(
                update(OutboxRow)
                .where(OutboxRow.state == "sending")
                .values(state="sent", last_error=MID_SEND)
            )
        return int(getattr(result, "rowcount", 0) or 0)

    async def outbox_counts(self) -> dict[str, int]:
        """Return the number of outbox messages in each state."""
        stmt = select(OutboxRow.state, func.count()).group_by(OutboxRow.state)
        async with self._db.transaction("count the outbox", write=False) as session:
            return {state: int(n) for state, n in (await session.execute(stmt)).all()}

    async def _set_message(self, message_id: int, action: str, **values: object) -> None:
        async with self._db.transaction(f"{action} {message_id}") as session:
            await session.execute(
                update(OutboxRow).where(OutboxRow.id == message_id).values(values)
            )
