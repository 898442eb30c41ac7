"""Clean scraped article text before it is summarised.

Rule order of `body_blocks`:
1. `normalize_text`: NFC, drop control and zero-width characters, unify newlines and
   spaces, cap the length (a 5 MB page costs no more than its first `MAX_CHARS`).
2. Cut at the first trailing-block marker line ("Tin mới", "Tin liên quan", "Related", …):
   the marker and everything after it are the site's links, not the article. A tag list
   ("Từ khóa: …", "Tags: …") is cut off the same way, even inside a line.
3. Drop caption lines: a line ending in a photo credit ("… Ảnh: Mai Hoa", "(Ảnh: …)",
   "Photo: …"), a short line placing people in a photo ("Ông A (phải) …"), and a
   credit-only line together with the short line before it, its caption.
4. Drop lines that nearly duplicate an adjacent caption line (the image's alt text).
5. Drop the dateline prefix ("(Baonghean.vn) -", "TTO -", "HANOI (Reuters) -") from the
   first remaining line.
6. Drop exact repeats of an earlier line (compared lowercased, after step 5).
7. Mark short lines without end punctuation as section headings: kept for context,
   never used as summary text.

Long paragraphs may still carry inline credits ("… bão. Ảnh: Reuters Trên Twitter …"):
`digest.captions` removes those sentence by sentence after splitting.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import NamedTuple

MAX_CHARS = 50_000
_CAPTION_LINE_MAX = 600
_TAIL_SCAN = 100
_HEADING_MAX_WORDS = 12

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff\ufffd]")
# Control characters and every whitespace but " " and "\n": text without any of them, nor
# doubled or line-edge spaces, is already normal, and one search proves it.
_UNUSUAL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\xa0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u2060"
    "\u3000\ufeff\ufffd]"
)
_NEWLINES = ("\r\n", "\r", "\u2028", "\u2029", "\x85")
_WORDS = re.compile(r"\w+")
_TAGS = re.compile(r"<[^>]{0,500}>")

_CREDIT = r"(?i:ảnh|photo(?:graph)?|image|video|clip|nguồn(?:\s+ảnh)?|source)\s*:"
_CREDIT_TAIL = re.compile(
    rf"(?:^|(?<=[\s.,(\[|/\-–—])){_CREDIT}[^!?\n]{{0,60}}$|\((?i:photo by)[^)]{{0,60}}\)\.?$"
)
POSITION = re.compile(
    r"\((?i:phải|trái|giữa|bìa phải|bìa trái|ngoài cùng[^()]{0,20}|thứ \w+ từ (?:trái|phải)"
    r"[^()]{0,12}|từ trái (?:qua|sang)[^()]{0,12}|left|right|centre|center|pictured)\)"
)
_CREDIT_ONLY = re.compile(rf"^[(\[]?(?:{_CREDIT}|(?i:ảnh minh h|photo illustration))")
_PAREN_CREDIT = re.compile(rf"\(\s*{_CREDIT}[^()]{{0,80}}\)")

_MARKERS = frozenset(
    {
        "tin mới",
        "tin liên quan",
        "bài liên quan",
        "tin cùng chuyên mục",
        "tin khác",
        "xem thêm",
        "đọc thêm",
        "có thể bạn quan tâm",
        "tin đọc nhiều",
        "tin nổi bật",
        "related",
        "related articles",
        "related news",
        "related stories",
        "read more",
        "more stories",
        "see also",
    }
)
_MARKER_STRIP = " \t:>»-–—.…"
_MARKER_MAX = max(map(len, _MARKERS))

_DATELINE = re.compile(
    r"^(?:(?P<domain>[^\s()]{2,30}\.(?:vn|com|net|org))"
    r"|(?P<place>[^\n()]{0,40}?)\((?P<agency>[^()\n]{2,30})\)"
    r"|(?P<caps>[^\W\d_][^\n()\-–—]{0,40}?))\s*[-–—]+\s+"
)
# "(?<!\S.)" after the first letter checks that a space or the line's start comes before the
# word; opening with a letter lets the regex engine jump to "T" and "K" alone.
_TAGS_LIST = re.compile(r"(?:T(?<!\S.)(?:ừ khóa|ừ khoá|Ừ KHÓA|ags?)|K(?<!\S.)eywords?)\s*:")
_END_PUNCT = frozenset('.!?…:;"”’)»')


class Block(NamedTuple):
    """One cleaned line of the body; `heading` marks a section sub-heading."""

    # A named tuple, not a frozen dataclass: an article makes dozens and a tuple is built
    # several times faster.

    text: str
    heading: bool


def normalize_text(text: str, *, limit: int = MAX_CHARS) -> str:
    """Return `text` capped, NFC-normalised, without control characters or runs of spaces."""
    capped = text[: limit * 2]
    for newline in _NEWLINES:  # plain `in` and `replace` beat one regex by far here
        if newline in capped:
            capped = capped.replace(newline, "\n")
    normal = unicodedata.normalize("NFC", capped)[:limit]
    if _UNUSUAL.search(normal) is None and not _loose_spaces(normal):
        return normal
    normal = _CONTROL.sub("", normal)
    return "\n".join(" ".join(line.split()) for line in normal.split("\n"))


def _loose_spaces(text: str) -> bool:
    """Tell whether `text` has doubled spaces or spaces at a line's edge."""
    return "  " in text or " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " "


