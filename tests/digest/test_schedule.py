"""Daily digest schedule rules."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from digest.schedule import due_period, latest_occurrence, parse_hhmm


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
    ("now", "last", "created", "expected"),
    [
        # 07:00 local = 00:00 UTC. Just after it, never sent, chat from last week: due today.
        (utc(2026, 3, 2, 0, 1), None, utc(2026, 2, 20), "daily:2026-03-02"),
        # Just before it: yesterday's occurrence is due if yesterday's was not sent.
        (utc(2026, 3, 1, 23, 59), utc(2026, 2, 28, 0, 0), None, "daily:2026-03-01"),
        # Already sent today: nothing due.
        (utc(2026, 3, 2, 5, 0), utc(2026, 3, 2, 0, 0, 30), None, None),
        # A chat created at 23:00 local waits for tomorrow.
        (utc(2026, 3, 2, 16, 0), None, utc(2026, 3, 2, 15, 59), None),
        # Bot down over the digest time: due once at start, same key.
        (utc(2026, 3, 2, 9, 0), utc(2026, 3, 1, 0, 0), None, "daily:2026-03-02"),
    ],
)
def test_due_period(
    now: datetime, last: datetime | None, created: datetime | None, expected: str | None
) -> None:
    got = due_period(
        now, timezone=HCM, digest_time=time(7), last_digest_at=last, created_at=created
    )
    assert got == expected


def test_occurrence_follows_dst_in_the_chats_zone() -> None:
    # London moved to BST (UTC+1) on 2026-03-29: 07:00 local is 07:00 UTC before, 06:00 after.
    before = latest_occurrence(utc(2026, 3, 28, 12), timezone="Europe/London", digest_time=time(7))
    after = latest_occurrence(utc(2026, 3, 30, 12), timezone="Europe/London", digest_time=time(7))
    assert before.astimezone(UTC).hour == 7
    assert after.astimezone(UTC).hour == 6


def test_digest_time_inside_a_dst_gap_still_occurs_once() -> None:
    # 01:30 does not exist in London on 2026-03-29; the day still has exactly one occurrence.
    first = latest_occurrence(
        utc(2026, 3, 29, 12), timezone="Europe/London", digest_time=time(1, 30)
    )
    assert first.date().isoformat() == "2026-03-29"
    key = due_period(
        utc(2026, 3, 29, 12),
        timezone="Europe/London",
        digest_time=time(1, 30),
        last_digest_at=utc(2026, 3, 28, 2),
        created_at=None,
    )
    assert key == "daily:2026-03-29"
