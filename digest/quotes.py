"""Pick the article's key quote and who said it.

Rule order:
1. Candidate spans: the inner text of “…”, «…», ‘…’ or a pair of straight "…" or '…'
   inside one paragraph (straight quotes pair left to right), with at least
   `MIN_SYLLABLES` words, opening with a letter or digit. The quote text is that inner
   text verbatim, minus surrounding spaces and a trailing comma.
2. Attribution, the first that applies:
   a. after the quote, in the same sentence: `"…" - Phó Bí thư nhấn mạnh.`,
      `"…", ông Thống nói.`, `“…,” said Jane Doe, the chief executive.`;
   b. before it, in the same sentence: `Ông A cho biết: "…"`, `Theo ông A, "…"`,
      `According to X, "…"`, or a name or title and a colon: `Bộ trưởng A: “…”`;
   c. the previous sentence, when it ends in a colon or a cue verb: `Ông A nói:` ⏎ `"…"`.
   d. none: a span with no cue verb (nhấn mạnh, cho biết, said, …) is kept only as a last
      resort (`UNCUED_PENALTY`), and never right after a naming noun ('chương trình "…"',
      'bài hát "…"'): that is a title, not speech.
3. The speaker is tidied and a bare title resolved to its holder (`digest.speakers`), a
   lowercase one ("bác sĩ cho biết") to the person the article names with it; a cue that
   names nobody, or no cue, takes the person next to the quote or, for a pronoun, the
   last person named before it (`digest.people`).
4. Ranking: a cue first, then a speaker, then overlap with the headline, then a readable
   length; ties go to the earlier quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digest.lexicon import NAMING_WORDS
from digest.models import Quote
from digest.people import nearby_speaker, people_in, title_holder
from digest.speakers import looks_like_speaker, resolve_speaker
from digest.text import words

MIN_SYLLABLES = 8
_WINDOW = 250

# Every branch opens with its quote mark (the lookbehind comes after it), so the regex
# engine skips straight to quote marks instead of trying each position.
_SPAN = re.compile(
    r"“([^“”\n]{1,3000})”|«([^«»\n]{1,3000})»|\"([^\"\n]{1,3000})\"|‘([^‘’\n]{1,3000})’"
    r"|'(?<!\w')([^'\n]{1,3000})'(?!\w)"
)
_NAMED = re.compile(rf"(?:^|\s)(?i:{NAMING_WORDS})\s*[:\-–]?\s*$")
UNCUED_PENALTY = 10.0
_CUES_VI = (
    r"nhấn mạnh|khẳng định|cho biết|chia sẻ|phát biểu|cho rằng|nhận định|nhận xét|bày tỏ|"
    r"cho hay|nêu rõ|tâm sự|giải thích|trả lời|lưu ý|thừa nhận|tuyên bố|bình luận|"
    r"trao đổi|cảnh báo|kết luận|khuyến cáo|nói|kể|viết|hỏi"
)
_CUES_EN = (
    r"said|says|say|told|tells|added|adds|according to|stated|explained|noted|wrote|"
    r"writes|asked|warned|insisted|declared|argued|recalled|continued"
)
_CUES = f"{_CUES_VI}|{_CUES_EN}"
_CUE_FIRST = re.compile(rf"(?:{_CUES_EN})\b")
_CUE = re.compile(rf"\b(?:{_CUES})\b")
_CUE_END = re.compile(rf"\b(?:{_CUES})\b(?:\s+(?:thêm|rằng|that|reporters|us|me))?\s*[:,]?\s*$")
_THEO = re.compile(r"(?:^|\s)(?:[Tt]heo|[Aa]ccording to)\s+([^,]{2,80}),\s*$")
_SENT_END = re.compile(r"[.!?…][\"”’]?(?:\s+|$)")
_LEFT = " ,.;:-–—"
_RELATIVE = re.compile(r"\s*(?:who|which|whose|người từng|người đã|vốn là|vốn)\b", re.IGNORECASE)
_ANONYMOUS_MAX = 4


def find_quote(paragraphs: Sequence[str], *, headline: str = "", context: str = "") -> Quote | None:
    """Return the key quote of the article's paragraphs, or None when it quotes nobody."""
    headline_words = set(words(headline))
    context = context or "\n".join(paragraphs)
    best: tuple[float, int, Quote] | None = None
    people: list[str] | None = None  # everyone the article names, found when first needed
    order = 0
    for index, paragraph in enumerate(paragraphs):
        previous = paragraphs[index - 1] if index else ""
        for match in _SPAN.finditer(paragraph):
            text = _inner(match)
            quoted = words(text)
            if len(quoted) < MIN_SYLLABLES or not _opens_quote(text):
                continue
            cued, phrase = _attribution(paragraph, match, previous)
            if not cued and _NAMED.search(paragraph[max(0, match.start() - 30) : match.start()]):
                continue  # rule 2d: a programme, song or book title, not speech
            speaker = resolve_speaker(phrase, context) if cued else None
            if speaker is None and cued and phrase:
                people = people if people is not None else people_in(context)
                speaker = title_holder(phrase.strip(_LEFT), people)
            if speaker is None:
                speaker = nearby_speaker(paragraphs, index, match.span(), previous)
            order -= 1
            score = _score(quoted, speaker, headline_words) - (0 if cued else UNCUED_PENALTY)
            if best is None or (score, order) > best[:2]:
                best = (score, order, Quote(text=text, speaker=speaker))
    return best[2] if best else None


