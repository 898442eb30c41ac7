"""`newsbot eval` as a user runs it, and the timing it reports."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from bot.evaluate.command import run_eval
from bot.evaluate.dataset import Record
from bot.evaluate.systems import timed

DATA = Path(__file__).parent / "data" / "articles.jsonl"
TARGET_ROWS = [
    "ROUGE-1             > Lead-2",
    "ROUGE-2             > Lead-2",
    "ROUGE-1             > LexRank-2",
    "ROUGE-2             > LexRank-2",
    "figure recall",
    "figure precision",
    "quote validity",
    "quote coverage",
    "speaker share",
    "caption leakage",
    "articles/s",
    "speed vs LexRank-2",
]


def newsbot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def row(out: str, name: str) -> list[str]:
    return next(line.split() for line in out.splitlines() if line.split()[:1] == [name])


def test_eval_with_baselines_prints_every_row() -> None:
    done = newsbot("eval", str(DATA), "--baselines")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith(f"newsbot eval: 5 records from {DATA}")
    ours, lead, lexrank = row(out, "ours"), row(out, "Lead-2"), row(out, "LexRank-2")
    assert len(ours) == len(lead) == len(lexrank) == 11
    assert "–" not in ours
    assert lead[4:9] == lexrank[4:9] == ["–"] * 5  # baselines have no figures or quotes
    assert lead[9] == "1"  # its first sentence carries "(Ảnh: Minh Châu)"
    assert all(float(value) > 0 for value in (*ours[1:4], ours[10], lead[10], lexrank[10]))
    assert "ours vs Lead-2: R-1 " in out
    assert "ours vs LexRank-2: R-1 " in out and ", speed ×" in out
    for target in TARGET_ROWS:
        line = next(line for line in out.splitlines() if line.startswith(target))
        assert line.rstrip()[-1] in "✓✗", line
    assert out.splitlines()[-1].startswith("targets met: ")
    assert done.stderr.splitlines() == [
        f"{DATA}:3: skipped: not JSON (Expecting value)",
        f"{DATA}:5: skipped: 'title' missing or not a string",
        f"{DATA}:7: skipped: 'text' missing or not a string",
    ]


def test_eval_without_baselines_leaves_their_targets_unjudged() -> None:
    done = newsbot("eval", str(DATA), "--limit", "2")
    assert done.returncode == 0, done.stderr
    assert "2 records" in done.stdout.splitlines()[0]
    assert not [line for line in done.stdout.splitlines() if line.startswith(("Lead", "LexRank"))]
    assert done.stdout.count("(run --baselines)") == 5
    assert done.stderr == ""  # the two good records come before the first bad line


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (None, 2, "cannot read"),
        ("not json\n\n[1]\n", 1, "no usable records"),
    ],
)
def test_eval_fails_without_records(
    tmp_path: Path, content: str | None, code: int, message: str
) -> None:
    path = tmp_path / "data.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_eval(str(path), baselines=False, limit=None, out=out, err=err, passes=1) == code
    assert out.getvalue() == ""
    assert message in err.getvalue()


def test_eval_rejects_a_zero_limit() -> None:
    done = newsbot("eval", str(DATA), "--limit", "0")
    assert done.returncode == 2
    assert "must be at least 1" in done.stderr


def test_timed_keeps_the_first_pass_and_reports_a_rate() -> None:
    records = [Record(id=str(i), title="T", text="t" * i, summary="s") for i in range(4)]
    calls: list[str] = []

    def run(record: Record) -> int:
        calls.append(record.id)
        return len(record.text)

    outputs, speed = timed(run, records, passes=3)
    assert outputs == [0, 1, 2, 3]
    assert calls == ["0", "1", "2", "3"] * 3
    assert speed > 0
