"""The per-member flood rule: `limit` answers per window, one warning, then quiet."""

from __future__ import annotations

import pytest

from digest.flood import Flow, Verdict, judge

A, W, D = Verdict.ADMIT, Verdict.WARN, Verdict.DROP


def replay(times: list[float], *, limit: int = 3, window: float = 10.0) -> list[Verdict]:
    """Judge messages sent at `times` in order; return the verdicts."""
    flow, verdicts = Flow(), []
    for now in times:
        verdict, flow = judge(flow, now, limit=limit, window=window)
        verdicts.append(verdict)
    return verdicts


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        ([], []),
        ([0, 0, 0], [A, A, A]),  # up to the limit: all admitted
        ([0, 0, 0, 0], [A, A, A, W]),  # one over: one warning
        ([0, 0, 0, 0, 0, 5, 9.9], [A, A, A, W, D, D, D]),  # muted for the window
        ([0, 0, 0, 0, 10], [A, A, A, W, A]),  # the window has passed: admitted again
        ([0, 0, 0, 0, 10, 10, 10, 10], [A, A, A, W, A, A, A, W]),  # a new flood: warned again
        ([0, 4, 8, 10.5, 14.5], [A, A, A, A, A]),  # old admissions leave the window
        ([0, 4, 8, 9], [A, A, A, W]),
        ([5, 5, 5, 4], [A, A, A, W]),  # a time out of order is judged, not trusted blindly
    ],
)
def test_judge(times: list[float], expected: list[Verdict]) -> None:
    assert replay(times) == expected


def test_idle_once_window_and_mute_are_over() -> None:
    _, flow = judge(Flow(), 0.0, limit=1)
    assert not flow.idle(9.0)
    assert flow.idle(10.0)
    _, muted = judge(flow, 1.0, limit=1)
    assert muted.muted_until == 11.0
    assert not muted.idle(10.5)
    assert muted.idle(11.0)
    assert Flow().idle(0.0)
