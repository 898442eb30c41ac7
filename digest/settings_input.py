"""Read what members type for /frequency, /time and /timezone; accept only the unambiguous.

Rule order, for every input: Unicode NFC, case-folded, surrounding spaces dropped, inner runs
of spaces made one.
1. Frequency: an English or Vietnamese word from `_FREQUENCY_WORDS` ("daily", "hằng ngày",
   "hang ngay", "ngay" = instant …); diacritics matter only where they change the meaning
   ("ngày" is daily, "ngay" is at once). Anything else is refused.
2. Time: `H:MM`, `H.MM`, `HhMM`, `Hh` (also `g` for giờ), on a 24-hour clock, or a 12-hour
   time followed by am/pm (`6:30 PM`, `6pm`, `12 am` = 00:00). A bare number (`7`) is
   refused: it could be morning or evening.
3. Time zone, first match wins: an IANA name in any case, with spaces for underscores
   (`asia/ho chi minh`); a city or country from `_ZONE_ALIASES`, diacritics, spaces and
   dots ignored (`Hà Nội`, `HCM`, `Saigon`); a fixed offset in whole hours between −12 and
   +14 (`+07:00`, `UTC+7`, `GMT+7`), mapped to `Etc/GMT-7` (the IANA sign is inverted) and
   flagged so the member is told it follows no daylight saving. Anything else is refused.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import time
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# One "|"-separated list of accepted words per frequency.
_FREQUENCY_WORDS: dict[str, str] = {
    "daily": "daily|day|every day|each day|hằng ngày|hàng ngày|mỗi ngày|ngày|hang ngay|moi ngay",
    "weekly": "weekly|week|every week|each week|hằng tuần|hàng tuần|mỗi tuần|tuần|hang tuan"
    "|moi tuan|tuan",
    "instant": "instant|instantly|immediately|at once|now|realtime|real-time|ngay|ngay lập tức"
    "|lập tức|tức thì|ngay lap tuc|tuc thi",
    "off": "off|none|never|stop|tắt|tat|không|khong|tắt bản tin",
}
_FREQUENCIES = {word: name for name, words in _FREQUENCY_WORDS.items() for word in words.split("|")}

_TIME = re.compile(
    r"^(?P<hour>\d{1,2})"
    r"(?:(?P<sep>[:.hg])(?P<minute>\d{2})?)?"
    r"\s*(?P<half>am|pm|a\.m\.|p\.m\.)?$"
)

_ZONE_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        [
            "hanoi",
            "saigon",
            "hcm",
            "tphcm",
            "hcmc",
            "hochiminh",
            "hochiminhcity",
            "vietnam",
            "vn",
            "danang",
            "haiphong",
            "hue",
            "cantho",
            "ict",
        ],
        "Asia/Ho_Chi_Minh",
    ),
    "bangkok": "Asia/Bangkok",
    "singapore": "Asia/Singapore",
    "kualalumpur": "Asia/Kuala_Lumpur",
    "jakarta": "Asia/Jakarta",
    "manila": "Asia/Manila",
    "hongkong": "Asia/Hong_Kong",
    "beijing": "Asia/Shanghai",
    "shanghai": "Asia/Shanghai",
    "taipei": "Asia/Taipei",
    "seoul": "Asia/Seoul",
    "tokyo": "Asia/Tokyo",
    "sydney": "Australia/Sydney",
    "melbourne": "Australia/Melbourne",
    "delhi": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata",
    "dubai": "Asia/Dubai",
    "moscow": "Europe/Moscow",
    "london": "Europe/London",
    "paris": "Europe/Paris",
    "berlin": "Europe/Berlin",
    "newyork": "America/New_York",
    "losangeles": "America/Los_Angeles",
    "sanfrancisco": "America/Los_Angeles",
    "chicago": "America/Chicago",
    "toronto": "America/Toronto",
    "utc": "UTC",
    "gmt": "UTC",
}
_OFFSET = re.compile(
    r"^(?:utc|gmt)?\s*(?P<sign>[+\-−])\s*(?P<hour>\d{1,2})(?::?(?P<minute>\d{2}))?$"
)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _folded(text: str) -> str:
    """Drop diacritics (đ → d), spaces, dots, hyphens and underscores."""
    decomposed = unicodedata.normalize("NFD", _normal(text).replace("đ", "d"))
    kept = (c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s._-]", "", "".join(kept))


def parse_frequency(text: str) -> str | None:
    """Return daily, weekly, instant or off for a word a member typed, or None."""
    return _FREQUENCIES.get(_normal(text))


def parse_time(text: str) -> time:
    """Parse a local digest time (rule 2) or raise ValueError."""
    match = _TIME.match(_normal(text))
    if match is None or (match["sep"] in (":", ".") and match["minute"] is None):
        raise ValueError(f"{text!r} is not a time like 07:30")
    if match["sep"] is None and match["half"] is None:
        raise ValueError(f"{text!r} is a bare number: morning or evening?")
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"] is not None:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text!r}: a 12-hour time runs from 1 to 12")
        hour = hour % 12 + (12 if match["half"].startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"{text!r} is not a time of day")
    return time(hour, minute)


@dataclass(frozen=True, slots=True)
class ZoneChoice:
    """The IANA zone a member's input names; `fixed_offset` when it was `UTC+7`-like."""

    name: str
    fixed_offset: bool = False


@cache
def _iana_names() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


def parse_timezone(text: str) -> ZoneChoice:
    """Return the zone `text` names (rule 3) or raise ValueError."""
    typed = _normal(text)
    name = _iana_names().get(typed.replace(" ", "_")) or _ZONE_ALIASES.get(_folded(typed))
    if name is not None:
        return ZoneChoice(name)
    offset = _OFFSET.match(typed)
    if offset is None:
        raise ValueError(f"{text!r} is not a time zone we know")
    hours, minutes = int(offset["hour"]), int(offset["minute"] or 0)
    sign = -1 if offset["sign"] in "-−" else 1
    if minutes or not -12 <= sign * hours <= 14:
        raise ValueError(f"{text!r} is not a whole-hour offset between -12 and +14")
    if hours == 0:
        return ZoneChoice("UTC", fixed_offset=True)
    # IANA's Etc zones use the POSIX sign: UTC+7 is "Etc/GMT-7".
    zone = f"Etc/GMT{'-' if sign > 0 else '+'}{hours}"
    try:
        ZoneInfo(zone)
    except ZoneInfoNotFoundError as error:  # pragma: no cover - tzdata always has them
        raise ValueError(f"{zone} is missing from the time zone database") from error
    return ZoneChoice(zone, fixed_offset=True)
