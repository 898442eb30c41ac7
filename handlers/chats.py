"""Resolve the chat an update comes from, creating it with the configured defaults."""

from __future__ import annotations

from telegram import Update

from digest.models import Chat
from digest.schedule import next_occurrence
from handlers.context import NewsContext
from handlers.texts import language_for


async def current_chat(update: Update, context: NewsContext) -> Chat | None:
    """Return the stored chat for `update`, inserting it on first contact."""
    chat = update.effective_chat
    if chat is None:
        return None
    services = context.bot_data.services
    user = update.effective_user
    config = services.config
    return await services.storage.ensure_chat(
        chat_id=chat.id,
        language=language_for(user.language_code if user else None),
        timezone=config.default_timezone,
        digest_time=config.default_digest_time,
        next_digest_at=next_occurrence(
            services.clock(),
            timezone=config.default_timezone,
            digest_time=config.default_digest_time,
            frequency="daily",
        ),
    )


async def chat_language(update: Update, context: NewsContext) -> str:
    """Return the chat's `/lang` choice, or Telegram's language when storage cannot say."""
    user, chat = update.effective_user, update.effective_chat
    fallback = language_for(user.language_code if user else None)
    if chat is None:
        return fallback
    try:
        stored = await context.bot_data.services.storage.get_chat(chat_id=chat.id)
    except Exception:  # storage may be down, or be the very failure being reported
        return fallback
    return fallback if stored is None else stored.language
