"""Schedules, the outbox, muted sources and chat migration, on every backend."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from storage import Storage, StorageError
from tests.storage.factories import make_chat

NOW = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
CHAT = 1001


def html(*texts: str) -> list[tuple[str, str | None]]:
    return [(text, "HTML") for text in texts]


async def enqueue(storage: Storage, key: str = "daily:2026-03-02", *texts: str) -> bool:
    return await storage.enqueue_delivery(
        chat_id=CHAT,
        period_key=key,
        messages=html(*(texts or ("one", "two"))),
        article_count=2,
        now=NOW,
        covered_until=NOW,
        next_digest_at=NOW + timedelta(days=1),
    )


async def test_a_delivery_key_is_queued_once(storage: Storage) -> None:
    await make_chat(storage, CHAT)
    assert await enqueue(storage)
    assert not await enqueue(storage)
    assert await storage.outbox_counts() == {"pending": 2}
    chat = await storage.get_chat(chat_id=CHAT)
    assert chat is not None and chat.last_digest_at == NOW
    assert chat.next_digest_at == NOW + timedelta(days=1)


async def test_a_taken_key_never_moves_the_covered_time(storage: Storage) -> None:
    await make_chat(storage, CHAT)
    assert await enqueue(storage)
    later = NOW + timedelta(hours=11)
    assert not await storage.enqueue_delivery(
        chat_id=CHAT,
        period_key="daily:2026-03-02",
        messages=html("swallowed"),
        article_count=1,
        now=later,
        covered_until=later,
        next_digest_at=later + timedelta(days=1),
    )
    chat = await storage.get_chat(chat_id=CHAT)
    assert chat is not None and chat.last_digest_at == NOW, "no digest showed what came since"
    assert chat.next_digest_at == later + timedelta(days=1), "the taken key is not due again"


async def test_concurrent_enqueues_of_one_key_queue_one_digest(storage: Storage) -> None:
    await make_chat(storage, CHAT)
    results = await asyncio.gather(*(enqueue(storage) for _ in range(10)))
    assert results.count(True) == 1
    assert await storage.outbox_counts() == {"pending": 2}


async def test_enqueue_for_an_unknown_chat_is_an_error(storage: Storage) -> None:
    with pytest.raises(StorageError, match="enqueue digest"):
        await enqueue(storage)


async def test_a_chat_sends_its_messages_in_order(storage: Storage) -> None:
    await make_chat(storage, CHAT)
    await enqueue(storage)
    (head,) = await storage.sendable_messages(now=NOW, limit=10)
    assert (head.text, head.seq) == ("one", 0)
    assert await storage.sendable_messages(now=NOW, limit=10, busy={CHAT}) == []
    await storage.mark_sending(message_id=head.id)
    assert await storage.sendable_messages(now=NOW, limit=10) == []
    await storage.mark_sent(message_id=head.id, sent_at=NOW)
    (second,) = await storage.sendable_messages(now=NOW, limit=10)
    assert second.text == "two"


async def test_a_postponed_message_waits_and_holds_back_the_rest(storage: Storage) -> None:
    await make_chat(storage, CHAT)
    await enqueue(storage)
    (head,) = await storage.sendable_messages(now=NOW, limit=10)
    later = NOW + timedelta(seconds=30)
    await storage.postpone(message_id=head.id, not_before=later, error="429")
    assert await storage.sendable_messages(now=NOW + timedelta(seconds=29), limit=10) == []
    (again,) = await storage.sendable_messages(now=later, limit=10)
    assert again.id == head.id and again.attempts == 1


async def test_reconcile_takes_mid_send_messages_as_sent(storage: Storage) -> None:
    await make_chat(storage, CHAT)
    await enqueue(storage)
    (head,) = await storage.sendable_messages(now=NOW, limit=10)
    await storage.mark_sending(message_id=head.id)
    assert await storage.reconcile_outbox() == 1
    assert await storage.outbox_counts() == {"sent": 1, "pending": 1}


async def test_a_blocked_chat_loses_its_queue_only(storage: Storage) -> None:
    await make_chat(storage, CHAT)
    await make_chat(storage, CHAT + 1)
    await enqueue(storage)
    await storage.enqueue_delivery(
        chat_id=CHAT + 1, period_key="k", messages=html("x"), article_count=1, now=NOW
    )
    assert await storage.fail_chat_messages(chat_id=CHAT, error="blocked") == 2
    (left,) = await storage.sendable_messages(now=NOW, limit=10)
    assert left.chat_id == CHAT + 1


async def test_an_empty_scheduled_digest_records_its_key_and_sends_nothing(
    storage: Storage,
) -> None:
    await make_chat(storage, CHAT)
    assert await storage.enqueue_delivery(
        chat_id=CHAT,
        period_key="daily:x",
        messages=[],
        article_count=0,
        now=NOW,
        next_digest_at=NOW + timedelta(days=1),
    )
    assert await storage.sendable_messages(now=NOW, limit=10) == []
    assert await storage.due_chats(now=NOW + timedelta(hours=1)) == []


async def test_due_chats_skips_paused_inactive_and_unscheduled(storage: Storage) -> None:
    for chat_id in (1, 2, 3, 4):
        await make_chat(storage, chat_id)
        await storage.update_schedule(chat_id=chat_id, next_digest_at=NOW)
    await storage.update_schedule(chat_id=2, next_digest_at=NOW, paused=True)
    await storage.set_chat_active(chat_id=3, active=False)
    await storage.update_schedule(chat_id=4, next_digest_at=None, frequency="off")
    assert [c.id for c in await storage.due_chats(now=NOW)] == [1]
    assert await storage.due_chats(now=NOW - timedelta(seconds=1)) == []


async def test_migrating_a_chat_moves_everything_it_owns(storage: Storage) -> None:
    await make_chat(storage, CHAT)
    await storage.add_subscription(chat_id=CHAT, query="giá vàng", limit=20)
    await storage.mute_source(chat_id=CHAT, host="example.vn")
    await enqueue(storage)
    await storage.migrate_chat(old_id=CHAT, new_id=-100123)
    assert await storage.get_chat(chat_id=CHAT) is None
    assert [s.query for s in await storage.list_subscriptions(chat_id=-100123)] == ["giá vàng"]
    assert await storage.muted_sources(chat_id=-100123) == {"example.vn"}
    assert {m.chat_id for m in await storage.sendable_messages(now=NOW, limit=10)} == {-100123}


async def test_mute_and_unmute_sources(storage: Storage) -> None:
    await make_chat(storage, CHAT)
    assert await storage.mute_source(chat_id=CHAT, host="a.vn")
    assert not await storage.mute_source(chat_id=CHAT, host="a.vn")
    assert await storage.muted_sources(chat_id=CHAT) == {"a.vn"}
    assert await storage.unmute_source(chat_id=CHAT, host="a.vn")
    assert not await storage.unmute_source(chat_id=CHAT, host="a.vn")


async def test_release_puts_back_only_a_message_still_sending(storage: Storage) -> None:
    await make_chat(storage, CHAT)
    await enqueue(storage)
    (head,) = await storage.sendable_messages(now=NOW, limit=10)
    await storage.mark_sending(message_id=head.id)
    assert await storage.sendable_messages(now=NOW, limit=10) == []
    await storage.release(message_id=head.id)
    (again,) = await storage.sendable_messages(now=NOW, limit=10)
    assert again.id == head.id
    await storage.mark_sent(message_id=head.id, sent_at=NOW, doubt="in doubt: timed out")
    await storage.release(message_id=head.id)
    assert await storage.outbox_counts() == {"sent": 1, "pending": 1}
