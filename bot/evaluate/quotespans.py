"""Quoted spans of an article, and whether a card's quote is one of them.

Rule order:
1. Spans are the inner texts of “…”, «…», ‘…’ and pairs of straight "…" or '…' on one
   line, after NFC and whitespace collapsing (`tokens.flat`). Straight quotes pair up left
   to right; an apostrophe inside a word (don't, l'Orient) neither opens nor closes one.
2. A span counts when it has at least `MIN_SYLLABLES` syllables.
3. A card quote is valid when it has at least `MIN_SYLLABLES` syllables and occurs, after
   the same normalisation, inside one counted span.
"""

from __future__ import annotations

import re

from bot.evaluate.tokens import flat, syllables

MIN_SYLLABLES = 8

_SPANS = (
    re.compile(r"“([^“”\n]+)”"),
    re.compile(r"«([^«»\n]+)»"),
    re.compile(r"‘([^‘’\n]+)’"),
    re.compile(r"\"([^\"\n]+)\""),
    re.compile(r"(?<!\w)'([^'\n]+)'(?!\w)"),
)


def quoted_spans(text: str, *, min_syllables: int = MIN_SYLLABLES) -> list[str]:
    """Return the inner texts of the quotations in `text` with enough syllables."""
    normal = flat(text)
    spans = [match.group(1).strip() for span in _SPANS for match in span.finditer(normal)]
    return [span for span in spans if len(syllables(span)) >= min_syllables]


def has_quotable_span(text: str) -> bool:
    """Tell whether `text` quotes anything of at least `MIN_SYLLABLES` syllables."""
    return bool(quoted_spans(text))


def is_verbatim_quote(quote: str, text: str) -> bool:
    """Tell whether `quote` is long enough and lies verbatim inside a quotation of `text`."""
    needle = flat(quote).replace("\n", " ")
    if len(syllables(needle)) < MIN_SYLLABLES:
        return False
    return any(needle in span for span in quoted_spans(text))
