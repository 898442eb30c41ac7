"""`newsbot fetch`: fetch feeds once, without a database, and print each article's card."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import datetime

from bot.summarize_cmd import format_card
from digest.jsoncard import card_to_dict
from feeds.errors import FeedError
from feeds.http import make_client
from feeds.pipeline import fetch_feed_once


def _env_allows_private() -> bool:
    return os.environ.get("ALLOW_PRIVATE_FEED_URLS", "").strip().lower() in {"1", "true", "yes"}


async def _fetch_all(urls: list[str], *, as_json: bool, allow_private: bool) -> int:
    failures = 0
    async with make_client(allow_private=allow_private) as client:
        for url in urls:
            try:
                _, drafts = await fetch_feed_once(client, url, allow_private=allow_private)
            except FeedError as error:
                failures += 1
                message = str(error)
                print(message if url in message else f"{url}: {message}", file=sys.stderr)
                continue
            except Exception as error:  # a bug must cost one feed, never the whole run
                failures += 1
                print(f"{url}: internal error ({type(error).__name__}: {error})", file=sys.stderr)
                continue
            for draft in drafts:
                card = card_to_dict(draft.card)
                card.update(feed=url, url=draft.entry.url, published=_iso(draft.entry.published))
                if as_json:
                    print(json.dumps(card, ensure_ascii=False))
                else:
                    print(f"{format_card(card)}\n{draft.entry.url or ''}\n")
    return 1 if failures else 0


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def fetch_urls(urls: list[str], *, as_json: bool, allow_private: bool) -> int:
    """Fetch each feed once and print its cards; report bad feeds on stderr and go on."""
    allowed = allow_private or _env_allows_private()
    return asyncio.run(_fetch_all(urls, as_json=as_json, allow_private=allowed))
