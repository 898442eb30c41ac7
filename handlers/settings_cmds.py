"""Commands that change a chat's schedule and language: /time /timezone /frequency /pause
/resume /lang, and /settings to see them. Each validates `context.args` (natural forms are
read by `digest.settings_input`), stores the change together with the next digest time it
implies, and confirms in the chat's language with when the next digest comes."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from telegram import Update

from digest.models import Chat
from digest.schedule import next_occurrence
from digest.settings_input import parse_frequency, parse_time, parse_timezone
from handlers.chats import current_chat
from handlers.context import NewsContext
from handlers.membership import may_change
from handlers.settings_view import next_line, schedule_line, settings_text, with_next
from handlers.texts import LANGUAGES, clip, t


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
) -> Chat:
    """Store the change with the next digest time it implies; return the chat as changed."""
    changed = replace(
        chat,
        digest_time=digest_time or chat.digest_time,
        timezone=timezone or chat.timezone,
        frequency=frequency or chat.frequency,
        paused=chat.paused if paused is None else paused,
    )
    services = context.bot_data.services
    upcoming = next_occurrence(
        services.clock(),
        timezone=changed.timezone,
        digest_time=changed.digest_time,
        frequency=changed.frequency,
    )
    await services.storage.update_schedule(
        chat_id=chat.id,
        next_digest_at=upcoming,
        frequency=frequency,
        paused=paused,
        digest_time=digest_time,
        timezone=timezone,
    )
    return replace(changed, next_digest_at=upcoming)


async def _reply(update: Update, text: str) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(text)


async def set_time(update: Update, context: NewsContext) -> None:
    """Set the chat's local digest time from `07:30`, `7h30`, `6:30 PM` and the like."""
    target = await _target(update, context)
    if target is None:
        return
    chat, value = target
    if not value:
        await _reply(update, t(chat.language, "time_usage"))
        return
    try:
        digest_time = parse_time(value)
    except ValueError:
        await _reply(update, t(chat.language, "bad_time", value=clip(value)))
        return
    chat = await _reschedule(context, chat, digest_time=digest_time)
    hhmm = digest_time.strftime("%H:%M")
    await _reply(update, with_next(t(chat.language, "time_set", time=hhmm, tz=chat.timezone), chat))


async def set_timezone(update: Update, context: NewsContext) -> None:
    """Set the chat's time zone from an IANA name, a city or a whole-hour offset."""
    target = await _target(update, context)
    if target is None:
        return
    chat, value = target
    if not value:
        await _reply(update, t(chat.language, "timezone_usage"))
        return
    try:
        zone = parse_timezone(value)
    except ValueError:
        await _reply(update, t(chat.language, "bad_timezone", value=clip(value)))
        return
    chat = await _reschedule(context, chat, timezone=zone.name)
    hhmm = chat.digest_time.strftime("%H:%M")
    text = t(chat.language, "timezone_set", tz=zone.name, time=hhmm)
    if zone.fixed_offset:
        text = f"{text}\n{t(chat.language, 'timezone_fixed')}"
    await _reply(update, with_next(text, chat))


async def set_frequency(update: Update, context: NewsContext) -> None:
    """Choose daily, weekly, instant or off, in English or Vietnamese words."""
    target = await _target(update, context)
    if target is None:
        return
    chat, value = target
    frequency = parse_frequency(value)
    if frequency is None:
        await _reply(update, t(chat.language, "frequency_usage"))
        return
    chat = await _reschedule(context, chat, frequency=frequency)
    await _reply(update, with_next(t(chat.language, f"frequency_{frequency}"), chat))


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
        chat = await _reschedule(context, target[0], paused=False)
        await _reply(
            update, f"{t(chat.language, 'resumed')}\n{next_line(chat) or schedule_line(chat)}"
        )


async def show_settings(update: Update, context: NewsContext) -> None:
    """Show every setting of the chat and when its next digest comes."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    services = context.bot_data.services
    keywords = len(await services.storage.list_subscriptions(chat_id=chat.id))
    limit = services.config.max_subscriptions
    await message.reply_text(settings_text(chat, keywords=keywords, limit=limit))


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
