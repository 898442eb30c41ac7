"""Read evaluation records: one `{id, title, text, summary}` JSON object a line.

Rule order per non-blank line: it must parse as JSON, be an object, have a string `title`,
a string `text` and a string `summary` (the reference); `id` defaults to the line number.
A bad line is reported on `err` with its line number and skipped; reading stops after
`limit` good records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO


@dataclass(frozen=True, slots=True)
class Record:
    """One article to summarise and the reference summary it is scored against."""

    id: str
    title: str
    text: str
    summary: str


def parse_record(line: str, *, number: int) -> Record:
    """Parse one JSONL line into a Record; raise ValueError saying what is wrong."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg})") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    for field in ("title", "text", "summary"):
        if not isinstance(data.get(field), str):
            raise ValueError(f"'{field}' missing or not a string")
    return Record(
        id=str(data.get("id", number)),
        title=data["title"],
        text=data["text"],
        summary=data["summary"],
    )


def read_records(path: Path, *, err: TextIO, limit: int | None = None) -> list[Record]:
    """Return the good records of a JSONL file, reporting bad lines on `err`."""
    records: list[Record] = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            if limit is not None and len(records) >= limit:
                break
            if not line.strip():
                continue
            try:
                records.append(parse_record(line, number=number))
            except ValueError as error:
                err.write(f"{path}:{number}: skipped: {error}\n")
    return records
