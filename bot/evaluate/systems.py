"""Run each system over the records, timing it, and score what it wrote.

Speed is articles per second of the system's own calls only (records already parsed, no
scoring inside the timed loop), the median of `PASSES` passes in this one process; the
outputs scored are those of the first pass.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median
from time import perf_counter
from typing import TypeVar

from bot.evaluate import metrics
from bot.evaluate.baselines import lead_summary, lexrank_summary
from bot.evaluate.dataset import Record
from bot.evaluate.metrics import Ratio
from bot.evaluate.rouge import RougeScores
from digest.card import summarize
from digest.models import Card

PASSES = 3
OURS = "ours"
LEAD = "Lead-2"
LEXRANK = "LexRank-2"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SystemScores:
    """Every metric of one system; None where the metric does not apply to it."""

    name: str
    rouge: RougeScores
    speed: float
    leaks: int
    figure_recall: Ratio | None = None
    figure_precision: Ratio | None = None
    quote_validity: Ratio | None = None
    quote_coverage: Ratio | None = None
    speaker_share: Ratio | None = None


def timed(
    run: Callable[[Record], T], records: Sequence[Record], *, passes: int
) -> tuple[list[T], float]:
    """Return the first pass's outputs and the median articles per second over `passes`."""
    first: list[T] = []
    speeds: list[float] = []
    for index in range(max(1, passes)):
        start = perf_counter()
        outputs = [run(record) for record in records]
        elapsed = perf_counter() - start
        speeds.append(len(records) / elapsed if elapsed > 0 else float("inf"))
        first = outputs if index == 0 else first
    return first, median(speeds)


def _card(record: Record) -> Card:
    # The reference summary is never shown to the summariser, and no lead is given.
    return summarize(record.title, record.text)


def score_ours(records: Sequence[Record], *, passes: int = PASSES) -> SystemScores:
    """Summarise every record with `digest.card.summarize` and score the cards."""
    cards, speed = timed(_card, records, passes=passes)
    return SystemScores(
        name=OURS,
        rouge=metrics.mean_rouge([card.summary for card in cards], records),
        speed=speed,
        leaks=metrics.caption_leaks([metrics.card_pieces(card) for card in cards], records),
        figure_recall=metrics.figure_recall(cards, records),
        figure_precision=metrics.figure_precision(cards, records),
        quote_validity=metrics.quote_validity(cards, records),
        quote_coverage=metrics.quote_coverage(cards, records),
        speaker_share=metrics.speaker_share(cards, records),
    )


def score_baseline(
    name: str, summarise: Callable[[str], str], records: Sequence[Record], *, passes: int = PASSES
) -> SystemScores:
    """Run an extractive baseline on each record's text and score its summaries."""
    summaries, speed = timed(lambda record: summarise(record.text), records, passes=passes)
    pieces = [metrics.summary_pieces(summary) for summary in summaries]
    return SystemScores(
        name=name,
        rouge=metrics.mean_rouge(summaries, records),
        speed=speed,
        leaks=metrics.caption_leaks(pieces, records),
    )


def score_all(
    records: Sequence[Record], *, baselines: bool, passes: int = PASSES
) -> list[SystemScores]:
    """Score our summariser and, when asked, the Lead-2 and LexRank-2 baselines."""
    systems = [score_ours(records, passes=passes)]
    if baselines:
        systems.append(score_baseline(LEAD, lead_summary, records, passes=passes))
        systems.append(score_baseline(LEXRANK, lexrank_summary, records, passes=passes))
    return systems
