"""Daily digest schedule rules.

Rule order:
1. A digest time is `HH:MM` on a 24-hour clock, read in the chat's IANA time zone.
2. The latest occurrence is today's digest time if the local clock has reached it, else
   yesterday's (computed in the zone, compared in UTC, so DST shifts are the zone's business).
3. A daily digest is due when that occurrence is later than the chat's last digest (or, for a
   chat that never had one, later than when the chat was created): a chat that starts at 23:00
   waits for tomorrow's digest, and a digest missed while the bot was down is due once.
4. The period key `daily:YYYY-MM-DD` (the occurrence's local date) names that digest, so
   recording it makes "sent twice" impossible.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_hhmm(value: str) -> time:
    """Parse `HH:MM` (24-hour) into a time or raise ValueError."""
    match = _HHMM.match(value.strip())
    if match is None:
        raise ValueError(f"{value!r} is not a time like 07:00")
    return time(int(match.group(1)), int(match.group(2)))


def latest_occurrence(now: datetime, *, timezone: str, digest_time: time) -> datetime:
    """Return the most recent local `digest_time` at or before aware `now`."""
    zone = ZoneInfo(timezone)
    local_now = now.astimezone(zone)
    today = datetime.combine(local_now.date(), digest_time, tzinfo=zone)
    if today <= local_now:
        return today
    return datetime.combine(local_now.date() - timedelta(days=1), digest_time, tzinfo=zone)


def due_period(
    now: datetime,
    *,
    timezone: str,
    digest_time: time,
    last_digest_at: datetime | None,
    created_at: datetime | None,
) -> str | None:
    """Return the key of the daily digest due at aware `now`, or None when none is due."""
    occurrence = latest_occurrence(now, timezone=timezone, digest_time=digest_time)
    reference = last_digest_at or created_at
    if reference is not None and occurrence <= reference:
        return None
    return f"daily:{occurrence.date().isoformat()}"
