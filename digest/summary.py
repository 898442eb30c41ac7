"""Pick the one or two sentences that summarise an article.

An editor's sapo restates the headline, so the body sentences that share most words with
the headline, early ones first, make the best extract. Rule order of `pick_summary`:
1. Candidates are substantial sentences: at least `MIN_WORDS` words and not a short phrase
   ending in a name, which is how a photo's caption reads ("Đặc phái viên … Joseph Yun.");
   nor one piece of a quotation that runs over several sentences (a quote left open).
2. Each candidate scores the share of the headline's words it holds, plus half the share
   of the headline's word pairs, plus a lead bonus `LEAD_BONUS / (1 + rank)` that fades
   with its rank among the candidates. Without a headline only the lead bonus counts.
3. The best candidate is joined, in article order, with the best-scoring other candidate
   that fits beside it within `limit` characters; when none fits it stands alone.
4. A best candidate longer than `limit` is cut at a word boundary and ends in "…".
`lead_summary` reads a feed's sapo instead: its first substantial sentence, plus the next
one when both fit.
"""

from __future__ import annotations

from itertools import pairwise

from digest.speakers import trailing_name
from digest.text import words

MIN_WORDS = 6
CAPTION_MAX_WORDS = 14
LEAD_BONUS = 0.25
PAIR_WEIGHT = 0.5


def is_substantial(sentence: str) -> bool:
    """Tell whether a sentence can stand in a summary (rule 1)."""
    return _substantial(sentence, len(words(sentence)))


def _substantial(sentence: str, count: int) -> bool:
    if count < MIN_WORDS:
        return False
    return count > CAPTION_MAX_WORDS or trailing_name(sentence.rstrip(".")) is None


def pick_summary(sentences: list[str], *, headline: str, limit: int) -> str:
    """Return the one or two sentences that best restate `headline`, within `limit`."""
    tokens = [words(sentence) for sentence in sentences]
    kept = [
        i
        for i, sentence in enumerate(sentences)
        if _substantial(sentence, len(tokens[i])) and _quotes_closed(sentence)
    ]
    if not kept:
        return ""
    candidates = [sentences[i] for i in kept]
    title = words(headline)
    headline_words = _HeadlineWords(title)
    scores = [_score(tokens[i], headline_words, rank) for rank, i in enumerate(kept)]
    ranked = sorted(range(len(candidates)), key=lambda index: (-scores[index], index))
    best = ranked[0]
    for other in ranked[1:]:
        pair = " ".join(candidates[index] for index in sorted((best, other)))
        if len(pair) <= limit:
            return pair
    return cut(candidates[best], limit)


def _quotes_closed(sentence: str) -> bool:
    """Tell whether every quotation the sentence opens also closes in it."""
    return sentence.count('"') % 2 == 0 and sentence.count("“") == sentence.count("”")


def lead_summary(sentences: list[str], *, limit: int) -> str:
    """Return the first substantial sentence of a sapo, plus the next when both fit."""
    for index, sentence in enumerate(sentences):
        if is_substantial(sentence):
            following = sentences[index + 1 : index + 2]
            both = " ".join([sentence, *following])
            if following and is_substantial(following[0]) and len(both) <= limit:
                return both
            return cut(sentence, limit)
    return ""


class _HeadlineWords:
    """The headline's words and word pairs, built once for every candidate."""

    def __init__(self, title: list[str]) -> None:
        self.words = set(title)
        self.pairs = set(pairwise(title))
        # A shared pair needs two shared words, or one for a doubled word ("từ từ").
        self.pair_needs = 1 if any(a == b for a, b in self.pairs) else 2


def _score(tokens: list[str], headline: _HeadlineWords, rank: int) -> float:
    """Score one candidate against the headline's words and word pairs (rule 2)."""
    score = LEAD_BONUS / (1 + rank)
    if not headline.words:
        return score
    shared = headline.words.intersection(tokens)
    score += len(shared) / len(headline.words)
    if headline.pairs and len(shared) >= headline.pair_needs:
        pairs = headline.pairs.intersection(pairwise(tokens))
        score += PAIR_WEIGHT * len(pairs) / len(headline.pairs)
    return score


def cut(text: str, limit: int) -> str:
    """Cut `text` to `limit` characters at a word boundary, ending in "…" when cut."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:-–—") + "…"
