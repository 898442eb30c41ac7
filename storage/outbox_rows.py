"""Outbox rows as one delivery queues them, shared by scheduled digests and folded backlogs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import OutboxRow


async def queue_messages(
    session: AsyncSession,
    *,
    chat_id: int,
    delivery_id: int | None,
    messages: Sequence[tuple[str, str | None]],
    now: datetime,
) -> None:
    """Queue a delivery's messages, pending and in order, in the caller's transaction."""
    rows = [
        {
            "chat_id": chat_id,
            "delivery_id": delivery_id,
            "seq": seq,
            "text": text,
            "parse_mode": mode,
            "state": "pending",
            "attempts": 0,
            "not_before": now,
        }
        for seq, (text, mode) in enumerate(messages)
    ]
    if rows:
        await session.execute(insert(OutboxRow), rows)
