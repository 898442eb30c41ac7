"""`newsbot eval DATA.jsonl [--baselines] [--limit N]`: score the summariser on a data set.

Steps: read the records (bad lines reported on stderr and skipped), run and time each
system (`bot.evaluate.systems`), print the report (`bot.evaluate.report`) on stdout.
Exit codes: 0 when the report printed, 1 when no record was usable, 2 when the file
cannot be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from bot.evaluate.dataset import read_records
from bot.evaluate.report import render
from bot.evaluate.systems import PASSES, score_all


def run_eval(
    path: str,
    *,
    baselines: bool,
    limit: int | None,
    out: TextIO,
    err: TextIO,
    passes: int = PASSES,
) -> int:
    """Score the summariser (and baselines) on the records at `path`; return the exit code."""
    try:
        records = read_records(Path(path), err=err, limit=limit)
    except OSError as error:
        err.write(f"{path}: cannot read: {error.strerror or error}\n")
        return 2
    if not records:
        err.write(f"{path}: no usable records\n")
        return 1
    systems = score_all(records, baselines=baselines, passes=passes)
    out.write(render(systems, source=path, records=len(records), passes=passes))
    return 0
