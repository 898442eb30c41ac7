"""Command handlers through the real Application, the fake Bot API and a real database."""

from __future__ import annotations

import asyncio
import itertools
import time
from datetime import UTC, timedelta

import pytest

from bot.app import build_application, running
from handlers.context import NewsApp
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import (
    SEED_HEADLINE,
    FakeClock,
    articles_stored,
    eventually,
    make_settings,
    say,
)

CHAT = 5150


async def test_unsubscribe_buttons_remove_and_stale_buttons_answer(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        await say(bot_api, CHAT, "/subscribe giá vàng")
        await say(bot_api, CHAT, "/subscribe Hà Nội")
        await bot_api.user_sends(CHAT, "/unsubscribe")
        (picker,) = await bot_api.wait_for_messages(CHAT)
        buttons = picker.buttons()
        assert [label for label, _ in buttons] == ["✖ giá vàng", "✖ Hà Nội"]
        await bot_api.user_presses(CHAT, picker.message_id, buttons[0][1])
        (edit,) = await bot_api.wait_for_edits(CHAT)
        assert "giá vàng" in edit.text and "bỏ theo dõi" in edit.text
        await bot_api.user_presses(CHAT, picker.message_id, buttons[0][1])
        await bot_api.user_presses(CHAT, picker.message_id, "garbage:🙂")
        await eventually(lambda: _answered(bot_api, 3))
        assert all("cũ" in (a.text or "") for a in bot_api.callback_answers[1:])
        listing = await say(bot_api, CHAT, "/list")
        assert "Hà Nội" in listing and "giá vàng" not in listing


async def _answered(api: FakeBotAPI, count: int) -> bool:
    return len(api.callback_answers) >= count


async def test_subscription_limits_and_duplicates(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    # Typed one a second, as a member would: 23 commands at once would meet the flood limit.
    sent = itertools.count(int(time.time()) - 30)
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):

        async def say_next(text: str) -> str:
            return await say(bot_api, CHAT, text, date=next(sent))

        assert "1/20" in await say_next("/subscribe Đảng ủy")
        assert "rồi" in await say_next("/subscribe ủy  ĐẢNG")
        for n in range(2, 21):
            assert f"{n}/20" in await say_next(f"/subscribe chủ đề {n}")
        assert "tối đa" in await say_next("/subscribe một chủ đề nữa")
        assert "chữ hay số" in await say_next("/subscribe !!! ???")


async def test_time_and_timezone_settings(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        assert "không phải giờ rõ ràng" in await say(bot_api, CHAT, "/time 25:00")
        assert "Cách dùng" in await say(bot_api, CHAT, "/time")
        assert "06:30" in await say(bot_api, CHAT, "/time 6:30")
        assert "không biết múi giờ" in await say(bot_api, CHAT, "/timezone Mars/Olympus")
        assert "Europe/London" in await say(bot_api, CHAT, "/timezone Europe/London")
        welcome = await say(bot_api, CHAT, "/start")
        assert "06:30 (Europe/London)" in welcome


async def test_english_members_get_english(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        assert "Hello" in await say(bot_api, CHAT, "/start", language_code="en-GB")
        assert "Usage" in await say(bot_api, CHAT, "/latest", language_code="en-GB")
        assert "no keywords" in await say(bot_api, CHAT, "/digest", language_code="en-GB")


async def test_a_429_on_a_reply_is_retried_until_delivered(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        bot_api.fail_next(CHAT, status=429, retry_after=1, times=2)
        assert "/subscribe" in await say(bot_api, CHAT, "/help")
        assert sum(1 for method, _, _ in bot_api.errors if method == "sendMessage") == 2


async def test_a_broken_feed_is_recorded_and_the_others_carry_on(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    news_site.set_body("/feeds/broken.rss", b"<html><body>Not a feed</body></html>", "text/html")
    feeds = [news_site.feed_url("broken"), news_site.feed_url("baonghean")]
    settings = make_settings(bot_api, news_site, sqlite_url, feeds=feeds)
    app = build_application(settings)
    async with running(app):
        await eventually(lambda: articles_stored(app))
        storage = app.bot_data.services.storage
        by_url = {feed.url: feed for feed in await storage.list_feeds()}
        broken = by_url[news_site.feed_url("broken")]
        assert broken.error_count == 1 and "not a feed" in (broken.last_error or "")
        assert by_url[news_site.feed_url("baonghean")].error_count == 0
        listing = await say(bot_api, CHAT, "/feeds")
        assert "trang web, không phải nguồn tin" in listing and "not a feed" not in listing
        assert SEED_HEADLINE in await say(bot_api, CHAT, "/latest qua loa")


async def test_a_blocked_chat_is_skipped_and_others_get_their_digest(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    clock, blocked, other = FakeClock(), 9001, 9002
    settings = make_settings(bot_api, news_site, sqlite_url, timezone="UTC")
    app = build_application(settings, digest_check_seconds=0.1, clock=clock)
    async with running(app):
        digest_at = (clock.now + timedelta(hours=1)).astimezone(UTC)
        for chat in (blocked, other):
            await say(bot_api, chat, f"/time {digest_at:%H:%M}")
            await say(bot_api, chat, "/subscribe dang uy")
        await eventually(lambda: articles_stored(app))
        bot_api.block(blocked)
        clock.now = digest_at + timedelta(minutes=1)
        (digest,) = await bot_api.wait_for_messages(other)
        assert SEED_HEADLINE in digest.text
        storage = app.bot_data.services.storage
        await eventually(lambda: _inactive(app, blocked))
        await asyncio.sleep(0.3)
        assert len(bot_api.messages(blocked)) == 2, "nothing reached the blocked chat"
        assert [c.id for c in await storage.list_chats()] == [other]


async def _inactive(app: NewsApp, chat_id: int) -> bool:
    chat = await app.bot_data.services.storage.get_chat(chat_id=chat_id)
    return chat is not None and not chat.active


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ('"giá vàng" -USD', 'Tôi hiểu là: "giá vàng" −usd'),
        ('"giá vàng', 'Tôi hiểu là: "giá vàng"'),  # unbalanced quote closed at the end
        ("vàng OR bạc", "Tôi hiểu là: vàng HOẶC bạc"),
        ("vàng HOẶC bạc", "Tôi hiểu là: vàng HOẶC bạc"),
        ("vàng or bạc", "Tôi hiểu là: vàng HOẶC bạc"),
        ("gi\u200bá", "Đã theo dõi «giá»"),
        ("-vàng", "loại trừ"),
        ("x" * 500, "64 ký tự"),
        ("🙂🙂🙂", "chữ hay số"),
        ("שלום עולם", "Đã theo dõi"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ],
)
async def test_odd_queries_get_a_plain_answer(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str, typed: str, expected: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        assert expected in await say(bot_api, CHAT, f"/subscribe {typed}")


async def test_query_errors_are_explained_in_english_too(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        reply = await say(bot_api, CHAT, "/latest -gold", language_code="en")
        assert "leave out" in reply and "add a word" in reply
