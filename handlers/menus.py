"""The command menu Telegram shows, per scope, so each person sees the commands they may use.

Scopes, from Telegram's most to least specific as it picks them for a chat: each `ADMIN_IDS`
user's private chat (`chat`) gets every command; with `MEMBERS_CAN_ADD_FEEDS`, every private
chat and every group's admins get every command too, otherwise those two scopes are deleted
so they fall back to the default; the default scope gets the member commands (no feed
management). Every list is set in Vietnamese (no language code) and English ("en"). A bot
admin who never started the bot cannot have a chat scope yet ("chat not found"): that is
logged in one line and their menu is set when they send /start.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from telegram import (
    Bot,
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import BadRequest

from handlers.context import BotConfig
from handlers.texts import COMMANDS, FEED_COMMANDS

log = logging.getLogger(__name__)

# (language code sent to Telegram, our interface language)
_LANGUAGES = ((None, "vi"), ("en", "en"))


def menu(lang: str, *, feeds: bool) -> list[BotCommand]:
    """Return the command menu in `lang`, with the feed-management commands when `feeds`."""
    index = 1 if lang == "vi" else 2
    return [
        BotCommand(row[0], row[index]) for row in COMMANDS if feeds or row[0] not in FEED_COMMANDS
    ]


async def publish_menus(bot: Bot, config: BotConfig) -> None:
    """Set the default, open and per-admin command menus in both languages."""
    open_scopes: Iterable[BotCommandScope] = (
        BotCommandScopeAllPrivateChats(),
        BotCommandScopeAllChatAdministrators(),
    )
    for code, lang in _LANGUAGES:
        await bot.set_my_commands(menu(lang, feeds=False), language_code=code)
        for scope in open_scopes:
            if config.members_can_add_feeds:
                await bot.set_my_commands(menu(lang, feeds=True), scope=scope, language_code=code)
            else:
                await bot.delete_my_commands(scope=scope, language_code=code)
    for user_id in sorted(config.admin_ids):
        await publish_admin_menu(bot, user_id)


async def publish_admin_menu(bot: Bot, user_id: int) -> bool:
    """Give a bot admin's private chat every command; False if Telegram does not know it yet."""
    try:
        for code, lang in _LANGUAGES:
            scope = BotCommandScopeChat(user_id)
            await bot.set_my_commands(menu(lang, feeds=True), scope=scope, language_code=code)
    except BadRequest as error:
        log.info(
            "admin %s gets the full command menu on their /start (not now: %s)", user_id, error
        )
        return False
    return True
