"""Drop photo captions that survive line cleaning, sentence by sentence.

Scraped bodies often glue a caption, its credit and the next sentence into one paragraph
("… tích tụ. Ảnh: An Nhơn Theo kết luận …"). Rule order of `drop_caption_sentences`:
1. A sentence without a credit ("Ảnh:", "(Photo by", "Ảnh minh họa", "(phải)") is kept.
2. A credit that opens the sentence closes the caption before it: the previous kept
   sentence goes. Text before a credit inside the sentence is its caption and goes too.
3. After the credit: a parenthesised credit ends at ")", an "Ảnh minh họa" tag at its
   last word, and a bare "Ảnh: Name" credit at the word that opens the next sentence:
   a common opener ("Theo", "Trên", "Ông") after the name, else the last capitalised word
   before a lowercase one ("Ảnh: An Nhơn Theo kết luận" → "Theo kết luận"). A credit
   that runs to the end of the sentence leaves nothing.
4. What follows the credit is read again from rule 1 (it may hold another credit).
5. A "(phải)" / "(left)" position marker makes the whole sentence a caption.
"""

from __future__ import annotations

import re

from digest.clean import POSITION, has_credit_hint
from digest.lexicon import CREDIT_NAME_WORDS, SENTENCE_OPENERS, SURNAMES

_CREDIT_WORD = r"(?i:ảnh|photo(?:graph)?|image|video|clip|nguồn(?:\s+ảnh)?|source)"
_TAG = r"(?i:ảnh minh h(?:ọa|oạ)|ảnh internet|ảnh tư liệu|photo illustration|photo by)"
_CREDIT = re.compile(
    rf"(?:^|(?<=[\s.,(\[|/\-–—]))(?:(?P<colon>{_CREDIT_WORD}\s*:)|(?P<tag>{_TAG})(?!\w))"
)
_TOKEN = re.compile(r"\S+")
_NAME_MAX = 6
_LEFT_OVER = " -–—|([:."


def drop_caption_sentences(sentences: list[str]) -> list[str]:
    """Drop captions and their credits from split sentences, keeping glued body text."""
    text = " ".join(sentences)
    if not has_credit_hint(text.lower()) and ("(" not in text or not POSITION.search(text)):
        return list(sentences)  # no credit and no position marker: nothing to drop
    kept: list[str] = []
    kept_previous = False
    for sentence in sentences:
        rest, first, before = sentence, True, len(kept)
        while rest and not POSITION.search(rest):  # rule 5
            # Case-insensitive search is slow on Vietnamese text: look for a hint first.
            credit = _CREDIT.search(rest) if has_credit_hint(rest.lower()) else None
            if credit is None:
                kept.append(rest)
                break
            if first and kept and kept_previous and not rest[: credit.start()].strip(_LEFT_OVER):
                kept.pop()  # rule 2: the credit opens the sentence, the one before is its caption
            rest, first = _after_credit(rest, credit).strip(), False
        kept_previous = len(kept) > before
    return kept


def _after_credit(text: str, credit: re.Match[str]) -> str:
    """Return the text that follows a credit and its name (rule 3)."""
    if text[credit.start() - 1 : credit.start()] == "(":
        close = text.find(")", credit.end(), credit.end() + 120)
        return text[close + 1 :] if close >= 0 else ""
    if credit.group("tag"):
        tail = text[credit.end() :].lstrip()
        if tail[:1] == ":":
            return after_credit_name(tail[1:])
        return tail.lstrip(".")
    return after_credit_name(text[credit.end() :])


def after_credit_name(text: str) -> str:
    """Skip a credit's name ("An Nhơn", "AFP-TTXVN") and return the sentence after it."""
    tokens = list(_TOKEN.finditer(text[:200]))
    for index, token in enumerate(tokens[: _NAME_MAX + 1]):
        word = token.group().strip('"“(')
        if word in CREDIT_NAME_WORDS:
            continue
        if index and (word in SENTENCE_OPENERS or word[:1].isdigit()):
            return text[token.start() :]
        if not word[:1].isupper():
            start = _sentence_start(tokens, index)
            return text[tokens[start].start() :] if start else ""
        if word.endswith((".", ")")) and not _initials(word):
            return text[tokens[index + 1].start() :] if index + 1 < len(tokens) else ""
    return ""


def _sentence_start(tokens: list[re.Match[str]], index: int) -> int:
    """Index of the capitalised word opening the sentence that `tokens[index]` continues:
    a full name ("P.V. Bùi Anh Tuấn từng" → "Bùi"), else the last capitalised word; 0
    when the credit's name is all there is."""
    for start in range(1, index - 2):
        if tokens[start].group().lower() in SURNAMES:
            return start
    start = index - 1
    return 0 if start < 1 or tokens[start].group() in CREDIT_NAME_WORDS else start


def _initials(word: str) -> bool:
    """Tell whether `word` is a run of initials like "TR.T." or "P.V." (a credit name)."""
    return all(len(part) <= 3 for part in word.split(".")) and word[:1].isupper()