def strip_dateline(line: str) -> str:
    """Drop a leading "(Source) -", "TTO -" or "CITY (Agency) -" dateline from `line`."""
    match = _DATELINE.match(line)
    if match is None:
        return line
    place = match.group("place")
    if match.group("domain") or (place is not None and _is_place(place)):
        return line[match.end() :]
    caps = match.group("caps")
    return line[match.end() :] if caps and _is_upper(caps) else line


def _is_place(place: str) -> bool:
    """Tell whether the text before "(Agency)" is empty or starts with an uppercase city."""
    words = place.split()
    return not words or _is_upper(words[0])


def _is_upper(prefix: str) -> bool:
    """Tell whether every letter of a dateline prefix is uppercase (HÀ NỘI, TTO)."""
    letters = [ch for ch in prefix if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def is_caption_line(line: str) -> bool:
    """Tell whether a whole line is a photo caption or a bare photo credit."""
    if _CREDIT_ONLY.match(line) and len(line) <= 120:
        return True
    if len(line) <= 300 and "(" in line and POSITION.search(line):
        return True  # "Ông A (phải) bắt tay ông B": who stands where is a photo's caption
    if len(line) > _CAPTION_LINE_MAX:
        return False
    # A tail credit ends the line, so only its last characters need scanning.
    start = max(0, len(line) - _TAIL_SCAN)
    if not has_credit_hint(line[start:].lower()):
        return False  # case-insensitive search is slow: look for a lowercase hint first
    return _CREDIT_TAIL.search(line, start) is not None


def has_credit_hint(lowered: str) -> bool:
    """Tell whether lowercased text holds a word every photo credit starts with."""
    # Plain substring tests beat a regex alternation (and case-insensitive search) by far.
    return (
        "ảnh" in lowered
        or "photo" in lowered
        or "image" in lowered
        or "video" in lowered
        or "clip" in lowered
        or "nguồn" in lowered
        or "source" in lowered
    )


def strip_paren_credits(text: str) -> str:
    """Remove parenthesised credits like "(Ảnh: Phương Hoa/TTXVN)" from running text."""
    return _PAREN_CREDIT.sub("", text)


def is_marker(line: str) -> bool:
    """Tell whether `line` is a "Tin mới" / "Related" marker that starts the link block."""
    stripped = line.strip(_MARKER_STRIP)
    return len(stripped) <= _MARKER_MAX and stripped.lower() in _MARKERS


def _cut_at_marker(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if index > 0 and is_marker(line):
            return lines[:index]
        tags = _TAGS_LIST.search(line) if ":" in line else None
        if tags:  # "… chào thầu. Thanh Hoài Từ khóa: Đấu thầu, vàng": the site's tag list
            return [*lines[:index], line[: tags.start()].rstrip()]
    return lines


def _key_words(line: str) -> list[str]:
    """Lowercased words of a line: what repeats and alt-text twins are compared on."""
    return _WORDS.findall(line.lower())


def _similar(left: str, right: str) -> bool:
    """Tell whether two lines share at least 60% of their lowercased words (Jaccard)."""
    a, b = set(_key_words(left)), set(_key_words(right))
    return bool(a) and len(a & b) >= 0.6 * len(a | b)


def _caption_flags(lines: list[str]) -> list[bool]:
    """Flag caption lines, the caption before a credit-only line, and their alt-text twins."""
    flags = [is_caption_line(line) for line in lines]
    if not any(flags):
        return flags  # no caption, so no caption's credit nor alt-text twin either
    for i, line in enumerate(lines):
        if flags[i] and i > 0 and _CREDIT_ONLY.match(line) and len(lines[i - 1]) <= 300:
            flags[i - 1] = True
    twins = list(flags)
    for i, line in enumerate(lines):
        if flags[i]:
            continue
        neighbours = (j for j in (i - 1, i + 1) if 0 <= j < len(lines) and flags[j])
        twins[i] = any(_similar(line, lines[j]) for j in neighbours)
    return twins


def _is_heading(line: str) -> bool:
    # Normalised lines are single-spaced, so spaces count the words.
    return line[-1] not in _END_PUNCT and line.count(" ") < _HEADING_MAX_WORDS


def body_blocks(text: str) -> list[Block]:
    """Split scraped body text into clean blocks, applying the module's rules in order."""
    # `normalize_text` leaves every line stripped and single-spaced.
    lines = _cut_at_marker([line for line in normalize_text(text).split("\n") if line])
    flags = _caption_flags(lines)
    seen: set[str] = set()
    blocks: list[Block] = []
    for line, caption in zip(lines, flags, strict=True):
        if caption:
            continue
        text = line if blocks else strip_dateline(line).strip()
        key = text.lower()
        if key not in seen and _WORDS.search(key):
            seen.add(key)
            blocks.append(Block(text=text, heading=_is_heading(text)))
    return blocks


def clean_lead(lead: str) -> str:
    """Return a feed sapo as plain text: tags, entities, credits and dateline removed."""
    text = normalize_text(html.unescape(_TAGS.sub(" ", lead[: MAX_CHARS * 2])))
    text = " ".join(strip_paren_credits(text).split())
    return strip_dateline(text).strip()
