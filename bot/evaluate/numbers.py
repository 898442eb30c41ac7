"""Find, classify and normalise the numbers that figure recall and precision compare.

Rule order for each number token (digits joined by `.`, `,`, `/`, `:` or `-`):
1. A token glued to letters is a code, not a number: `U22`, `22h`, `4G`, `F-16`; but a
   unit glued after it (`300mm`, `5ha`, `45km`) leaves the number a number.
2. A token with `:` is a time or score (`7:30`); one with `/` is a date (`25/12`, `24/6`,
   `1/4/2017`, `12/2016`) or a ratio: neither counts.
3. A token with `-` is a date when it reads d-m-yyyy (`30-10-2013`), m-yyyy (`2-2018`) or
   d-m after a day word (`sáng 1-11`, `ngày 2-9`); otherwise it is a range and each end is
   a number (`5,8-6,2`). A d.m token after a day word is a date too (`Ngày 22.10`,
   `chủ nhật (10.11)`), and so is a day that opens a day range (`từ 5 đến 9/12`).
4. A bare four-digit number from 1800 to 2100 is a year and does not count.
5. Separators: with both `.` and `,` the last one is the decimal mark (`1.234,5`,
   `1,234.5`); one kind repeated, or once before exactly three digits (not after a lone
   `0`), groups thousands (`97.500`, `1,234`); otherwise it is the decimal mark (`2,7`,
   `3.2`). The value is then written canonically (`1234.5`, `97500`, `2.7`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Literal

Kind = Literal["number", "year", "date", "time"]

# Units a number may be glued to ("300mm"); "22h", "4G" stay codes or times.
_GLUED_UNIT = r"(?:km2|km|kg|ha|MW|GW|kW|kWh|cm|mm|m2|m3|m)(?!\w)"
_TOKEN = re.compile(rf"(?<![\w.,/:])(?<![^\W\d_]-)\d+(?:[.,/:\-]\d+)*(?:(?!\w)|(?={_GLUED_UNIT}))")
_YEAR = re.compile(r"1[89]\d\d|20\d\d|2100")
_DAY_WORD = re.compile(
    r"(?:^|\s)(?i:ngày|sáng|chiều|tối|trưa|đêm|hôm|mùng|mồng|rạng sáng|chủ nhật"
    r"|thứ (?:hai|ba|tư|năm|sáu|bảy))\s*\(?\s*$"
)
_DAY_RANGE = re.compile(r"\s*(?:-|–|đến|tới)\s*\d{1,2}[/-]\d{1,2}(?!\d)")


def normalize_number(raw: str) -> str:
    """Return the canonical value of one number as written (rule 5)."""
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        plain = raw.replace(thousands, "").replace(decimal, ".")
    elif dots or commas:
        mark = "." if dots else ","
        groups = raw.split(mark)
        grouped = len(groups) > 2 or (len(groups[-1]) == 3 and groups[0] != "0")
        plain = raw.replace(mark, "" if grouped else ".")
    else:
        plain = raw
    try:
        return format(Decimal(plain).normalize(), "f")
    except InvalidOperation:
        return re.sub(r"[.,]", "", raw)


def is_year(raw: str) -> bool:
    """Tell whether `raw` is a bare year from 1800 to 2100 (rule 4)."""
    return _YEAR.fullmatch(raw) is not None


def is_date(raw: str, *, before: str = "", after: str = "") -> bool:
    """Tell whether `raw` is a calendar date; `before` and `after` are the text around it
    (rule 3)."""
    if "/" in raw:
        return _day_month(raw.split("/"))
    if raw.isdigit():
        return 1 <= int(raw) <= 31 and _DAY_RANGE.match(after) is not None
    if "." in raw and "," not in raw and "-" not in raw:
        return _day_month(raw.split(".")) and _DAY_WORD.search(before) is not None
    parts = raw.split("-")
    if len(parts) == 3:
        return len(parts[2]) == 4 and _day_month(parts)
    if len(parts) != 2 or not _day_month(parts):
        return False
    return len(parts[1]) == 4 or _DAY_WORD.search(before) is not None


def _day_month(parts: list[str]) -> bool:
    """Tell whether `parts` read as d/m, d/m/y or m/yyyy."""
    if not all(part.isdigit() for part in parts) or len(parts) not in (2, 3):
        return False
    first, second = int(parts[0]), int(parts[1])
    if len(parts) == 2 and len(parts[1]) == 4:
        return 1 <= first <= 12  # "12/2016": month and year
    return 1 <= first <= 31 and 1 <= second <= 12


def classify(text: str) -> Iterator[tuple[Kind, str]]:
    """Yield each number token of `text` with its kind; a range yields each end."""
    for match in _TOKEN.finditer(text):
        raw = match.group(0)
        if ":" in raw:
            yield "time", raw
        elif "/" in raw or is_date(
            raw, before=text[: match.start()], after=text[match.end() : match.end() + 20]
        ):
            yield "date", raw
        else:
            for part in raw.split("-"):
                yield ("year" if is_year(part) else "number"), part


def key_numbers(text: str) -> set[str]:
    """Return the canonical values of the numbers in `text`, without dates, times, years."""
    return {normalize_number(raw) for kind, raw in classify(text) if kind == "number"}


def is_calendar_value(value: str) -> bool:
    """Tell whether a figure value holds a date or time, or is nothing but a year."""
    kinds = [kind for kind, _ in classify(value)]
    if any(kind in ("date", "time") for kind in kinds):
        return True
    return kinds == ["year"] and is_year(value.strip(" .,;:()"))
