"""Who said it: tidy a speaker phrase and resolve a bare title to the person holding it.

Rule order of `resolve_speaker`:
1. Trim the phrase: surrounding punctuation and spaces, and the messenger before "dẫn lời"
   / "quoted" ("AFP dẫn lời ông Mã" → "ông Mã"), and adverbs before the cue verb
   ("Macron đã", "Smith on Monday"); longer than `MAX_WORDS` words is not an attribution
   but a clause, so nobody.
2. A phrase with no capitalised word ("ông", "người dân", "the report") names nobody.
3. A phrase that already names a person (an honorific + capitalised word, a Vietnamese
   surname + given names, or two capitalised non-title English words) is kept as written.
4. A bare title ("Phó Bí thư Thường trực Tỉnh ủy") is looked up in the article: first
   "Title Name" as the article writes it, then "Name - Title" / "Name, Title" (returned
   as "Title Name"). A title nobody holds in the text is kept as it is.
"""

from __future__ import annotations

import re

from digest.lexicon import EN_TITLE_WORDS, HONORIFICS, PLACE_PAIRS, SURNAMES, TITLE_HEADS

MAX_WORDS = 18

_WORD = re.compile(r"[^\W\d_][\w.'’-]*")
_TRIM = " \t,.;:!?-–—()[]\"“”'‘’«»"
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:đã|đang|vừa|cũng|từng|còn|hôm nay|hôm qua|sáng nay|chiều nay|tối qua|mới đây|"
    r"sau đó|tiếp tục|also|today|yesterday|later|then|on \w+day))+$"
)
_PUNCT = re.compile(r"[,;:()\[\]\"“”]")
_QUOTED_VIA = re.compile(r".*\b(?:dẫn lời|quoted|quoting)\s+", re.DOTALL)


def words(phrase: str) -> list[str]:
    """Return the letter-initial words of `phrase`."""
    return _WORD.findall(phrase)


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _vi_name_at(tokens: list[str], i: int) -> bool:
    """Tell whether a Vietnamese surname + given name starts at `tokens[i]`."""
    if i + 1 >= len(tokens) or not (_capital(tokens[i]) and _capital(tokens[i + 1])):
        return False
    pair = f"{tokens[i]} {tokens[i + 1]}".lower()
    return tokens[i].lower() in SURNAMES and pair not in PLACE_PAIRS


def _en_name_at(tokens: list[str], i: int) -> bool:
    """Tell whether two capitalised ASCII non-title words start at `tokens[i]`."""
    pair = tokens[i : i + 2]
    return (
        len(pair) == 2
        and all(_capital(w) and w.isascii() and w.lower() not in EN_TITLE_WORDS for w in pair)
        and not pair[0].isupper()
    )


def names_person(phrase: str) -> bool:
    """Tell whether `phrase` names a person (not just a title)."""
    return name_start(words(phrase)) is not None


def name_start(tokens: list[str]) -> int | None:
    """Return the index where a person's name (or honorific + name) starts, or None."""
    for i, token in enumerate(tokens):
        follows = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token.lower().rstrip(".") in HONORIFICS and _capital(follows):
            return i
        if _vi_name_at(tokens, i) or _en_name_at(tokens, i):
            return i
    return None


def looks_like_speaker(segment: str) -> bool:
    """Tell whether a comma-separated segment is a name or title phrase, nothing more:
    it ends in a person's name ("đại biểu Trần Ngọc Vinh", "ông Thảo") or it is mostly
    capitalised words ("Phó Bí thư Thường trực Tỉnh ủy", "Chủ tịch HĐND tỉnh")."""
    tokens = words(segment)
    if not tokens or len(tokens) > 12:
        return False
    if trailing_name(segment) or _honorific_name_at_end(tokens):
        return True
    head = " ".join(tokens[:2]).lower()
    if tokens[0].lower() in TITLE_HEADS or head in TITLE_HEADS:
        return True
    capitals = sum(1 for token in tokens[1:] if _capital(token))
    return capitals >= 2 and capitals * 2 >= len(tokens) - 1


def _honorific_name_at_end(tokens: list[str]) -> bool:
    """Tell whether the tokens end in an honorific plus capitalised words ("ông Thảo")."""
    index = len(tokens)
    while index > 0 and _capital(tokens[index - 1]):
        index -= 1
    return 0 < index < len(tokens) and tokens[index - 1].lower().rstrip(".") in HONORIFICS


def _leading_name(text: str) -> str | None:
    """Return the capitalised words (2-4) that open `text` when they name a person."""
    tokens = words(text)[:4]
    run: list[str] = []
    for token in tokens:
        if not _capital(token):
            break
        run.append(token)
    return _as_name(run)


def trailing_name(text: str) -> str | None:
    """Return the capitalised words (2-4) that close `text` when they name a person; the
    run never crosses punctuation ("huyện Đức Thọ), Nguyễn Văn Duẩn" → "Nguyễn Văn Duẩn")."""
    run: list[str] = []
    for token in reversed(words(_PUNCT.split(text)[-1])[-4:]):
        if not _capital(token):
            break
        run.insert(0, token)
    return _as_name(run)


def _as_name(run: list[str]) -> str | None:
    """Join a capitalised run that names a person, without a leading "Ông"/"Mr"."""
    if len(run) < 2 or not names_person(" ".join(run)):
        return None
    while len(run) > 1 and run[0].lower().rstrip(".") in HONORIFICS:
        run = run[1:]
    return " ".join(run)


def _title_pattern(title: str) -> str:
    return r"\s+".join(re.escape(part) for part in title.split())


def resolve_title(title: str, context: str) -> str | None:
    """Find the person who carries `title` in `context`; return "Title Name" or None."""
    pattern = _title_pattern(title)
    for match in re.finditer(rf"(?i:{pattern})\s+(?=[^\W\d_])", context):
        name = _leading_name(context[match.end() : match.end() + 60])
        if name:
            return f"{title} {name}"
    for match in re.finditer(rf"\s*[-–,]\s*(?i:{pattern})", context):
        name = trailing_name(context[max(0, match.start() - 60) : match.start()])
        if name:
            return f"{title} {name}"
    return None


def resolve_speaker(phrase: str | None, context: str) -> str | None:
    """Tidy a speaker phrase and resolve a bare title using the article text."""
    if phrase is None:
        return None
    speaker = _QUOTED_VIA.sub("", " ".join(phrase.split())).strip(_TRIM)
    speaker = _TRAILING_ADVERBS.sub("", speaker).strip(_TRIM)
    tokens = words(speaker)
    if not tokens or len(tokens) > MAX_WORDS or not any(_capital(t) for t in tokens):
        return None
    if names_person(speaker) or len(tokens) < 2:
        return speaker
    return resolve_title(speaker, context) or speaker
