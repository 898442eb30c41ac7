"""Find an article's key figures: each number with what it counts, in the article's words.

Rule order:
1. Candidates are numbers as written: `1.234,5`, `1,234.5`, `3.2`, ranges `1-2`, with a
   currency sign (`$3.2`), a percent, or a magnitude, currency or unit word after them
   (`1.750 tỷ đồng`, `$3.2 billion`, `45 km`). Numbers glued to letters (U22, F-16, 22h,
   4G) are codes, not figures.
2. An age ("Võ Đình Quý - 33 tuổi", "ông A (51 tuổi)") is a figure labelled with the
   person named just before it; an age nobody is named with is none. At most `MAX_AGES`.
3. Not figures: dates (25/12, 12/2016, 30-10-2013, "sáng 1-11", "12 May"), times (7:30),
   bare years (1800-2100), designators after words such as "số", "khóa", "Trung ương",
   "quận", "lần thứ", "tháng", "năm", or right after a capitalised name or acronym
   ("Games 27", "PCI 2019"), codes with a leading zero ("01"), list markers ("1.", "(2)").
   "trong số 20 lần", "tổng số", "trong vòng 30 năm" count, though: there "số" and "vòng"
   are no designators; so does a number of seats after a name ("xe Ford Transit 16 chỗ").
4. Each remaining number needs a label (`digest.labels`); without one it is dropped.
5. Salience: amounts and multi-word labels score higher, as do figures from the lead,
   from early sentences, from the summary's sentences (`key_sentences`), numbers the
   headline repeats (a headline's "500" repeats "500,57"), and larger values; a span of
   time ("30 năm qua") scores lower than a count of things. A value seen before counts
   once (small counts once per counted noun). The best `limit` (8; a Telegram card shows
   the first 6) are kept and returned in article order.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence

from digest.labels import Kind, label_for
from digest.lexicon import (
    COUNTING_PAIRS,
    DESIGNATOR_PAIRS,
    DESIGNATORS,
    DURATION_UNITS,
    NAME_COUNTED,
    SPAN_AFTER,
)
from digest.models import Figure
from digest.speakers import trailing_name

DEFAULT_LIMIT = 8
HEADLINE_BONUS = 3.0
KEY_SENTENCE_BONUS = 2.0
MAX_AGES = 2
SPAN_PENALTY = 1.0

_MAGNITUDE = (
    r"(?:nghìn tỷ|ngàn tỷ|nghìn tỉ|ngàn tỉ|tỷ|tỉ|triệu|nghìn|ngàn|trillion|billion|million|"
    r"thousand|bn)"
)
_CURRENCY = (
    r"(?:đồng|USD|VND|VNĐ|EUR|euros?|dollars?|yuan|yen|pounds?|đô la(?: Mỹ)?|"
    r"(?i:nhân dân tệ)|NDT|won|baht|rupees?)"
)
_UNIT = (
    r"(?:phần trăm|percent|per cent|km2|km|m2|m3|ha|hecta|tấn|kg|lít|MW|kWh|GW|tonnes?|cm|mm|m|"
    r"mét|độ C|°C|"
    r"tons?|miles?|kilometres?|kilometers?|hectares?|acres?|barrels?|thùng)"
)
_NUMBER = re.compile(
    # The lookahead is only a speed-up: every match opens with a digit or a currency sign,
    # and failing on the first character is much cheaper than trying the lookbehind.
    r"(?=[\dU$€£])(?<![\w.,/:$€£+\-–])"
    r"(?:(?P<cur>US\$|\$|€|£)\s?)?"
    r"(?P<num>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<range>\s?[-–]\s?\d+(?:[.,]\d+)?)?"
    r"(?P<glued>%|km2|km|kg|ha|MW|GW|cm|mm|m2|m3|m)?"
    r"(?![\w/:]|[-–.,]\d)"
    rf"(?P<tail>\s%|\s(?:{_MAGNITUDE}(?:\s{_CURRENCY})?|{_CURRENCY}|{_UNIT})(?!\w))?"
)
_AGE = re.compile(r"\s+tuổi(?!\w)")
_NAME_END = " ,(-–—:"
_BARE_MAGNITUDE = re.compile(_MAGNITUDE)
_DIGIT = re.compile(r"\d")
_DECIMALS = re.compile(r"[.,]\d{1,2}$")
_PREV_WORDS = re.compile(r"[^\W\d_][\w.]*")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
_OPENING = re.compile(r"[\"“'( ]*")
_YEAR = re.compile(r"1[89]\d\d|20\d\d|2100")
_MONTH = re.compile(
    r"\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b"
)


def extract_figures(
    sentences: Sequence[str],
    *,
    lead_sentences: Sequence[str] = (),
    headline: str = "",
    key_sentences: Collection[str] = (),
    limit: int = DEFAULT_LIMIT,
) -> tuple[Figure, ...]:
    """Return the `limit` most salient figures of the lead and body, in article order."""
    ordered = [*lead_sentences, *sentences]
    total = max(1, len(ordered))
    headline_numbers = {_rounded(match.group("num")) for match in _NUMBER.finditer(headline)}
    scored: list[tuple[float, int, Figure]] = []
    for index, figure, match, kind in _candidates(ordered):
        score = _salience(figure, match, kind) + 2.0 * (1 - index / total)
        score += 2.0 if index < len(lead_sentences) else 0.0
        score += KEY_SENTENCE_BONUS if figure.sentence in key_sentences else 0.0
        score += HEADLINE_BONUS if _rounded(match.group("num")) in headline_numbers else 0.0
        scored.append((score, len(scored), figure))
    best = sorted(scored, key=lambda item: (-item[0], item[1]))[:limit]
    return tuple(figure for _, _, figure in sorted(best, key=lambda item: item[1]))


def _rounded(number: str) -> str:
    """Drop a short decimal part: a headline rounds "500,57 điểm" to "500"."""
    return _DECIMALS.sub("", number)


def _candidates(
    sentences: Sequence[str],
) -> Iterator[tuple[int, Figure, re.Match[str], Kind]]:
    """Yield each sentence's figures (rules 1-3), a repeated value once, `MAX_AGES` ages."""
    seen: set[tuple[str, str]] = set()
    ages = 0
    for index, sentence in enumerate(sentences):
        for match in _NUMBER.finditer(sentence) if _DIGIT.search(sentence) else ():
            kind = _kind(match)
            figure = _figure(sentence, match, kind)
            if figure is None:
                continue
            identity = _identity(figure, match, kind)
            if identity in seen:
                continue
            if _is_age(figure):
                if ages >= MAX_AGES:
                    continue
                ages += 1
            seen.add(identity)
            yield index, figure, match, kind


