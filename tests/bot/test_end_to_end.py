"""The whole path: feed → card → Telegram, through the real Application and a real database."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.app import build_application, running
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import (
    SEED_HEADLINE,
    FakeClock,
    articles_stored,
    eventually,
    feeds_polled,
    make_settings,
)
from tests.harness import say as harness_say

CHAT = 424242
SEED_QUOTE = "Nếu không thấm nhuần các chủ trương, nghị quyết, chỉ thị của Đảng"


async def say(api: FakeBotAPI, text: str) -> str:
    return await harness_say(api, CHAT, text)


async def test_subscribe_poll_latest_digest_restart(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    settings = make_settings(bot_api, news_site, database_url)
    async with running(build_application(settings)) as app:
        assert "/subscribe" in await say(bot_api, "/start")
        assert "đảng ủy" in await say(bot_api, "/subscribe đảng ủy")
        await eventually(lambda: feeds_polled(app))  # the feed's title comes with the poll

        await bot_api.user_sends(CHAT, "/latest dang uy")
        (card,) = await bot_api.wait_for_messages(CHAT, count=1)
        assert card.parse_mode == "HTML"
        assert card.text.startswith(SEED_HEADLINE)
        assert SEED_QUOTE in card.text and "Nguyễn Xuân Sơn" in card.text
        assert all(value in card.text for value in ("152", "837", "277", "71"))
        assert "• 7 đảng viên" in card.text
        body, _, link_line = card.text.rpartition("\n")
        assert "Ảnh:" not in body and "25/12" not in body
        # The feed's publication time (two hours ago) in the chat's zone, not the text's date.
        zone, published = ZoneInfo("Asia/Ho_Chi_Minh"), datetime.now(UTC) - timedelta(hours=2)
        dates = {
            (published - timedelta(minutes=m)).astimezone(zone).strftime("%d/%m") for m in (0, 5)
        }
        assert re.fullmatch(r"🔗 Đọc bài · Báo Nghệ An · 🕒 \d\d:\d\d \d\d/\d\d", link_line)
        assert link_line[-5:] in dates
        assert "href=" in card.html

        await bot_api.user_sends(CHAT, "/digest")
        digest = await bot_api.wait_for_messages(CHAT, count=1)
        assert SEED_HEADLINE in digest[0].text and "đảng ủy" in digest[0].text
        assert "Không có tin mới" in await say(bot_api, "/digest")

    async with running(build_application(settings)):
        listing = await say(bot_api, "/list")
        assert "đảng ủy" in listing
    assert {c.command for c in bot_api.commands} >= {"subscribe", "latest", "digest"}


async def test_daily_digest_arrives_at_local_time_once(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    clock, tokyo = FakeClock(), ZoneInfo("Asia/Tokyo")
    digest_at = (clock.now.astimezone(tokyo) + timedelta(hours=2)).replace(second=0, microsecond=0)
    settings = make_settings(bot_api, news_site, database_url, timezone="Asia/Tokyo")
    app = build_application(settings, digest_check_seconds=0.1, clock=clock)
    async with running(app):
        await say(bot_api, "/start")
        assert "Asia/Tokyo" in await say(bot_api, f"/time {digest_at:%H:%M}")
        await say(bot_api, "/subscribe dang uy")
        await eventually(lambda: articles_stored(app))
        clock.now = digest_at.astimezone(UTC) - timedelta(minutes=1)
        await asyncio.sleep(0.5)
        assert len(bot_api.messages(CHAT)) == 3, "no digest before the chat's local time"
        clock.now = digest_at.astimezone(UTC) + timedelta(seconds=5)
        digest = await bot_api.wait_for_messages(CHAT, count=1)
        assert SEED_HEADLINE in digest[0].text
        await asyncio.sleep(0.5)
        assert len(bot_api.messages(CHAT)) == 4, "exactly one daily digest"


async def test_unknown_command_and_markup_are_answered_as_text(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, database_url))):
        assert "/help" in await say(bot_api, "/frobnicate")
        assert "Cách dùng" in await say(bot_api, "/subscribe")
        assert "Cách dùng" in await say(bot_api, "/latest")
        reply = await say(bot_api, "/subscribe <b>vàng</b>")
        assert "<b>vàng</b>" in reply
        assert "64" in await say(bot_api, "/subscribe " + "x" * 65)
