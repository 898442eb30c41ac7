"""Publication times as a member reads them on a card, a digest item or a digest header.

Rule order:
1. An article's moment is its publication time, else when the bot fetched it; a naive time
   (SQLite gives them back so) is taken as UTC.
2. It is shown in the chat's IANA time zone (UTC when the zone is unknown to this machine).
3. Format `HH:MM DD/MM`: the date always, even for today's articles, since a digest read
   after midnight or a card forwarded a day later must not pass for fresh news; `/YYYY` is
   added when the year is not the current local year. Day before month in both languages,
   as `/feeds` and Vietnamese readers write it.
4. A digest header carries the local date `DD/MM` of when it was composed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest.models import Article


def article_moment(article: Article) -> datetime:
    """Return when an article appeared: published, else fetched; always timezone-aware."""
    moment = article.published or article.fetched_at
    # Stored times may come back naive (SQLite); comparing naive with aware would raise.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _zone(timezone: str) -> ZoneInfo:
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _local(moment: datetime, timezone: str) -> datetime:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(_zone(timezone))


def local_stamp(moment: datetime, *, timezone: str, now: datetime) -> str:
    """Return `HH:MM DD/MM` (plus `/YYYY` outside the current year) in the chat's zone."""
    local = _local(moment, timezone)
    year = "" if local.year == _local(now, timezone).year else f"/{local.year}"
    return f"{local:%H:%M %d/%m}{year}"


def local_date(now: datetime, *, timezone: str) -> str:
    """Return the chat's local date `DD/MM` at `now`."""
    return f"{_local(now, timezone):%d/%m}"
