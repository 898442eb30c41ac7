"""Say what a number counts, in the article's own words.

Rule order of `label_for` (text after the number, then before it, in one sentence):
1. Counted noun right after the number: "152 đảng viên mới", "2,400 engineers", up to
   `MAX_COUNTED_WORDS` words, stopping at punctuation, a number, a function word ("và",
   "in") or a name ("7 chỗ BKS" → "chỗ").
2. A bare classifier ("người", "lượt", "people") is replaced by the noun in a
   "(tổng) số X … là N" / "the number of X … was N" phrase before it when there is one:
   "tổng số đảng viên được kết nạp từ đầu nhiệm kỳ đến nay là 837 người".
3. "N là X" / "N of (the) X" after an amount: "14.000 tỷ đồng là nợ thuế" → "nợ thuế",
   "1,234.5 tonnes of coffee" → "coffee".
4. For an amount (money, unit) the noun phrase closing the clause before it comes before
   the words after it, minus verbs and prepositions around it: "Lợi nhuận sau thuế ở mức
   420 tỷ đồng" → "Lợi nhuận sau thuế", "diện tích 5,7 ha ven biển" → "diện tích",
   "revenue of $3.2 billion" → "revenue". A percent is a share *of* what follows it
   ("85,3% doanh thu"), and a bare magnitude counts it ("20 triệu cổ phiếu"), so there
   the words after come first. A bare number with no
   counted noun is a name part or a code ("Quân khu 3", "Golden Land 275"): no label.
5. A time unit after a count is a span of time only when the words around say so:
   "trong vòng 30 năm qua" → "năm qua", "7 năm trước" → "năm trước", "sau 3 năm" →
   "năm", "30 years ago" → "years ago"; "làm việc 10 năm ở đây" has no label.
Otherwise a label starting with a time unit ("năm", "days") is no label, except a prison
term ("20 năm tù"); nor is one made of single letters.
"""

from __future__ import annotations

import re
from typing import Literal

from digest.lexicon import (
    CLASSIFIERS,
    DURATION_UNITS,
    LABEL_BACK_STOP,
    LABEL_STOP,
    LABEL_TRAIL,
    LABEL_TRAIL_PAIRS,
    SPAN_AFTER,
    TIME_UNITS,
)

Kind = Literal["count", "percent", "amount", "magnitude"]

MAX_WORDS = 6
MAX_COUNTED_WORDS = 4
_SPAN = 160
_SHORT_SPAN = 60
_AFTER_TOKENS = 10

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*|[^\w\s]")
_CLAUSE_SEP = re.compile(r"[,;:()\[\]\"“”!?]|\s[-–—]\s|\.\s")
_COUNT_OF = re.compile(
    r"(?:(?:tổng\s+)?số(?:\s+lượng)?|[Tt]he\s+number\s+of|[Tt]otal\s+number\s+of)"
    r"\s+(?P<np>[^\W\d_][^\d,;:.()]*?)"
    r"(?:\s+(?:đến nay|hiện nay|hiện tại|tính đến nay|hiện|so far))?"
    r"\s+(?:là|đạt|lên tới|lên đến|lên|khoảng|gần|hơn|is|was|were|are|reached|rose to|to)\s*$"
)
_SPAN_BEFORE = re.compile(r"(?:^|\s)(?i:trong vòng|suốt|sau|cách đây|kéo dài|past)\s*$")
_ARTICLES = frozenset({"the", "a", "an"})
_PRISON = frozenset({"tù", "tù giam"})


