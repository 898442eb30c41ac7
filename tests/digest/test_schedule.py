"""Daily digest schedule rules."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from digest.schedule import next_occurrence, parse_hhmm, period_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [("07:00", time(7, 0)), ("7:05", time(7, 5)), (" 23:59 ", time(23, 59)), ("00:00", time(0))],
)
def test_parses_hhmm(text: str, expected: time) -> None:
    assert parse_hhmm(text) == expected


@pytest.mark.parametrize("text", ["24:00", "7", "07:60", "seven", "", "<b>07:00</b>", "07:00:00"])
def test_refuses_bad_times(text: str) -> None:
    with pytest.raises(ValueError):
        parse_hhmm(text)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, sec, tzinfo=UTC)


HCM = "Asia/Ho_Chi_Minh"  # UTC+7, no DST


@pytest.mark.parametrize(
    ("after", "frequency", "expected"),
    [
        # 07:00 in Ho Chi Minh City is 00:00 UTC.
        (utc(2026, 3, 1, 23, 59), "daily", utc(2026, 3, 2, 0, 0)),
        (utc(2026, 3, 2, 0, 0), "daily", utc(2026, 3, 3, 0, 0)),  # strictly after
        (utc(2026, 3, 2, 16, 0), "daily", utc(2026, 3, 3, 0, 0)),
        # 2026-03-02 is a Monday.
        (utc(2026, 3, 1, 12, 0), "weekly", utc(2026, 3, 2, 0, 0)),
        (utc(2026, 3, 2, 0, 1), "weekly", utc(2026, 3, 9, 0, 0)),
        (utc(2026, 3, 2, 0, 1), "instant", None),
        (utc(2026, 3, 2, 0, 1), "off", None),
    ],
)
def test_next_occurrence(after: datetime, frequency: str, expected: datetime | None) -> None:
    got = next_occurrence(after, timezone=HCM, digest_time=time(7), frequency=frequency)
    assert got == expected


def test_next_occurrence_follows_dst_in_the_chats_zone() -> None:
    # London moved to BST (UTC+1) on 2026-03-29: 07:00 local is 07:00 UTC before, 06:00 after.
    kwargs = {"timezone": "Europe/London", "digest_time": time(7), "frequency": "daily"}
    assert next_occurrence(utc(2026, 3, 28, 0), **kwargs) == utc(2026, 3, 28, 7)  # type: ignore[arg-type]
    assert next_occurrence(utc(2026, 3, 30, 0), **kwargs) == utc(2026, 3, 30, 6)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("zone", "at", "after", "expected"),
    [
        # 01:30 does not exist in London on 2026-03-29 (01:00 → 02:00 BST): it is shifted
        # forward by the gap, to 02:30 BST = 01:30 UTC, once.
        ("Europe/London", time(1, 30), utc(2026, 3, 29, 0, 0), utc(2026, 3, 29, 1, 30)),
        ("Europe/London", time(1, 30), utc(2026, 3, 29, 1, 30), utc(2026, 3, 30, 0, 30)),
        # 01:30 happens twice in London on 2026-10-25: the digest goes at the first one only.
        ("Europe/London", time(1, 30), utc(2026, 10, 25, 0, 0), utc(2026, 10, 25, 0, 30)),
        ("Europe/London", time(1, 30), utc(2026, 10, 25, 0, 31), utc(2026, 10, 26, 1, 30)),
    ],
)
def test_dst_gaps_and_folds_give_one_digest(
    zone: str, at: time, after: datetime, expected: datetime
) -> None:
    assert next_occurrence(after, timezone=zone, digest_time=at, frequency="daily") == expected


@pytest.mark.parametrize(
    ("moment", "zone", "frequency", "expected"),
    [
        # 06:00 on 2 March in Ho Chi Minh City: the local date, time and offset.
        (utc(2026, 3, 1, 23, 0), HCM, "daily", "daily:2026-03-02T06:00+07:00"),
        # The same day moved later (07:00 → 18:00) is another occurrence, another key.
        (utc(2026, 3, 2, 11, 0), HCM, "daily", "daily:2026-03-02T18:00+07:00"),
        # Seconds never split one occurrence into two keys.
        (utc(2026, 3, 1, 23, 0, 42), HCM, "daily", "daily:2026-03-02T06:00+07:00"),
        (utc(2026, 3, 2, 7, 0), "Europe/London", "weekly", "weekly:2026-03-02T07:00+00:00"),
    ],
)
def test_period_key_names_one_occurrence(
    moment: datetime, zone: str, frequency: str, expected: str
) -> None:
    assert period_key(moment, timezone=zone, frequency=frequency) == expected
