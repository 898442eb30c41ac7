"""Reading evaluation records: bad lines are reported with their number and skipped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.evaluate.dataset import Record, parse_record, read_records

DATA = Path(__file__).parent / "data" / "articles.jsonl"
GOOD_IDS = ["vi-song-xanh", "vi-cau-song-lam", "vi-mua-lon", "en-bike-lanes", "en-harbor-museum"]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("not json {", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"text": "t", "summary": "s"}', "'title' missing"),
        ('{"title": 5, "text": "t", "summary": "s"}', "'title' missing or not a string"),
        ('{"title": "T", "text": 42, "summary": "s"}', "'text' missing or not a string"),
        ('{"title": "T", "text": "t"}', "'summary' missing"),
    ],
)
def test_parse_record_rejects(line: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_record(line, number=3)


def test_parse_record_defaults_the_id_to_the_line_number() -> None:
    record = parse_record('{"title": "T", "text": "t", "summary": "s"}', number=7)
    assert record == Record(id="7", title="T", text="t", summary="s")


def test_read_records_skips_and_reports_bad_lines() -> None:
    err = io.StringIO()
    records = read_records(DATA, err=err)
    assert [record.id for record in records] == GOOD_IDS
    assert err.getvalue().splitlines() == [
        f"{DATA}:3: skipped: not JSON (Expecting value)",
        f"{DATA}:5: skipped: 'title' missing or not a string",
        f"{DATA}:7: skipped: 'text' missing or not a string",
    ]


@pytest.mark.parametrize(("limit", "count"), [(1, 1), (3, 3), (5, 5), (50, 5), (None, 5)])
def test_read_records_stops_at_the_limit(limit: int | None, count: int) -> None:
    records = read_records(DATA, err=io.StringIO(), limit=limit)
    assert [record.id for record in records] == GOOD_IDS[:count]
