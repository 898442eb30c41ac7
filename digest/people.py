"""Find the people a passage names, as the article writes them, to attribute a quote.

Rule order of `people_in` (a person is returned verbatim, so it always occurs in the text):
1. A run of capitalised words with only spaces between them is a candidate.
2. Preceded by an honorific or a two-word title ("ông", "chị", "Mr", "bác sĩ", "luật sư"),
   the run names a person, honorific included: "ông Thống", "bác sĩ Đức".
3. Otherwise a run of two or more words names a person when `speakers.names_person` says
   so ("Nguyễn Xuân Sơn", "Ông Lê Tám", "Jane Doe"); words before a surname are dropped
   ("Đức Thọ Nguyễn Văn Duẩn" is a place, then the man).
`title_holder` resolves a bare lowercase title ("bác sĩ cho biết") to the person the
article names with it. Rule order of `nearby_speaker`, for a quote whose cue names nobody
or that has no cue:
1. The first person after the quote in its sentence, then the last one before it, then
   the last one in the previous sentence.
2. When those words hold only a pronoun ("ông", "bà", "he"), the last person named earlier
   in the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digest.lexicon import HONORIFICS, PLACE_WORDS, SENTENCE_OPENERS, SURNAMES, TITLE_PAIRS
from digest.speakers import name_start

_WORD = re.compile(r"[^\W\d_][\w'’-]*\.?")
_SENT_END = re.compile(r"[.!?…][\"”’]?\s")
_PRONOUNS = re.compile(r"(?:^|\s)(?:ông|bà|anh|chị|cô|he|she)(?=\s|[,.:]|$)", re.IGNORECASE)
_LOOKBACK = 3_000
_NOT_HONORIFIC = frozenset({"đàn ông", "đàn bà"})


def people_in(text: str) -> list[str]:
    """Return the people named in `text`, in order, each as written (rules 1-3)."""
    tokens = list(_WORD.finditer(text))
    found: list[str] = []
    index = 0
    # Only capitalised words can start a run: jump from one to the next.
    capitals = [i for i, token in enumerate(tokens) if token.group()[:1].isupper()]
    for start in capitals:
        if start < index:
            continue  # inside the run just read
        index = _run_end(text, tokens, start)
        person = _person(text, tokens, start, index)
        if person:
            found.append(person)
    return found


def _run_end(text: str, tokens: list[re.Match[str]], start: int) -> int:
    """Return the index after the capitalised run starting at `tokens[start]`."""
    end = start
    while end < len(tokens) and tokens[end].group()[:1].isupper():
        if end > start and not _joined(text, tokens[end - 1], tokens[end]):
            break
        end += 1
    return end


def _joined(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Tell whether two words belong to one name: one space apart, and the left one does
    not end a sentence (an initial like "F." does not)."""
    if text[left.end() : right.start()] != " ":
        return False
    return not left.group().endswith(".") or len(left.group()) <= 2


def _person(text: str, tokens: list[re.Match[str]], start: int, end: int) -> str | None:
    """Apply rules 2 and 3 to the capitalised run `tokens[start:end]`."""
    last = tokens[end - 1].end()
    for size in (2, 1):
        head = start - size
        if head >= 0 and text[tokens[head].end() : tokens[start].start()].count(" ") == size:
            honorific = " ".join(token.group() for token in tokens[head:start]).lower()
            if honorific in _NOT_HONORIFIC:
                return None  # "người đàn ông Trung Quốc": a man, and his country
            if honorific.rstrip(".") in HONORIFICS or honorific in TITLE_PAIRS:
                return text[tokens[head].start() : last].rstrip(".")
    first = _name_in_run([token.group().rstrip(".") for token in tokens[start:end]])
    if first is None:
        return None
    if start + first and tokens[start + first - 1].group() in PLACE_WORDS:
        return None  # "tại New Delhi", "của Sinohydro Corporation": a place or a firm
    return text[tokens[start + first].start() : last].rstrip(".")


def _name_in_run(run: list[str]) -> int | None:
    """Return where the person's name starts in a capitalised run, or None: after a
    sentence opener ("Theo AdvanFort"), at an honorific ("Ông Thống"), else at the last
    surname that still leaves a full name ("Đức Thọ Nguyễn Văn Duẩn" → "Nguyễn")."""
    skip = 0
    while skip < len(run) and run[skip] in SENTENCE_OPENERS and run[skip].lower() not in HONORIFICS:
        skip += 1
    start = name_start(run[skip:]) if len(run) - skip >= 2 else None
    if start is None:
        return None
    start += skip
    if run[start].lower().rstrip(".") in HONORIFICS:
        return start
    surnames = [i for i in range(start, len(run) - 1) if run[i].lower() in SURNAMES]
    return surnames[0] if surnames else start


def title_holder(title: str | None, people: Sequence[str]) -> str | None:
    """Return the first person written as `title` plus a name ("bác sĩ" → "bác sĩ Đức")."""
    if not title or not title.strip():
        return None
    prefix = " ".join(title.split()).lower() + " "
    return next((person for person in people if person.lower().startswith(prefix)), None)


def nearby_speaker(
    paragraphs: Sequence[str], index: int, span: tuple[int, int], previous: str
) -> str | None:
    """Return who most likely said the quote at `paragraphs[index][span[0]:span[1]]`."""
    paragraph = paragraphs[index]
    after = paragraph[span[1] : span[1] + 250]
    end = _SENT_END.search(after)
    after = after[: end.start() + 1] if end else after
    pieces = _SENT_END.split(paragraph[max(0, span[0] - 400) : span[0]])
    before = pieces[-1]
    earlier = pieces[-2] if len(pieces) > 1 else previous  # the sentence before
    # Read lazily: most quotes are settled by the words after them.
    for text, first in ((after, True), (before, False), (earlier, False)):
        people = people_in(text)
        if people:
            return people[0] if first else people[-1]
    if _PRONOUNS.search(after) or _PRONOUNS.search(before):
        return _last_person(paragraphs, index, span[0])
    return None


def _last_person(paragraphs: Sequence[str], index: int, position: int) -> str | None:
    """Return the last person named before `position` in `paragraphs[index]`, looking back
    through earlier paragraphs up to `_LOOKBACK` characters."""
    budget = _LOOKBACK
    text = paragraphs[index][:position]
    while budget > 0:
        people = people_in(text[-budget:])
        if people:
            return people[-1]
        budget -= len(text)
        index -= 1
        if index < 0:
            return None
        text = paragraphs[index]
    return None
