"""Tell whether a card carries photo-caption text.

Rule order for one card piece (a summary sentence, the quote, a figure's sentence):
1. It leaks when it carries a credit marker: `Ảnh:`, `(Ảnh`, `Photo:`, `Nguồn ảnh`.
2. Caption segments of the text are its caption lines (`digest.clean.is_caption_line`) and,
   inside longer lines, the words before an inline credit marker in the same sentence, or
   the sentence before when the marker opens its sentence ("… Báo cáo. (Ảnh: …)").
3. It leaks when, casefolded with whitespace collapsed, it lies inside a caption segment or
   holds one of at least `MIN_SEGMENT_WORDS` words, and it is not also found in the text
   outside every caption line (a caption may repeat a body sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.evaluate.tokens import flat, squash, syllables
from digest.clean import is_caption_line
from digest.sentences import split_sentences

MIN_SEGMENT_WORDS = 4

_MARKER = re.compile(r"Ảnh\s*:|ẢNH\s*:|\(\s*(?i:ảnh)|(?i:photo\s*:)|(?i:nguồn ảnh)")


def has_caption_marker(text: str) -> bool:
    """Tell whether `text` carries a photo-credit marker (rule 1)."""
    return _MARKER.search(flat(text)) is not None


def caption_segments(text: str) -> list[str]:
    """Return the text's caption lines and inline captions, squashed (rule 2)."""
    return [segment for line in flat(text).split("\n") for segment in _split_line(line)[0]]


def _split_line(line: str) -> tuple[list[str], str]:
    """Return one line's caption segments and the rest of it, both squashed."""
    if not line:
        return [], ""
    if is_caption_line(line):
        return _long_enough([squash((_MARKER.split(line)[0] or line).strip(" -–—|("))]), ""
    segments: list[str] = []
    sentences = split_sentences(line)
    for index, sentence in enumerate(sentences):
        marker = _MARKER.search(sentence)
        if marker is None:
            continue
        head = sentence[: marker.start()].strip(" -–—|(")
        if len(syllables(head)) < MIN_SEGMENT_WORDS and index > 0:
            head = sentences[index - 1]
        segments.append(squash(head))
    segments = _long_enough(segments)
    rest = squash(line)
    for segment in segments:
        rest = rest.replace(segment, " ")
    return segments, rest


def _long_enough(segments: list[str]) -> list[str]:
    return [segment for segment in segments if len(segment.split()) >= MIN_SEGMENT_WORDS]


def leaks_caption(pieces: Iterable[str], text: str) -> bool:
    """Tell whether any card piece carries caption text of `text` (rules 1-3)."""
    split = [_split_line(line) for line in flat(text).split("\n")]
    segments = [segment for line_segments, _ in split for segment in line_segments]
    body = " \n ".join(rest for _, rest in split)
    for piece in pieces:
        if has_caption_marker(piece):
            return True
        needle = squash(piece).rstrip(" .…")
        if len(needle.split()) < MIN_SEGMENT_WORDS:
            continue
        hit = any(needle in segment or segment in needle for segment in segments)
        if hit and needle not in body:
            return True
    return False
