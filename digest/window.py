"""Which stored articles a digest window holds: new to the bot AND new in the world.

Rule order for a window starting at `since`:
1. The article was fetched after `since` (a digest never repeats what an earlier one covered).
2. Its age is its publication time when the feed gives one, else its fetch time; a
   publication time in the future (a wrong clock or time zone) counts as the fetch time.
3. It is in the window when that time is not older than `since` minus `LATENESS`: feeds are
   polled late (a server may ask for up to 6 h between polls, `feeds.polling`) and publish
   late, so an article up to 6 h older than the window still counts; a feed's back catalogue
   (a 5 Dec article fetched on 7 Dec, when the feed was added) does not.
"""

from __future__ import annotations

from datetime import datetime, timedelta

# The longest poll interval a server's hint may impose (feeds.polling caps hints at 6 h).
LATENESS = timedelta(hours=6)


def in_window(
    *,
    fetched_at: datetime,
    published: datetime | None,
    since: datetime,
    lateness: timedelta = LATENESS,
) -> bool:
    """Tell whether an article belongs to the digest window that starts at `since`."""
    if fetched_at <= since:
        return False
    when = fetched_at if published is None or published > fetched_at else published
    return when >= since - lateness
