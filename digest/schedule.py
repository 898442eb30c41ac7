"""Digest schedule rules; a chat's next digest time is stored in UTC and computed here.

Rule order:
1. A digest time is `HH:MM` on a 24-hour clock, read in the chat's IANA time zone.
2. `daily`: the next occurrence is the first local digest time strictly after now; `weekly`:
   the same, on Mondays; `instant` and `off` have no scheduled occurrence.
3. Occurrences are built in the zone and compared in UTC: a time inside a DST gap is
   shifted forward by the gap (01:30 on a 01:00→02:00 night happens at 02:30), a time inside
   a DST fold happens once, at its first occurrence.
4. A digest missed while the bot was down is due at start; after it, the next occurrence is
   computed from now, so it is sent once, never once per missed day.
5. The period key names one occurrence by its local date, time and UTC offset
   (`daily:2026-03-02T07:00+07:00`), so recording it makes "sent twice" impossible, while a
   digest time moved later the same day (07:00 → 18:00) is a new occurrence, not the same
   period again.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_hhmm(value: str) -> time:
    """Parse `HH:MM` (24-hour) into a time or raise ValueError."""
    match = _HHMM.match(value.strip())
    if match is None:
        raise ValueError(f"{value!r} is not a time like 07:00")
    return time(int(match.group(1)), int(match.group(2)))


FREQUENCIES = ("daily", "weekly", "instant", "off")
WEEKLY_WEEKDAY = 0  # weekly digests go out on Monday at the chat's digest time


def next_occurrence(
    after: datetime, *, timezone: str, digest_time: time, frequency: str
) -> datetime | None:
    """Return the first scheduled digest strictly after aware `after`, or None if unscheduled."""
    if frequency not in ("daily", "weekly"):
        return None
    zone = ZoneInfo(timezone)
    day = after.astimezone(zone).date()
    for offset in range(8 if frequency == "weekly" else 2):
        candidate_day = day + timedelta(days=offset)
        if frequency == "weekly" and candidate_day.weekday() != WEEKLY_WEEKDAY:
            continue
        candidate = datetime.combine(candidate_day, digest_time, tzinfo=zone)
        # A time inside a DST gap does not exist locally; zoneinfo (fold=0) reads it with the
        # offset before the gap, which shifts it forward by the gap once converted to UTC.
        if candidate.astimezone(UTC) > after:
            return candidate.astimezone(UTC)
    return None  # pragma: no cover - the loop always finds a day


def period_key(moment: datetime, *, timezone: str, frequency: str) -> str:
    """Name the digest scheduled at `moment`, e.g. `daily:2026-03-02T07:00+07:00`."""
    local = moment.astimezone(ZoneInfo(timezone)).replace(second=0, microsecond=0)
    return f"{frequency}:{local.isoformat(timespec='minutes')}"