def label_for(sentence: str, start: int, end: int, *, kind: Kind) -> str:
    """Return what the number at `sentence[start:end]` counts, or "" when nothing says."""
    after = _tokens_after(sentence, end)
    before = _clause(sentence, start)
    if kind != "count" and after[:1] in (["of"], ["là"]):
        rest = after[1:2] if after[1:2] and after[1].lower() in _ARTICLES else []
        return _clean(_noun_phrase(after[1 + len(rest) :], limit=MAX_WORDS))
    forward = _clean(_noun_phrase(after[1:] if after[:1] in (['"'], ["“"]) else after))
    if kind in ("percent", "magnitude"):
        return forward or _clean(_before_phrase(_tokens(before)))
    if kind == "amount":
        return _clean(_before_phrase(_tokens(before))) or forward
    counted = _COUNT_OF.search(before) if "số" in before or "number" in before else None
    if counted and (not forward or forward.lower() in CLASSIFIERS):
        return counted.group("np").strip()
    # A bare number with no counted noun after it is a name part or code ("Quân khu 3").
    return forward or _span(after, before)


def _span(after: list[str], before: str) -> str:
    """Label a span of time the words around mark as one (rule 5), else return ""."""
    if not after or after[0].lower() not in DURATION_UNITS:
        return ""
    if len(after) > 1 and after[1].lower() in SPAN_AFTER:
        return f"{after[0]} {after[1]}"
    return after[0] if _SPAN_BEFORE.search(before) else ""


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _tokens_after(sentence: str, end: int) -> list[str]:
    """Return the first `_AFTER_TOKENS` tokens of the `_SPAN` characters after `end`."""
    # Rules 1-3 and 5 read at most 9 tokens: tokenise a short window first, and the whole
    # span only when the window may have cut one of them.
    tokens = _TOKEN.findall(sentence, end, min(end + _SHORT_SPAN, end + _SPAN))
    if len(tokens) <= _AFTER_TOKENS:
        tokens = _TOKEN.findall(sentence[end : end + _SPAN])
    return tokens[:_AFTER_TOKENS]


def _clause(sentence: str, start: int) -> str:
    """Return the words between the last clause separator and `start`."""
    begin = max(0, start - _SPAN)
    if begin:
        space = sentence.find(" ", begin, start)
        begin = space + 1 if space >= 0 else start  # never start inside a word
    separators = list(_CLAUSE_SEP.finditer(sentence, begin, start))
    return sentence[separators[-1].end() if separators else begin : start]


def _noun_phrase(tokens: list[str], *, limit: int = MAX_COUNTED_WORDS) -> list[str]:
    """Take up to `limit` words, stopping at punctuation, a number, a function
    word, or a capitalised word after lowercase ones (a name starts a new phrase)."""
    phrase: list[str] = []
    for token in tokens:
        if not token[0].isalpha() or token.lower() in LABEL_STOP:
            break
        if len(phrase) == limit or (phrase and _starts_name(phrase[-1], token)):
            break
        phrase.append(token)
    return phrase


def _starts_name(previous: str, token: str) -> bool:
    return previous[:1].islower() and token[:1].isupper()


def _before_phrase(tokens: list[str]) -> list[str]:
    """Take the words closing the clause, without verbs around them (rule 4)."""
    while tokens:
        if " ".join(tokens[-2:]).lower() in LABEL_TRAIL_PAIRS:
            tokens = tokens[:-2]
        elif not tokens[-1][0].isalpha() or tokens[-1].lower() in LABEL_TRAIL:
            tokens = tokens[:-1]
        else:
            break
    phrase: list[str] = []
    for token in reversed(tokens):
        lowered = token.lower()
        if not token[0].isalpha() or lowered in LABEL_BACK_STOP or len(phrase) == MAX_WORDS:
            break
        if lowered.endswith("ed") and token.isascii() and len(token) > 4:
            break  # an English past-tense verb ends the noun phrase going backwards
        phrase.insert(0, token)
    while phrase and phrase[0].lower() in LABEL_TRAIL:
        phrase = phrase[1:]
    return phrase


def _clean(phrase: list[str]) -> str:
    """Join a phrase, refusing bare time units (but not prison terms) and stray letters."""
    if not phrase:
        return ""
    rest = " ".join(phrase[1:2]).lower()
    if phrase[0].lower() in TIME_UNITS and rest not in _PRISON:
        return ""
    return " ".join(phrase) if any(len(token) > 1 for token in phrase) else ""
