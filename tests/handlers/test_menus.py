"""Each person is shown the commands they may use: command menus per scope, /start, /help."""

from __future__ import annotations

from bot.app import build_application, running
from tests.fakes.botapi import Command, FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import make_settings, say

ADMIN = 7301
MEMBER = 7302
GROUP = -1007303
FEED_COMMANDS = {"addfeed", "removefeed", "export"}


def names(commands: list[Command]) -> set[str]:
    return {c.command for c in commands}


async def test_members_see_no_feed_commands_and_bot_admins_see_them(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    settings = make_settings(bot_api, news_site, sqlite_url, admin_ids=[ADMIN])
    async with running(build_application(settings)):
        for language in ("", "en"):
            default = names(bot_api.commands_for(language_code=language))
            assert "muted" in default and "latest" in default
            assert not default & FEED_COMMANDS
        assert bot_api.commands_for(scope="all_private_chats") == []
        assert bot_api.commands_for(scope="all_chat_administrators") == []
        # Telegram knows no chat with the admin until they write: their menu comes with /start.
        assert bot_api.commands_for(scope="chat", chat_id=ADMIN) == []

        welcome = await say(bot_api, MEMBER, "/start")
        assert "/latest" in welcome and not any(f"/{c}" in welcome for c in FEED_COMMANDS)
        assert "/removefeed" not in await say(bot_api, MEMBER, "/help", language_code="en")
        assert "chỉ quản trị viên của bot" in (await say(bot_api, MEMBER, "/export")).lower()

        assert "/addfeed" in await say(bot_api, ADMIN, "/start")
        assert "/export" in await say(bot_api, ADMIN, "/help")
        for language in ("", "en"):
            mine = names(bot_api.commands_for(scope="chat", chat_id=ADMIN, language_code=language))
            assert mine >= FEED_COMMANDS and "muted" in mine
    async with running(build_application(settings)):
        # A restart republishes the menus; the admin's chat is known now and keeps its menu.
        assert names(bot_api.commands_for(scope="chat", chat_id=ADMIN)) >= FEED_COMMANDS


async def test_members_who_may_add_feeds_see_feed_commands_where_they_may(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    settings = make_settings(bot_api, news_site, sqlite_url, members_can_add_feeds=True)
    async with running(build_application(settings)):
        assert not names(bot_api.commands) & FEED_COMMANDS
        for scope in ("all_private_chats", "all_chat_administrators"):
            for language in ("", "en"):
                listed = names(bot_api.commands_for(scope=scope, language_code=language))
                assert listed >= FEED_COMMANDS
        assert "/addfeed" in await say(bot_api, MEMBER, "/start")

        await bot_api.user_sends(GROUP, "/help", chat_type="supergroup")
        (reply,) = await bot_api.wait_for_messages(GROUP)
        assert "/subscribe" in reply.text and "/addfeed" not in reply.text
        bot_api.admins.add(7304)
        await bot_api.user_sends(GROUP, "/help", chat_type="supergroup", user_id=7304)
        (reply,) = await bot_api.wait_for_messages(GROUP)
        assert "/addfeed" in reply.text
