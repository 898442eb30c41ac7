"""Pruning sent messages and old keys, backlog counts and folded backlogs, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage import Storage
from tests.storage.factories import make_chat

NOW = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
OLD = NOW - timedelta(days=40)
CHAT, OTHER = 1001, -1002


async def enqueue(storage: Storage, key: str, *, now: datetime, chat_id: int = CHAT) -> bool:
    return await storage.enqueue_delivery(
        chat_id=chat_id,
        period_key=key,
        messages=[(f"{key} one", "HTML"), (f"{key} two", None)],
        article_count=2,
        now=now,
    )


async def send_everything(storage: Storage, *, at: datetime) -> None:
    while messages := await storage.sendable_messages(now=at, limit=10):
        for message in messages:
            await storage.mark_sent(message_id=message.id, sent_at=at)


async def test_prune_drops_old_sent_and_failed_messages_and_old_scheduled_keys(
    storage: Storage,
) -> None:
    await make_chat(storage, CHAT)
    await make_chat(storage, OTHER)
    for key in ("daily:2026-01-21", "manual:2026-01-21T10:00", "instant:abc"):
        assert await enqueue(storage, key, now=OLD)
    await send_everything(storage, at=OLD + timedelta(hours=1))
    assert await enqueue(storage, "weekly:2026-01-19", now=OLD, chat_id=OTHER)
    await storage.fail_chat_messages(chat_id=OTHER, error="Forbidden: bot was blocked")
    assert await enqueue(storage, "daily:2026-03-02", now=NOW)

    assert await storage.prune_outbox(before=NOW - timedelta(days=7), batch=2) == 8
    assert await storage.outbox_counts() == {"pending": 2}
    assert await storage.prune_delivery_keys(before=NOW - timedelta(days=35), batch=2) == 3

    assert await enqueue(storage, "daily:2026-01-21", now=NOW), "an old period's key is gone"
    assert not await enqueue(storage, "instant:abc", now=NOW), "a story is never pushed twice"
    assert not await enqueue(storage, "daily:2026-03-02", now=NOW)
    assert await storage.prune_outbox(before=NOW, batch=2) == 0


async def test_recent_keys_and_unsent_messages_are_kept(storage: Storage) -> None:
    await make_chat(storage, CHAT)
    assert await enqueue(storage, "daily:2026-02-27", now=NOW - timedelta(days=3))
    await send_everything(storage, at=NOW - timedelta(days=3))
    assert await enqueue(storage, "daily:2026-01-20", now=OLD)  # never sent: still waiting
    assert await storage.prune_outbox(before=NOW - timedelta(days=7)) == 0
    assert await storage.prune_delivery_keys(before=NOW - timedelta(days=35)) == 0
    assert await storage.outbox_counts() == {"sent": 2, "pending": 2}


async def test_backlog_counts_and_folded_deliveries_claim_every_key(storage: Storage) -> None:
    await make_chat(storage, CHAT)
    await make_chat(storage, OTHER)
    assert await enqueue(storage, "instant:one", now=NOW)
    folded = [("digest part 1", "HTML"), ("digest part 2", "HTML")]
    keys = ["instant:a", "instant:b", "instant:c"]
    assert await storage.enqueue_folded(
        chat_id=CHAT, period_keys=keys, messages=folded, article_count=3, now=NOW
    )
    assert await storage.unsent_counts(chat_ids=[CHAT, OTHER]) == {CHAT: 4, OTHER: 0}
    assert await storage.known_keys(chat_id=CHAT, period_keys=[*keys, "instant:d"]) == set(keys)
    assert not await storage.enqueue_folded(
        chat_id=CHAT,
        period_keys=["instant:d", "instant:c"],
        messages=folded,
        article_count=2,
        now=NOW,
    )
    assert await storage.known_keys(chat_id=CHAT, period_keys=["instant:d"]) == set()
    assert await storage.known_keys(chat_id=OTHER, period_keys=keys) == set()