def _is_span(figure: Figure) -> bool:
    """Tell whether a figure is a span of time ("30 năm qua"), not a count of things."""
    head, _, rest = figure.label.lower().partition(" ")
    return head in DURATION_UNITS and (not rest or rest in SPAN_AFTER)


def _is_age(figure: Figure) -> bool:
    return figure.value.endswith("tuổi")


def _kind(match: re.Match[str]) -> Kind:
    """Tell a percent, an amount (currency or unit), a bare magnitude ("20 triệu") and a
    plain count apart."""
    marks = f"{match.group('glued') or ''}{match.group('tail') or ''}".lower()
    if "%" in marks or "trăm" in marks or "cent" in marks:
        return "percent"
    if _BARE_MAGNITUDE.fullmatch(marks.strip()) and not match.group("cur"):
        return "magnitude"
    return "amount" if match.group("cur") or marks else "count"


def _identity(figure: Figure, match: re.Match[str], kind: Kind) -> tuple[str, str]:
    """Key under which a repeated figure counts once: the value, or for small counts the
    value and the label's first word ("2 tổ chức", "2 xe" are different facts)."""
    if kind != "count" or len(match.group("num")) >= 2:
        return (figure.value, "")
    return (figure.value, figure.label.split()[0].lower())


def _figure(sentence: str, match: re.Match[str], kind: Kind) -> Figure | None:
    """Apply rules 2-3 to one number; return it as a Figure or None."""
    age = _AGE.match(sentence, match.end()) if kind == "count" else None
    if age:
        name = trailing_name(sentence[max(0, match.start() - 60) : match.start()].rstrip(_NAME_END))
        value = sentence[match.start() : age.end()].strip()
        return Figure(value=value, label=name, sentence=sentence) if name else None
    if _excluded(sentence, match, amount=kind != "count"):
        return None
    label = label_for(sentence, match.start(), match.end(), kind=kind)
    if not label:
        return None
    return Figure(value=match.group(0).strip(), label=label, sentence=sentence)


def _excluded(sentence: str, match: re.Match[str], *, amount: bool) -> bool:
    """Tell whether the number is a date, time, year, designator or list marker (rule 2)."""
    number = match.group("num")
    if len(number) > 15 or (not amount and _YEAR.fullmatch(number)):
        return True
    if number.startswith("0") and number.isdigit() and len(number) > 1:
        return True  # "01", "007": a document or route code
    if not amount and _MONTH.match(sentence, match.end()):
        return True
    start = match.start()
    previous = _PREV_WORDS.findall(sentence, max(0, start - 40), start)[-2:]
    if previous and _designated(previous, sentence, match, amount=amount):
        return True
    return _list_marker(sentence, match)


def _designated(previous: list[str], sentence: str, match: re.Match[str], *, amount: bool) -> bool:
    """Tell whether the words before the number make it a name, code or date part."""
    start, last = match.start(), previous[-1]
    pair = " ".join(previous).lower()
    if pair in COUNTING_PAIRS:
        return False  # "trong số 20 lần": among twenty, a count
    if last.lower() in DESIGNATORS or pair in DESIGNATOR_PAIRS:
        return True
    # `last` lies in the 40 characters before the number, so they alone tell what ends
    # the text before it.
    if amount or not sentence[max(0, start - 40) : start].rstrip().endswith(last):
        return False  # punctuation between the word and the number breaks the link
    if not last[:1].isupper():
        return False
    following = _NEXT_WORD.match(sentence, match.end())
    if following and following.group(1).lower() in NAME_COUNTED:
        return False  # "Ford Transit 16 chỗ": the seats of a model, a count
    at_sentence_start = sentence[: start - 1].rstrip() == last
    return not at_sentence_start or (len(last) > 1 and last.isupper())


def _list_marker(sentence: str, match: re.Match[str]) -> bool:
    """Tell whether the number enumerates: "1. …" at the start or "(2)"."""
    quotes = _OPENING.match(sentence)  # always matches, maybe empty
    opening = quotes is not None and quotes.end() >= match.start()  # only quotes before it
    following = sentence[match.end() : match.end() + 1]
    if opening and following in (".", ")"):
        return True
    return sentence[match.start() - 1 : match.start()] == "(" and following == ")"


def _salience(figure: Figure, match: re.Match[str], kind: Kind) -> float:
    """Score a figure: amounts, multi-word labels and larger values matter more."""
    score = 0.0
    if kind != "count":
        score += 2.0
    if _is_span(figure):
        score -= SPAN_PENALTY
    if len(figure.label.split()) >= 2:
        score += 1.0
    digits = sum(ch.isdigit() for ch in match.group("num"))
    if digits >= 3:
        score += 0.5
    elif match.group("num") in ("0", "1"):
        score -= 1.0
    return score
