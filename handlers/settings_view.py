"""Say a chat's schedule as it is: how often, when the next digest comes, and /settings."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from digest.models import Chat
from handlers.texts import t

_VI_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def local_when(moment: datetime, *, timezone: str, lang: str) -> str:
    """Write a moment in the chat's zone: `07:00 thứ Ba 08/12` or `Tue 8 Dec 07:00`."""
    local = moment.astimezone(ZoneInfo(timezone))
    hhmm = local.strftime("%H:%M")
    if lang == "en":
        month = _EN_MONTHS[local.month - 1]
        return f"{_EN_WEEKDAYS[local.weekday()]} {local.day} {month} {hhmm}"
    return f"{hhmm} {_VI_WEEKDAYS[local.weekday()]} {local:%d/%m}"


def schedule_line(chat: Chat) -> str:
    """Say how the chat gets its news: paused, daily or weekly at a time, instant or off."""
    if chat.paused:
        return t(chat.language, "schedule_paused")
    hhmm = chat.digest_time.strftime("%H:%M")
    return t(chat.language, f"schedule_{chat.frequency}", time=hhmm, tz=chat.timezone)


def next_line(chat: Chat) -> str | None:
    """Say when the next digest comes, that the chat is paused, or None when unscheduled."""
    if chat.paused:
        return t(chat.language, "schedule_paused")
    if chat.next_digest_at is None:
        return None
    when = local_when(chat.next_digest_at, timezone=chat.timezone, lang=chat.language)
    return t(chat.language, "next_digest", when=when)


def with_next(text: str, chat: Chat) -> str:
    """Add the next-digest line under a confirmation when there is one."""
    line = next_line(chat)
    return text if line is None else f"{text}\n{line}"


def settings_text(chat: Chat, *, keywords: int, limit: int) -> str:
    """Show every setting of the chat in its language."""
    lang = chat.language
    upcoming = "—"
    if not chat.paused and chat.next_digest_at is not None:
        upcoming = local_when(chat.next_digest_at, timezone=chat.timezone, lang=lang)
    return t(
        lang,
        "settings",
        frequency=t(lang, f"frequency_name_{chat.frequency}"),
        time=chat.digest_time.strftime("%H:%M"),
        tz=chat.timezone,
        language=t(lang, "language_name"),
        paused=t(lang, "yes" if chat.paused else "no"),
        next=upcoming,
        count=keywords,
        limit=limit,
    )
