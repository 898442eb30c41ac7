from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from feeds.polling import (
    JITTER,
    MAX_BACKOFF,
    MAX_HINT,
    in_slot,
    next_after_failure,
    next_after_success,
    retry_after,
    server_hint,
    should_disable,
)

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
TEN_MIN = timedelta(minutes=10)


def no_jitter(low: float, high: float) -> float:
    return 0.0


@pytest.mark.parametrize(
    ("headers", "ttl", "hint"),
    [
        ({}, None, None),
        ({"cache-control": "public, max-age=3600"}, None, timedelta(hours=1)),
        ({"cache-control": 'max-age="120"'}, None, timedelta(minutes=2)),
        ({"cache-control": "no-cache, max-age=3600"}, None, None),
        ({"cache-control": "no-store"}, 30, timedelta(minutes=30)),
        # max-age beats Expires, Expires beats <ttl>
        (
            {"cache-control": "max-age=60", "expires": "Tue, 24 Nov 2026 14:00:00 GMT"},
            5,
            timedelta(minutes=1),
        ),
        ({"expires": "Tue, 24 Nov 2026 14:00:00 GMT"}, 5, timedelta(hours=2)),
        (
            {"expires": "Tue, 24 Nov 2026 14:00:00 GMT", "date": "Tue, 24 Nov 2026 13:30:00 GMT"},
            None,
            timedelta(minutes=30),
        ),
        ({"expires": "0"}, 15, timedelta(minutes=15)),  # invalid date: ignored
        ({"expires": "Mon, 23 Nov 2026 00:00:00 GMT"}, None, timedelta(0)),  # in the past
        ({}, 0, None),
        ({}, 45, timedelta(minutes=45)),
    ],
)
def test_server_hint(headers: dict[str, str], ttl: int | None, hint: timedelta | None) -> None:
    assert server_hint(headers, now=NOW, ttl_minutes=ttl) == hint


@pytest.mark.parametrize(
    ("value", "wait"),
    [
        ("", None),
        ("120", timedelta(minutes=2)),
        ("Tue, 24 Nov 2026 13:00:00 GMT", timedelta(hours=1)),
        ("Tue, 24 Nov 2026 11:00:00 GMT", timedelta(0)),
        ("soon", None),
    ],
)
def test_retry_after(value: str, wait: timedelta | None) -> None:
    assert retry_after({"retry-after": value} if value else {}, now=NOW) == wait


@pytest.mark.parametrize(
    ("hint", "low", "high"),
    [
        (None, TEN_MIN / 2, TEN_MIN * 1.5),
        (timedelta(minutes=1), TEN_MIN / 2, TEN_MIN * 1.5),  # never more often than the interval
        (timedelta(hours=1), timedelta(minutes=55), timedelta(minutes=65)),
        (timedelta(days=3), MAX_HINT - TEN_MIN / 2, MAX_HINT + TEN_MIN / 2),  # capped
    ],
)
def test_next_after_success_honours_hints_within_bounds(
    hint: timedelta | None, low: timedelta, high: timedelta
) -> None:
    for url in (f"https://site{n}.example/feed" for n in range(50)):
        when = next_after_success(url, now=NOW, interval=TEN_MIN, hint=hint)
        assert NOW + low <= when < NOW + high


def test_each_feed_keeps_its_slot_across_polls() -> None:
    url = "https://vnexpress.net/rss/tin-moi-nhat.rss"
    first = next_after_success(url, now=NOW, interval=TEN_MIN)
    # Polled a little late (the job ran 37 s after the slot): the next check returns to it.
    second = next_after_success(url, now=first + timedelta(seconds=37), interval=TEN_MIN)
    assert second - first == TEN_MIN


def test_due_feeds_are_spread_over_the_interval() -> None:
    urls = [f"https://news{n}.example/rss" for n in range(1000)]
    offsets = [
        (next_after_success(url, now=NOW, interval=TEN_MIN) - NOW).total_seconds() for url in urls
    ]
    per_minute = [0] * 15
    for offset in offsets:
        per_minute[int(offset // 60)] += 1
    busy = [count for count in per_minute if count]
    # 1,000 feeds over a 10-minute window: about 100 a minute, none bunched up.
    assert len(busy) == 10
    assert max(busy) < 150


@pytest.mark.parametrize("earliest_offset", [0, 1, 299, 599, 600, 3601])
def test_in_slot_is_the_first_slot_time_not_before_earliest(earliest_offset: int) -> None:
    earliest = NOW + timedelta(seconds=earliest_offset)
    when = in_slot("https://a.example/feed", earliest=earliest, interval=TEN_MIN)
    assert earliest <= when < earliest + TEN_MIN
    later = in_slot("https://a.example/feed", earliest=when, interval=TEN_MIN)
    assert later == when


@pytest.mark.parametrize(
    ("failures", "retry", "wait"),
    [
        (1, None, TEN_MIN),
        (2, None, TEN_MIN * 2),
        (3, None, TEN_MIN * 4),
        (8, None, TEN_MIN * 128),
        (9, None, MAX_BACKOFF),  # 2,560 min is over the cap
        (500, None, MAX_BACKOFF),
        (1, timedelta(hours=2), timedelta(hours=2)),  # Retry-After longer than the backoff
        (3, timedelta(seconds=5), TEN_MIN * 4),  # shorter: the backoff stands
        (1, timedelta(days=7), MAX_BACKOFF),  # capped as well
    ],
)
def test_backoff_doubles_and_is_capped(
    failures: int, retry: timedelta | None, wait: timedelta
) -> None:
    when = next_after_failure(
        now=NOW, failures=failures, interval=TEN_MIN, retry=retry, uniform=no_jitter
    )
    assert when == NOW + wait


@pytest.mark.parametrize("pick", [min, max])
def test_backoff_jitter_is_bounded(pick: object) -> None:
    def extreme(low: float, high: float) -> float:
        return low if pick is min else high

    when = next_after_failure(now=NOW, failures=3, interval=TEN_MIN, uniform=extreme)
    expected = TEN_MIN * 4 * (1 - JITTER if pick is min else 1 + JITTER)
    assert when - NOW == expected


@pytest.mark.parametrize(
    ("failures", "limit", "disabled"),
    [(0, 10, False), (9, 10, False), (10, 10, True), (11, 10, True), (50, 0, False)],
)
def test_should_disable(failures: int, limit: int, disabled: bool) -> None:
    assert should_disable(failures, max_failures=limit) is disabled
