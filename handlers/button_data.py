"""Read the data of a pressed button; anything we did not write is None, never an exception.

Telegram passes a button's data back as it is, but a press can also come with empty or no
data, or with data forged by a client. Rule order for each kind of button:
1. The data must be a string starting with the button's prefix (`unsub:`, `mute:`, `lt:`,
   `ls:`); anything else is None.
2. A number must be 1 to 10 ASCII digits (no sign, no spaces, no other scripts' digits),
   and within the range we ever write: a database id 1 … 2**31 - 1 (PostgreSQL's
   `integer`), a page or position 0 … `MAX_POSITION`.
3. A /latest search key must be 8 lower-case hex digits (`handlers.searches`).
A handler that gets None answers the press with the "out of date" text.
"""

from __future__ import annotations

import re

MAX_ID = 2**31 - 1
MAX_POSITION = 9999
_NUMBER = re.compile(r"[0-9]{1,10}")
_SEARCH_KEY = re.compile(r"[0-9a-f]{8}")


def _number(text: str, *, low: int, high: int) -> int | None:
    if _NUMBER.fullmatch(text) is None:
        return None
    value = int(text)
    return value if low <= value <= high else None


def _field(data: str | None, prefix: str) -> str | None:
    if not isinstance(data, str) or not data.startswith(prefix):
        return None
    return data[len(prefix) :]


def row_id(data: str | None, *, prefix: str) -> int | None:
    """Return the database id after `prefix` (`unsub:`, `mute:`), or None."""
    field = _field(data, prefix)
    return None if field is None else _number(field, low=1, high=MAX_ID)


def page(data: str | None, *, prefix: str) -> int | None:
    """Return the page number after `prefix` (`ls:`), or None."""
    field = _field(data, prefix)
    return None if field is None else _number(field, low=0, high=MAX_POSITION)


def search_position(data: str | None) -> tuple[str, int] | None:
    """Return the search key and position of a /latest "more" button (`lt:<key>:<n>`)."""
    field = _field(data, "lt:")
    if field is None:
        return None
    key, _, position = field.partition(":")
    number = _number(position, low=0, high=MAX_POSITION)
    if _SEARCH_KEY.fullmatch(key) is None or number is None:
        return None
    return key, number
