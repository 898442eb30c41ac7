"""Commands that change a chat's schedule and language: /time /timezone /frequency /pause
/resume /lang. Each validates `context.args`, stores the change together with the next
digest time it implies, and confirms in the chat's language."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from telegram import Update

from digest.models import Chat
from digest.schedule import FREQUENCIES, next_occurrence, parse_hhmm
from handlers.chats import current_chat
from handlers.context import NewsContext
from handlers.membership import may_change
from handlers.texts import LANGUAGES, t


async def _target(update: Update, context: NewsContext) -> tuple[Chat, str] | None:
    chat = await current_chat(update, context)
    if chat is None or update.effective_message is None:
        return None
    if not await may_change(update, context):
        await _reply(update, t(chat.language, "admins_only"))
        return None
    return chat, " ".join(context.args or []).strip()


async def _reschedule(
    context: NewsContext,
    chat: Chat,
    *,
    digest_time: time | None = None,
    timezone: str | None = None,
    frequency: str | None = None,
    paused: bool | None = None,
) -> None:
    tz, at = timezone or chat.timezone, digest_time or chat.digest_time
    how = frequency or chat.frequency
    services = context.bot_data.services
    await services.storage.update_schedule(
        chat_id=chat.id,
        next_digest_at=next_occurrence(
            services.clock(), timezone=tz, digest_time=at, frequency=how
        ),
        frequency=frequency,
        paused=paused,
        digest_time=digest_time,
        timezone=timezone,
    )


async def _reply(update: Update, text: str) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(text)


async def set_time(update: Update, context: NewsContext) -> None:
    """Set the chat's local digest time from `HH:MM`."""
    target = await _target(update, context)
    if target is None:
        return
    chat, value = target
    if not value:
        await _reply(update, t(chat.language, "time_usage"))
        return
    try:
        digest_time = parse_hhmm(value)
    except ValueError:
        await _reply(update, t(chat.language, "bad_time", value=value[:40]))
        return
    await _reschedule(context, chat, digest_time=digest_time)
    hhmm = digest_time.strftime("%H:%M")
    await _reply(update, t(chat.language, "time_set", time=hhmm, tz=chat.timezone))


async def set_timezone(update: Update, context: NewsContext) -> None:
    """Set the chat's IANA time zone."""
    target = await _target(update, context)
    if target is None:
        return
    chat, value = target
    if not value:
        await _reply(update, t(chat.language, "timezone_usage"))
        return
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        await _reply(update, t(chat.language, "bad_timezone", value=value[:60]))
        return
    await _reschedule(context, chat, timezone=value)
    hhmm = chat.digest_time.strftime("%H:%M")
    await _reply(update, t(chat.language, "timezone_set", tz=value, time=hhmm))


async def set_frequency(update: Update, context: NewsContext) -> None:
    """Choose daily, weekly, instant or off."""
    target = await _target(update, context)
    if target is None:
        return
    chat, value = target
    if value.lower() not in FREQUENCIES:
        await _reply(update, t(chat.language, "frequency_usage"))
        return
    await _reschedule(context, chat, frequency=value.lower())
    await _reply(update, t(chat.language, f"frequency_{value.lower()}"))


async def pause(update: Update, context: NewsContext) -> None:
    """Stop every push until /resume."""
    target = await _target(update, context)
    if target is not None:
        await _reschedule(context, target[0], paused=True)
        await _reply(update, t(target[0].language, "paused"))


async def resume(update: Update, context: NewsContext) -> None:
    """Start pushing again, from the next scheduled time."""
    target = await _target(update, context)
    if target is not None:
        await _reschedule(context, target[0], paused=False)
        await _reply(update, t(target[0].language, "resumed"))


async def set_language(update: Update, context: NewsContext) -> None:
    """Switch the interface between Vietnamese and English."""
    target = await _target(update, context)
    if target is None:
        return
    chat, value = target
    if value.lower() not in LANGUAGES:
        await _reply(update, t(chat.language, "lang_usage"))
        return
    await context.bot_data.services.storage.set_language(chat_id=chat.id, language=value.lower())
    await _reply(update, t(value.lower(), "lang_set"))
