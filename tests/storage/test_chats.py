"""Chats, subscriptions and digest deliveries."""

from __future__ import annotations

import asyncio
from datetime import time, timedelta, timezone

import pytest

from storage import Storage, StorageError, SubscriptionLimitError
from tests.storage.factories import VN_CHAT_ID, make_chat

ICT = timezone(timedelta(hours=7))


async def test_ensure_chat_inserts_once_and_keeps_first_settings(storage: Storage) -> None:
    first = await make_chat(storage)
    again = await storage.ensure_chat(
        chat_id=VN_CHAT_ID, language="en", timezone="UTC", digest_time=time(9, 0)
    )

    assert again == first
    assert (first.id, first.language, first.digest_time) == (VN_CHAT_ID, "vi", time(7, 30))
    assert first.created_at is not None and first.created_at.tzinfo is not None


async def test_concurrent_ensure_chat_stores_one_chat(storage: Storage) -> None:
    chats = await asyncio.gather(*(make_chat(storage) for _ in range(10)))

    assert {chat.id for chat in chats} == {VN_CHAT_ID}
    assert len(await storage.list_chats()) == 1


async def test_settings_changes_are_stored(storage: Storage) -> None:
    await make_chat(storage)
    await storage.set_digest_time(chat_id=VN_CHAT_ID, digest_time=time(18, 45))
    await storage.set_timezone(chat_id=VN_CHAT_ID, timezone="Europe/Berlin")

    chat = await storage.get_chat(chat_id=VN_CHAT_ID)
    assert chat is not None
    assert (chat.digest_time, chat.timezone) == (time(18, 45), "Europe/Berlin")


async def test_list_chats_returns_active_ones_only(storage: Storage) -> None:
    for chat_id in (1, 2, 3):
        await make_chat(storage, chat_id)
    await storage.set_chat_active(chat_id=2, active=False)

    assert [chat.id for chat in await storage.list_chats()] == [1, 3]
    await storage.set_chat_active(chat_id=2, active=True)
    assert [chat.id for chat in await storage.list_chats()] == [1, 2, 3]


async def test_unknown_chat(storage: Storage) -> None:
    assert await storage.get_chat(chat_id=42) is None
    with pytest.raises(StorageError, match="chat 42: no such chat"):
        await storage.set_timezone(chat_id=42, timezone="UTC")
    with pytest.raises(StorageError, match="chat 42"):
        await storage.add_subscription(chat_id=42, query="Hà Nội", limit=5)


# (queries added in order, expected stored queries)
DUPLICATES = [
    pytest.param(["Hà Nội", "HÀ  NỘI"], ["Hà Nội"], id="case-and-spacing"),
    pytest.param(["ha noi", "HA NOI"], ["ha noi"], id="case-without-diacritics"),
    pytest.param(["Hà Nội", "Nội, Hà!"], ["Hà Nội"], id="order-and-punctuation"),
    pytest.param(["Hòa Bình", "Hoà Bình"], ["Hòa Bình"], id="tone-placement"),
    # Typed diacritics are kept: these match different articles, so both are kept.
    pytest.param(["Hà Nội", "ha noi"], ["Hà Nội", "ha noi"], id="diacritics-typed-or-not"),
    pytest.param(["Đảng ủy", "dang uy"], ["Đảng ủy", "dang uy"], id="d-stroke"),
    pytest.param(["bán", "bàn"], ["bán", "bàn"], id="tones-differ"),
    pytest.param(["Hà Nội", "Hà Nam"], ["Hà Nội", "Hà Nam"], id="different-words"),
]


@pytest.mark.parametrize(("queries", "expected"), DUPLICATES)
async def test_duplicate_queries_return_the_existing_subscription(
    storage: Storage, queries: list[str], expected: list[str]
) -> None:
    await make_chat(storage)
    added = [await storage.add_subscription(chat_id=VN_CHAT_ID, query=q, limit=5) for q in queries]

    stored = await storage.list_subscriptions(chat_id=VN_CHAT_ID)
    assert [sub.query for sub in stored] == expected
    assert {sub.id for sub in added} == {sub.id for sub in stored}


async def test_subscription_limit(storage: Storage) -> None:
    await make_chat(storage)
    for query in ("một", "hai"):
        await storage.add_subscription(chat_id=VN_CHAT_ID, query=query, limit=2)

    with pytest.raises(SubscriptionLimitError):
        await storage.add_subscription(chat_id=VN_CHAT_ID, query="ba", limit=2)
    again = await storage.add_subscription(chat_id=VN_CHAT_ID, query="MỘT", limit=2)
    assert again.query == "một"
    assert len(await storage.list_subscriptions(chat_id=VN_CHAT_ID)) == 2


async def test_concurrent_adds_respect_the_limit(storage: Storage) -> None:
    await make_chat(storage)
    results = await asyncio.gather(
        *(storage.add_subscription(chat_id=VN_CHAT_ID, query=f"từ {n}", limit=3) for n in range(8)),
        return_exceptions=True,
    )

    assert sum(isinstance(r, SubscriptionLimitError) for r in results) == 5
    assert len(await storage.list_subscriptions(chat_id=VN_CHAT_ID)) == 3


async def test_subscriptions_are_per_chat_and_aware(storage: Storage) -> None:
    await make_chat(storage, 1)
    await make_chat(storage, 2)
    sub = await storage.add_subscription(chat_id=1, query="Hà Nội", limit=1)
    other = await storage.add_subscription(chat_id=2, query="Hà Nội", limit=1)

    assert sub.id != other.id
    [listed] = await storage.list_subscriptions(chat_id=1)
    assert listed == sub
    assert listed.created_at is not None and listed.created_at.tzinfo is not None


async def test_remove_subscription(storage: Storage) -> None:
    await make_chat(storage, 1)
    await make_chat(storage, 2)
    sub = await storage.add_subscription(chat_id=1, query="Hà Nội", limit=5)

    assert not await storage.remove_subscription(chat_id=2, subscription_id=sub.id)
    assert await storage.remove_subscription(chat_id=1, subscription_id=sub.id)
    assert not await storage.remove_subscription(chat_id=1, subscription_id=sub.id)
    assert await storage.list_subscriptions(chat_id=1) == []
