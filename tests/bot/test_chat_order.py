"""Chats are handled side by side; one chat's updates one at a time, in the order they came."""

from __future__ import annotations

from bot.app import build_application, running
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import make_settings, say

SLOW, OTHER = 8201, 8202


async def test_a_chat_telegram_hangs_on_does_not_hold_up_the_others(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        bot_api.hold(SLOW)
        await bot_api.user_sends(SLOW, "/help")
        await bot_api.user_sends(SLOW, "/start")
        assert "Các lệnh" in await say(bot_api, OTHER, "/help")
        assert bot_api.messages(SLOW) == []
        bot_api.release(SLOW)
        replies = await bot_api.wait_for_messages(SLOW, count=2)
    assert "Các lệnh" in replies[0].text and "Xin chào" in replies[1].text


async def test_a_chats_commands_take_effect_in_the_order_sent(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        await bot_api.user_sends(SLOW, "/lang en")
        await bot_api.user_sends(SLOW, "/subscribe giá vàng")
        await bot_api.user_sends(SLOW, "/list")
        replies = await bot_api.wait_for_messages(SLOW, count=3)
    assert "English" in replies[0].text or "english" in replies[0].text.lower()
    assert "Now following" in replies[1].text
    assert "giá vàng" in replies[2].text and "Your keywords" in replies[2].text
