"""Split one paragraph into sentences.

A candidate boundary is a run of `.`, `!`, `?` or `…`, optionally followed by closing quotes
or brackets, then whitespace. Rule order for each candidate:
1. No split when the next word starts with a lowercase letter ("... và", "Tp. hcm").
2. No split inside an open quotation (“…” or an odd number of `"`), unless the sentence has
   run past `QUOTE_SPAN_MAX` characters (a stray quote must not swallow the paragraph).
3. No split after a title or abbreviation: `TP.`, `Mr.`, `TS.`, `KTS.`, `Cty.`, `No.`, a
   single initial (`John F. Kennedy`), or a dotted acronym (`U.S.`, `Th.S.`) — except that
   a dotted acronym followed by a common sentence opener ("the U.S. The …") does end the
   sentence.
4. Otherwise split after the punctuation and any closing quotes.
Numbers never split: `1.234,5`, `3.2` and `25/12.` carry no whitespace after an inner dot.
"""

from __future__ import annotations

import re

QUOTE_SPAN_MAX = 600

_CANDIDATE = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s)")
_NEXT_WORD = re.compile(r"\s+[\"“'‘«(\[]?(\w*)")
_ABBREVIATIONS = frozenset(
    {
        # Vietnamese titles and place prefixes
        "tp", "tx", "tt", "q", "p", "gs", "pgs", "ts", "ths", "bs", "ks", "ls", "nsnd", "nsưt",
        "ncs", "nxb", "đ/c", "th", "ck", "hđnd", "kts", "cty", "tcty", "đh", "gđ", "pgđ", "tgđ",
        "no",
        # English titles and Latin abbreviations
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "sen", "rep", "gov", "gen", "col",
        "lt", "sgt", "capt", "rev", "hon", "inc", "ltd", "corp", "vs", "fig", "approx",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip
_OPENERS = frozenset(
    {"The", "He", "She", "It", "They", "We", "I", "But", "This", "That", "In", "A", "An", "And"}
)


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences, keeping abbreviations, numbers and quotes whole."""
    sentences: list[str] = []
    start = scanned = 0
    curly = straight = 0
    quoted = '"' in text or "“" in text  # most paragraphs quote nobody: skip the counting
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if quoted:
            curly += text.count("“", scanned, end) - text.count("”", scanned, end)
            straight += text.count('"', scanned, end)
        scanned = end
        inside = curly > 0 or straight % 2 == 1
        if inside and end - start < QUOTE_SPAN_MAX:
            continue
        if not _ends_sentence(text, match):
            continue
        sentences.append(text[start:end].strip())
        start, curly, straight = end, 0, 0
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [sentence for sentence in sentences if sentence]


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    """Apply rules 1 and 3 to one candidate boundary."""
    following = _NEXT_WORD.match(text, match.end())
    next_word = following.group(1) if following else ""
    if next_word[:1].islower():
        return False
    if not match.group(0).startswith(".") or match.group(0).startswith(".."):
        return True
    word = _word_before(text, match.start())
    if word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
        return False
    if "." in word and _is_dotted_acronym(word):
        return next_word in _OPENERS
    return True


def _word_before(text: str, end: int) -> str:
    """Return the token just before position `end`, without leading quotes or brackets."""
    begin = max(0, end - 24)
    space = max(text.rfind(" ", begin, end), text.rfind("\n", begin, end))
    word = text[(space + 1 if space >= 0 else begin) : end]
    return word.lstrip("\"“'‘«([")


def _is_dotted_acronym(word: str) -> bool:
    """Tell whether `word` is like U.S, e.g, Th.S or PGS.TS (short dotted parts)."""
    parts = word.split(".")
    if parts[-1].lower() in _ABBREVIATIONS:
        return True
    return all(0 < len(part) <= 2 and part.isalpha() for part in parts)