def _inner(match: re.Match[str]) -> str:
    """Return a span's quoted text, without surrounding spaces and a trailing comma."""
    return next(group for group in match.groups() if group is not None).strip().rstrip(",")


def _opens_quote(text: str) -> bool:
    """Tell whether `text` can open a quotation; ", ông A nói. Tại …" is the text *between*
    two quotations, picked up when straight quotes pair up the wrong way."""
    return text[:1].isalnum() or text[:1] in "…(["


def _score(quoted: list[str], speaker: str | None, headline_words: set[str]) -> float:
    score = 3.0 if speaker else 0.0
    if headline_words:
        score += 2.0 * len(headline_words.intersection(quoted)) / len(headline_words)
    if len(quoted) <= 60:
        score += 1.0
    elif len(quoted) > 120:
        score -= 1.0
    return score


def _attribution(paragraph: str, match: re.Match[str], previous: str) -> tuple[bool, str | None]:
    """Apply rules 2a-2c: whether a cue verb attributes the span, and the speaker phrase."""
    after = _clause_after(paragraph[match.end() : match.end() + _WINDOW])
    cued, phrase = _after_attribution(after)
    if cued:
        return cued, phrase
    before = paragraph[max(0, match.start() - _WINDOW) : match.start()]
    clause = _clause_before(before)
    if clause.strip(_LEFT):
        return _before_attribution(clause)
    earlier = before[: len(before) - len(clause)].rstrip() or previous[-_WINDOW:].rstrip()
    if earlier.endswith(":") or _CUE_END.search(earlier.rstrip(".")):
        return _before_attribution(_clause_before(earlier.rstrip(".")))
    return False, None


def _clause_after(text: str) -> str:
    end = _SENT_END.search(text)
    return text[: end.start() + 1] if end else text


def _clause_before(text: str) -> str:
    ends = list(_SENT_END.finditer(text))  # `text` is one bounded window
    last = ends[-1] if ends else None
    if last is not None and last.end() == len(text):
        return ""  # the quote opens a new sentence
    return text[last.end() :] if last else text


def _after_attribution(clause: str) -> tuple[bool, str | None]:
    """Read `"…" - Title nhấn mạnh.` / `"…," said Jane Doe, …`: cue and speaker."""
    text = clause.lstrip(_LEFT)
    first = _CUE_FIRST.match(text)
    if first:  # English inversion: "…," said Jane Doe, the chief executive.
        return True, re.split(r"[,.;:!?(]", text[first.end() :], maxsplit=1)[0]
    cue = _CUE.search(text, 0, 160)
    if cue is None:
        return False, None
    phrase = text[: cue.start()]
    if looks_like_speaker(phrase):
        return True, phrase
    named = _speaker_head(phrase)
    if named:
        return True, named
    # "…" là câu nhiều người nói: a cue after a long clause is not an attribution.
    return len(words(phrase)) <= _ANONYMOUS_MAX, None


def _before_attribution(clause: str) -> tuple[bool, str | None]:
    """Read `Ông A cho biết: "…"` / `Theo ông A, "…"`: cue and speaker."""
    theo = _THEO.search(clause)
    if theo:
        return True, theo.group(1)
    cue = _CUE_END.search(clause)
    if cue is None:
        # "Bộ trưởng Nguyễn Văn A: “…”": a name or title and a colon attribute too.
        head = clause.rstrip()
        if head.endswith(":") and looks_like_speaker(head[:-1]):
            return True, head[:-1]
        return False, None
    return True, _speaker_tail(clause[: cue.start()])


def _speaker_head(text: str) -> str | None:
    """Keep the leading comma-separated segments that name or title the speaker."""
    kept: list[str] = []
    for segment in text.strip(_LEFT).split(", "):
        if not looks_like_speaker(segment):
            break
        kept.append(segment.strip())
    return ", ".join(kept) or None


def _speaker_tail(text: str) -> str | None:
    """Keep the trailing comma-separated segments that name or title the speaker."""
    kept: list[str] = []
    for segment in reversed(text.rstrip(_LEFT).split(", ")):
        if not kept and _RELATIVE.match(segment):
            continue  # "Maria Lopez, who voted against it, said": skip the aside
        if not looks_like_speaker(segment):
            break
        kept.insert(0, segment.strip())
    return ", ".join(kept) or None
