"""How many single instant cards a chat may have waiting; beyond that a burst is folded.

Rule order:
1. A chat's capacity is what Telegram lets us send it within the backlog window: one
   message a second to a private chat (id > 0), twenty a minute to a group or channel
   (id < 0); at least one. With the default window of ten minutes: 600 and 200.
2. New matches become single cards while the chat's waiting messages (pending or being
   sent) stay under its capacity, in the order they arrived.
3. Every later match of the same round is folded into one digest-style message (split
   only at Telegram's length limit), so a burst adds a few messages, not one per article;
   a single match over the room stays a card (one message either way).
"""

from __future__ import annotations

PRIVATE_PER_SECOND = 1.0
GROUP_PER_SECOND = 20 / 60
DEFAULT_WINDOW_SECONDS = 600


def capacity(chat_id: int, *, window_seconds: float) -> int:
    """Return how many messages the chat can be sent within `window_seconds`."""
    rate = PRIVATE_PER_SECOND if chat_id > 0 else GROUP_PER_SECOND
    return max(1, int(window_seconds * rate))


def card_room(*, waiting: int, capacity: int, matches: int) -> int:
    """Return how many of `matches` new matches go out as single cards; the rest fold."""
    room = max(0, capacity - waiting)
    return matches if matches <= room + 1 else room
