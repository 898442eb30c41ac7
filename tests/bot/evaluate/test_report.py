"""The report: aligned system rows, baseline comparisons and judged targets."""

from __future__ import annotations

import pytest

from bot.evaluate.metrics import Ratio
from bot.evaluate.report import render, table, targets
from bot.evaluate.rouge import RougeScores
from bot.evaluate.systems import LEAD, LEXRANK, OURS, SystemScores


def ours(**changes: object) -> SystemScores:
    fields: dict[str, object] = {
        "name": OURS,
        "rouge": RougeScores(0.32, 0.18, 0.23),
        "speed": 4000.0,
        "leaks": 0,
        "figure_recall": Ratio(6, 10),
        "figure_precision": Ratio(19, 20),
        "quote_validity": Ratio(5, 5),
        "quote_coverage": Ratio(4, 5),
        "speaker_share": Ratio(7, 10),
    }
    fields.update(changes)
    return SystemScores(**fields)  # type: ignore[arg-type]


def baseline(name: str, rouge1: float, rouge2: float, speed: float) -> SystemScores:
    return SystemScores(name, RougeScores(rouge1, rouge2, 0.1), speed=speed, leaks=3)


BASELINES = [baseline(LEAD, 0.28, 0.15, 9000.0), baseline(LEXRANK, 0.27, 0.13, 100.0)]


def marks(systems: list[SystemScores]) -> dict[str, bool | None]:
    return {f"{goal.metric} {goal.target}": goal.met for goal in targets(systems)}


def test_all_targets_met_at_their_thresholds() -> None:
    judged = targets([ours(), *BASELINES])
    assert [goal.met for goal in judged] == [True] * 12
    assert [goal.metric for goal in judged] == [
        "ROUGE-1", "ROUGE-2", "ROUGE-1", "ROUGE-2", "figure recall", "figure precision",
        "quote validity", "quote coverage", "speaker share", "caption leakage", "articles/s",
        "speed vs LexRank-2",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "missed"),
    [
        ({"rouge": RougeScores(0.275, 0.18, 0.2)}, "ROUGE-1 > Lead-2 28.00"),
        ({"rouge": RougeScores(0.32, 0.14, 0.2)}, "ROUGE-2 > Lead-2 15.00"),
        ({"figure_recall": Ratio(59, 100)}, "figure recall ≥ 0.60"),
        ({"figure_precision": Ratio(94, 100)}, "figure precision ≥ 0.95"),
        ({"quote_validity": Ratio(99, 100)}, "quote validity = 1.00"),
        ({"quote_coverage": Ratio(79, 100)}, "quote coverage ≥ 0.80"),
        ({"speaker_share": Ratio(69, 100)}, "speaker share ≥ 0.70"),
        ({"leaks": 1}, "caption leakage = 0"),
        ({"speed": 1999.0}, "speed vs LexRank-2 ≥ 20×"),
    ],
)
def test_each_target_can_be_missed(change: dict[str, object], missed: str) -> None:
    judged = marks([ours(**change), *BASELINES])
    assert judged[missed] is False
    assert sum(met is False for met in judged.values()) == 1


def test_speed_target_is_absolute() -> None:
    slow_lexrank = baseline(LEXRANK, 0.27, 0.13, 10.0)
    judged = marks([ours(speed=299.0), BASELINES[0], slow_lexrank])
    assert judged["articles/s ≥ 300"] is False
    assert judged["speed vs LexRank-2 ≥ 20×"] is True


def test_targets_without_baselines_or_quotes_are_not_judged() -> None:
    judged = marks([ours(quote_validity=Ratio(0, 0), speaker_share=None)])
    assert judged["ROUGE-1 > Lead-2 (run --baselines)"] is None
    assert judged["speed vs LexRank-2 ≥ 20× (run --baselines)"] is None
    assert judged["quote validity = 1.00"] is None
    assert judged["speaker share ≥ 0.70"] is None
    assert judged["figure recall ≥ 0.60"] is True


def test_table_aligns_columns() -> None:
    assert table([("a", "bb"), ("ccc", "1")]).splitlines() == ["a    bb", "ccc   1"]
    assert table([("a", "bb"), ("ccc", "1")], numeric=False).splitlines() == ["a    bb", "ccc  1"]


def test_render_has_rows_comparisons_and_targets() -> None:
    text = render([ours(), *BASELINES], source="x.jsonl", records=10, passes=3)
    lines = text.splitlines()
    assert lines[0].startswith("newsbot eval: 10 records from x.jsonl")
    assert lines[2].split() == [
        "system", "R-1", "R-2", "R-L", "fig", "rec", "fig", "prec", "q", "valid", "q", "cover",
        "speaker", "leaks", "art/s",
    ]  # fmt: skip
    assert lines[3].split() == [
        "ours", "32.00", "18.00", "23.00", "0.60", "0.95", "1.00", "0.80", "0.70", "0", "4000.0",
    ]  # fmt: skip
    assert lines[4].split() == ["Lead-2", "28.00", "15.00", "10.00", *["–"] * 5, "3", "9000.0"]
    assert lines[5].split()[0] == "LexRank-2"
    assert len({len(line) for line in lines[2:6]}) == 1  # one width: columns line up
    assert "ours vs Lead-2: R-1 +4.00, R-2 +3.00" in lines
    assert "ours vs LexRank-2: R-1 +5.00, R-2 +5.00, speed ×40.0" in lines
    recall = next(line for line in lines if line.startswith("figure recall"))
    assert recall.split() == ["figure", "recall", "≥", "0.60", "0.60", "(6/10)", "✓"]
    assert lines[-1] == "targets met: 12/12"


def test_render_marks_misses() -> None:
    text = render([ours(leaks=2)], source="x.jsonl", records=1, passes=1)
    assert "caption leakage" in text
    assert text.count("✗") == 1
    assert text.count("(run --baselines)") == 5  # four ROUGE targets and the speed-up
    assert text.splitlines()[-1] == "targets met: 6/12"
