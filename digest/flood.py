"""Whether a member's message is handled, answered with one "slow down", or dropped quietly.

Times are the messages' own send times (seconds), so a backlog read after a restart is judged
by when the member wrote, not by how fast the bot reads. Rule order for one message:
1. Admissions older than `window` are forgotten.
2. While the member is muted (a warning was given less than `window` ago): drop quietly.
3. Fewer than `limit` admissions in the window: admit (and count it).
4. Otherwise: warn once and mute the member for one `window`.
A member who keeps flooding thus gets at most `limit` answers and one warning per window.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

LIMIT = 20
WINDOW = 10.0


class Verdict(Enum):
    """What to do with one message."""

    ADMIT = "admit"
    WARN = "warn"
    DROP = "drop"


@dataclass(frozen=True, slots=True)
class Flow:
    """One member's recent admissions and the end of their mute (0: not muted)."""

    admitted: tuple[float, ...] = ()
    muted_until: float = 0.0

    def idle(self, now: float, window: float = WINDOW) -> bool:
        """Tell whether nothing of this flow matters any more at `now`."""
        recent = bool(self.admitted) and self.admitted[-1] > now - window
        return not recent and now >= self.muted_until


def judge(
    flow: Flow, now: float, *, limit: int = LIMIT, window: float = WINDOW
) -> tuple[Verdict, Flow]:
    """Return the verdict for a message sent at `now` and the member's flow after it."""
    admitted = tuple(at for at in flow.admitted if at > now - window)
    if now < flow.muted_until:
        return Verdict.DROP, Flow(admitted, flow.muted_until)
    if len(admitted) < limit:
        return Verdict.ADMIT, Flow((*admitted, now))
    return Verdict.WARN, Flow(admitted, now + window)
