"""Render the evaluation as plain-text tables.

Layout: a header line; one row per system (ROUGE ×100, shares in [0, 1], "–" where a
metric does not apply); one line per baseline with our ROUGE-1/2 minus the baseline's
(and, for LexRank-2, our speed ÷ its speed); then the targets, one row each, with the
target, our value and ✓/✗ ("–" when it cannot be judged, e.g. no baseline was run).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.evaluate.metrics import Ratio
from bot.evaluate.systems import LEAD, LEXRANK, OURS, SystemScores

MIN_FIGURE_RECALL = 0.60
MIN_FIGURE_PRECISION = 0.95
MIN_QUOTE_VALIDITY = 1.0
MIN_QUOTE_COVERAGE = 0.80
MIN_SPEAKER_SHARE = 0.70
MAX_LEAKS = 0
MIN_SPEED = 300.0
MIN_SPEEDUP = 20.0
DASH = "–"

_HEADERS = ("system", "R-1", "R-2", "R-L", "fig rec", "fig prec", "q valid", "q cover",
            "speaker", "leaks", "art/s")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Target:
    """One goal: what it asks, what we reached, and whether that meets it (None: unknown)."""

    metric: str
    target: str
    ours: str
    met: bool | None


def _share(ratio: Ratio | None) -> str:
    value = None if ratio is None else ratio.value
    return DASH if value is None else f"{value:.2f}"


def _row(system: SystemScores) -> list[str]:
    rouge = system.rouge
    return [
        system.name,
        *(f"{100 * value:.2f}" for value in (rouge.rouge1, rouge.rouge2, rouge.rouge_l)),
        *(_share(ratio) for ratio in (system.figure_recall, system.figure_precision)),
        *(_share(r) for r in (system.quote_validity, system.quote_coverage, system.speaker_share)),
        str(system.leaks),
        f"{system.speed:.1f}",
    ]


def table(rows: Sequence[Sequence[str]], *, numeric: bool = True) -> str:
    """Align `rows` (the first is the header): the first column left, the others right when
    `numeric`, else left."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if numeric and index else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _by_name(systems: Sequence[SystemScores]) -> dict[str, SystemScores]:
    return {system.name: system for system in systems}


def comparisons(systems: Sequence[SystemScores]) -> list[str]:
    """Return one line per baseline: our ROUGE-1/2 minus its, and the speed ratio."""
    named = _by_name(systems)
    ours, lines = named[OURS], []
    for name in (LEAD, LEXRANK):
        if name not in named:
            continue
        base = named[name]
        r1 = 100 * (ours.rouge.rouge1 - base.rouge.rouge1)
        r2 = 100 * (ours.rouge.rouge2 - base.rouge.rouge2)
        line = f"ours vs {name}: R-1 {r1:+.2f}, R-2 {r2:+.2f}"
        if name == LEXRANK:
            line += f", speed ×{ours.speed / base.speed:.1f}" if base.speed else ""
        lines.append(line)
    return lines


def _rouge_targets(ours: SystemScores, named: dict[str, SystemScores]) -> list[Target]:
    targets = []
    for name in (LEAD, LEXRANK):
        base = named.get(name)
        for label, get in (("ROUGE-1", _r1), ("ROUGE-2", _r2)):
            want = f"> {name} {100 * get(base):.2f}" if base else f"> {name} (run --baselines)"
            met = None if base is None else get(ours) > get(base)
            targets.append(Target(label, want, f"{100 * get(ours):.2f}", met))
    return targets


def _r1(system: SystemScores) -> float:
    return system.rouge.rouge1


def _r2(system: SystemScores) -> float:
    return system.rouge.rouge2


def _share_target(metric: str, ratio: Ratio | None, minimum: float) -> Target:
    """Judge a share against its minimum; a share of nothing cannot be judged."""
    value = None if ratio is None else ratio.value
    shown = DASH if ratio is None or value is None else f"{value:.2f} ({ratio.hits}/{ratio.total})"
    met = None if value is None else value >= minimum - 1e-9  # 0.95 from 19/20 must pass
    sign = "=" if minimum >= 1.0 else "≥"
    return Target(metric, f"{sign} {minimum:.2f}", shown, met)


def targets(systems: Sequence[SystemScores]) -> list[Target]:
    """Return every target judged on our scores (ROUGE ones against the baselines run)."""
    named = _by_name(systems)
    ours = named[OURS]
    lexrank = named.get(LEXRANK)
    speedup = ours.speed / lexrank.speed if lexrank and lexrank.speed else None
    share = _share_target
    return [
        *_rouge_targets(ours, named),
        share("figure recall", ours.figure_recall, MIN_FIGURE_RECALL),
        share("figure precision", ours.figure_precision, MIN_FIGURE_PRECISION),
        share("quote validity", ours.quote_validity, MIN_QUOTE_VALIDITY),
        share("quote coverage", ours.quote_coverage, MIN_QUOTE_COVERAGE),
        share("speaker share", ours.speaker_share, MIN_SPEAKER_SHARE),
        Target("caption leakage", f"= {MAX_LEAKS}", str(ours.leaks), ours.leaks <= MAX_LEAKS),
        Target("articles/s", f"≥ {MIN_SPEED:.0f}", f"{ours.speed:.1f}", ours.speed >= MIN_SPEED),
        Target(
            "speed vs LexRank-2",
            f"≥ {MIN_SPEEDUP:.0f}×" if lexrank else f"≥ {MIN_SPEEDUP:.0f}× (run --baselines)",
            DASH if speedup is None else f"{speedup:.1f}×",
            None if speedup is None else speedup >= MIN_SPEEDUP,
        ),
    ]


def _mark(met: bool | None) -> str:
    return DASH if met is None else "✓" if met else "✗"


def render(systems: Sequence[SystemScores], *, source: str, records: int, passes: int) -> str:
    """Return the whole report: systems table, comparisons and targets table."""
    header = (
        f"newsbot eval: {records} records from {source}; ROUGE F1 ×100 on syllables; "
        f"art/s = median of {passes} passes"
    )
    goals = targets(systems)
    met = sum(goal.met is True for goal in goals)
    goal_rows = [("metric", "target", "ours", "met")]
    goal_rows += [(g.metric, g.target, g.ours, _mark(g.met)) for g in goals]
    parts = [
        header,
        "",
        table([_HEADERS, *(_row(system) for system in systems)]),
        *comparisons(systems),
        "",
        table(goal_rows, numeric=False),
        f"targets met: {met}/{len(goals)}",
    ]
    return "\n".join(parts) + "\n"
