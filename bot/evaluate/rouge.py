"""ROUGE-1/2/L F1 on Unicode syllables, with the `rouge-score` library doing the counting.

rouge-score's default tokenizer keeps only `[a-z0-9]`, which drops every Vietnamese letter
with a diacritic; `SyllableTokenizer` hands it `tokens.syllables` instead, so its stemmer
option never applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rouge_score import rouge_scorer

from bot.evaluate.tokens import syllables

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")


class SyllableTokenizer:
    """The tokenizer object rouge-score calls: `tokenize(text) -> list[str]`."""

    def tokenize(self, text: str) -> list[str]:
        """Split `text` into lowercased NFC syllables."""
        return syllables(text)


@dataclass(frozen=True, slots=True)
class RougeScores:
    """F1 of ROUGE-1, ROUGE-2 and ROUGE-L, each in [0, 1]."""

    rouge1: float
    rouge2: float
    rouge_l: float


@cache
def _scorer() -> rouge_scorer.RougeScorer:
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=SyllableTokenizer())


def rouge_f1(candidate: str, reference: str) -> RougeScores:
    """Score `candidate` against `reference`; an empty side scores 0."""
    scores = _scorer().score(reference, candidate)
    return RougeScores(
        rouge1=float(scores["rouge1"].fmeasure),
        rouge2=float(scores["rouge2"].fmeasure),
        rouge_l=float(scores["rougeL"].fmeasure),
    )
