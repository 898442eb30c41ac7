"""/muted: the chat's muted sources, each with an unmute button.

Callback data `unmute:<token>` (≤ 64 bytes, validated by the handler's pattern) carries a
short hash of the host rather than the host, which may be longer than 64 bytes. Pressing
it, in order: groups need an admin (as muting does) → the token must still name one of the
chat's muted hosts, else the button is stale → the host is unmuted and the list redrawn.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from handlers.chats import current_chat
from handlers.context import NewsContext
from handlers.membership import may_change
from handlers.texts import t

UNMUTE_PATTERN = r"^unmute:[0-9a-f]{16}$"


def host_token(host: str) -> str:
    """Return the short, stable token that names `host` in callback data."""
    return hashlib.sha256(host.encode()).hexdigest()[:16]


def muted_view(hosts: Iterable[str], *, lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """Return the text and one unmute button per muted host (sorted)."""
    ordered = sorted(hosts)
    if not ordered:
        return t(lang, "muted_none"), None
    buttons = [
        [
            InlineKeyboardButton(
                t(lang, "unmute", source=host[:40]), callback_data=f"unmute:{host_token(host)}"
            )
        ]
        for host in ordered
    ]
    items = "\n".join(f"• {host}" for host in ordered)
    return t(lang, "muted_list", items=items), InlineKeyboardMarkup(buttons)


async def list_muted(update: Update, context: NewsContext) -> None:
    """Show the chat's muted sources with one unmute button each."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    hosts = await context.bot_data.services.storage.muted_sources(chat_id=chat.id)
    text, markup = muted_view(hosts, lang=chat.language)
    await message.reply_text(text, reply_markup=markup)


async def unmute_button(update: Update, context: NewsContext) -> None:
    """Show the source a button names again; answer politely when the button is stale."""
    button, chat = update.callback_query, await current_chat(update, context)
    if button is None or chat is None:
        return
    if not await may_change(update, context):
        await button.answer(t(chat.language, "admins_only"))
        return
    # Data that is no token of ours names no muted host below: answered as stale.
    storage, token = context.bot_data.services.storage, (button.data or "").removeprefix("unmute:")
    hosts = await storage.muted_sources(chat_id=chat.id)
    host = next((h for h in hosts if host_token(h) == token), None)
    if host is None or not await storage.unmute_source(chat_id=chat.id, host=host):
        await button.answer(t(chat.language, "stale_muted"))
        return
    await button.answer(t(chat.language, "unmuted", source=host))
    text, markup = muted_view(hosts - {host}, lang=chat.language)
    await button.edit_message_text(text, reply_markup=markup)
