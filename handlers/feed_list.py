"""The /feeds listing: one block per feed, times in the chat's zone, within one message.

Per feed, in order: `#id title`, the URL, then its state: disabled (since when, why) →
failing (failures in a row, last reason) → last success → never checked; then the next
check and the stored items. Feeds that do not fit in one message are counted at the end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from digest.models import Chat, Feed
from handlers.feed_texts import feed_reason
from handlers.texts import t

MAX_CHARS = 3800  # below Telegram's 4096, leaving room for the "… and N more" line


def feed_lines(feeds: Sequence[Feed], counts: Mapping[int, int], *, chat: Chat) -> str:
    """Return the status listing of `feeds` for `chat`."""
    lang, zone = chat.language, ZoneInfo(chat.timezone)
    lines = [t(lang, "feeds_head", count=len(feeds))]
    size = len(lines[0])
    for shown, feed in enumerate(feeds):
        block = _block(feed, counts.get(feed.id, 0), lang=lang, zone=zone)
        if size + len(block) + 1 > MAX_CHARS:
            lines.append(t(lang, "feeds_more", count=len(feeds) - shown))
            break
        lines.append(block)
        size += len(block) + 1
    return "\n".join(lines)


def _block(feed: Feed, items: int, *, lang: str, zone: ZoneInfo) -> str:
    state = [_state(feed, lang=lang, zone=zone)]
    if feed.disabled_at is None and feed.next_check_at is not None:
        state.append(t(lang, "feed_next", next=_when(feed.next_check_at, zone)))
    state.append(t(lang, "feed_items", count=items))
    return f"\n#{feed.id} {feed.title or feed.url}\n{feed.url}\n" + " · ".join(state)


def _state(feed: Feed, *, lang: str, zone: ZoneInfo) -> str:
    reason = feed_reason(feed.last_error or "", lang=lang)
    if feed.disabled_at is not None:
        return t(lang, "feed_off", when=_when(feed.disabled_at, zone), reason=reason)
    if feed.error_count:
        return t(lang, "feed_errors", count=feed.error_count, reason=reason)
    if feed.last_success_at is not None:
        return t(lang, "feed_ok", last=_when(feed.last_success_at, zone))
    return t(lang, "feed_never")


def _when(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%d/%m %H:%M")
