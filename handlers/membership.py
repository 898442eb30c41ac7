"""Who may change a chat's settings, and what the bot's own membership changes mean."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update
from telegram.constants import ChatType

from digest.schedule import next_occurrence
from handlers.chats import current_chat
from handlers.context import NewsContext

log = logging.getLogger(__name__)

_ADMIN_STATUSES = {ChatMember.ADMINISTRATOR, ChatMember.OWNER}
_GONE_STATUSES = {ChatMember.LEFT, ChatMember.BANNED}


async def may_change(update: Update, context: NewsContext) -> bool:
    """Tell whether the sender may change this chat's settings (groups: admins only)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    if chat.type == ChatType.PRIVATE or user.id in context.bot_data.services.config.admin_ids:
        return True
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in _ADMIN_STATUSES


async def bot_membership(update: Update, context: NewsContext) -> None:
    """Mark a chat inactive when the bot is blocked or removed, active when it is back."""
    change, chat = update.my_chat_member, await current_chat(update, context)
    if change is None or chat is None:
        return
    storage, now = context.bot_data.services.storage, context.bot_data.services.clock()
    if change.new_chat_member.status in _GONE_STATUSES:
        log.info("bot removed from or blocked in chat %s", chat.id)
        await storage.set_chat_active(chat_id=chat.id, active=False)
        return
    await storage.set_chat_active(chat_id=chat.id, active=True)
    # A digest time that passed while we were away must not fire at once on return.
    await storage.update_schedule(
        chat_id=chat.id,
        next_digest_at=next_occurrence(
            now, timezone=chat.timezone, digest_time=chat.digest_time, frequency=chat.frequency
        ),
    )
