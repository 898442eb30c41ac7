"""The digest window: fetched after its start and not published long before it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from digest.window import LATENESS, in_window

SINCE = datetime(2026, 12, 7, 0, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("fetched_at", "published", "expected"),
    [
        # Fresh: fetched and published after the start.
        (SINCE + HOUR, SINCE + HOUR / 2, True),
        # Fetched before (or at) the start: an earlier digest covered it.
        (SINCE - HOUR, SINCE - HOUR, False),
        (SINCE, SINCE, False),
        # No publication time: the fetch time decides.
        (SINCE + HOUR, None, True),
        # Published a little before the start, polled late: still in.
        (SINCE + HOUR, SINCE - 5 * HOUR, True),
        (SINCE + HOUR, SINCE - LATENESS, True),
        # A back catalogue: published two days before the start, fetched now.
        (SINCE + HOUR, SINCE - 2 * timedelta(days=1), False),
        (SINCE + HOUR, SINCE - LATENESS - timedelta(seconds=1), False),
        # A future publication time counts as the fetch time.
        (SINCE + HOUR, SINCE + timedelta(days=30), True),
    ],
)
def test_in_window(fetched_at: datetime, published: datetime | None, expected: bool) -> None:
    assert in_window(fetched_at=fetched_at, published=published, since=SINCE) is expected
