"""Instant backlog capacity and room for single cards."""

from __future__ import annotations

import pytest

from digest.backlog import DEFAULT_WINDOW_SECONDS, capacity, card_room


@pytest.mark.parametrize(
    ("chat_id", "window", "expected"),
    [
        (42, DEFAULT_WINDOW_SECONDS, 600),
        (-100123, DEFAULT_WINDOW_SECONDS, 200),
        (-5, DEFAULT_WINDOW_SECONDS, 200),
        (42, 5, 5),
        (-5, 5, 1),
        (42, 0, 1),
    ],
)
def test_capacity(chat_id: int, window: float, expected: int) -> None:
    assert capacity(chat_id, window_seconds=window) == expected


@pytest.mark.parametrize(
    ("waiting", "cap", "matches", "expected"),
    [
        (0, 600, 3, 3),
        (0, 600, 700, 600),
        (590, 600, 40, 10),
        (590, 600, 11, 11),
        (600, 600, 1, 1),
        (600, 600, 2, 0),
        (900, 600, 5, 0),
    ],
)
def test_card_room(waiting: int, cap: int, matches: int, expected: int) -> None:
    assert card_room(waiting=waiting, capacity=cap, matches=matches) == expected
