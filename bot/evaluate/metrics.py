"""Aggregate metrics over (card or summary, record) pairs.

- ROUGE: the mean over records of each F1 (`bot.evaluate.rouge`).
- Figure recall (micro): the distinct key numbers of each reference summary
  (`numbers.key_numbers`), over all records, that are among the card's figure numbers.
- Figure precision (micro): card figures whose value occurs verbatim in the text and is
  not a date, time or bare year.
- Quote validity: card quotes verbatim inside a quotation of the text (`quotespans`).
- Quote coverage: of the articles that quote someone at length, those whose card quotes.
- Speaker share: card quotes whose speaker is non-empty and occurs in the text (casefolded).
- Caption leakage: cards (or summaries) carrying caption text (`captions.leaks_caption`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.evaluate.captions import leaks_caption
from bot.evaluate.dataset import Record
from bot.evaluate.numbers import is_calendar_value, key_numbers
from bot.evaluate.quotespans import has_quotable_span, is_verbatim_quote
from bot.evaluate.rouge import RougeScores, rouge_f1
from bot.evaluate.tokens import flat, squash
from digest.models import Card
from digest.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class Ratio:
    """A micro-averaged share: `hits` out of `total`."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        """Return hits / total, or None when there was nothing to count."""
        return self.hits / self.total if self.total else None


def mean_rouge(summaries: Sequence[str], records: Sequence[Record]) -> RougeScores:
    """Return the mean ROUGE F1s of `summaries` against the records' references."""
    scores = [rouge_f1(s, r.summary) for s, r in zip(summaries, records, strict=True)]
    count = max(1, len(scores))
    return RougeScores(
        rouge1=sum(score.rouge1 for score in scores) / count,
        rouge2=sum(score.rouge2 for score in scores) / count,
        rouge_l=sum(score.rouge_l for score in scores) / count,
    )


def figure_recall(cards: Sequence[Card], records: Sequence[Record]) -> Ratio:
    """Count the reference summaries' key numbers found among the cards' figure numbers."""
    hits = total = 0
    for card, record in zip(cards, records, strict=True):
        wanted = key_numbers(record.summary)
        found: set[str] = set().union(*(key_numbers(f.value) for f in card.figures))
        hits += len(wanted & found)
        total += len(wanted)
    return Ratio(hits, total)


def figure_precision(cards: Sequence[Card], records: Sequence[Record]) -> Ratio:
    """Count card figures whose value is in the text and is not a date or bare year."""
    hits = total = 0
    for card, record in zip(cards, records, strict=True):
        text = squash(record.text)
        for figure in card.figures:
            total += 1
            hits += squash(figure.value) in text and not is_calendar_value(figure.value)
    return Ratio(hits, total)


def quote_validity(cards: Sequence[Card], records: Sequence[Record]) -> Ratio:
    """Count card quotes that lie verbatim inside a quotation of the text."""
    pairs = [(c.quote.text, r.text) for c, r in zip(cards, records, strict=True) if c.quote]
    return Ratio(sum(is_verbatim_quote(quote, text) for quote, text in pairs), len(pairs))


def quote_coverage(cards: Sequence[Card], records: Sequence[Record]) -> Ratio:
    """Count, of the articles quoting someone at length, those whose card has a quote."""
    quoting = [c for c, r in zip(cards, records, strict=True) if has_quotable_span(r.text)]
    return Ratio(sum(card.quote is not None for card in quoting), len(quoting))


def speaker_share(cards: Sequence[Card], records: Sequence[Record]) -> Ratio:
    """Count card quotes whose speaker is named and occurs in the text."""
    hits = total = 0
    for card, record in zip(cards, records, strict=True):
        if card.quote is None:
            continue
        total += 1
        speaker = squash(card.quote.speaker or "")
        hits += bool(speaker) and speaker in squash(record.text)
    return Ratio(hits, total)


def card_pieces(card: Card) -> list[str]:
    """Return the card's summary sentences, quote and figure sentences."""
    pieces = split_sentences(card.summary)
    if card.quote is not None:
        pieces.append(card.quote.text)
    return pieces + [figure.sentence for figure in card.figures]


def caption_leaks(pieces: Iterable[Sequence[str]], records: Sequence[Record]) -> int:
    """Count the records whose card pieces carry caption text."""
    return sum(leaks_caption(p, r.text) for p, r in zip(pieces, records, strict=True))


def summary_pieces(summary: str) -> list[str]:
    """Return a baseline summary's sentences, the pieces its leakage is checked on."""
    return split_sentences(flat(summary))
