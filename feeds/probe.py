"""Check a URL for /addfeed: fetch and parse it, following an HTML page's feed links.

Rule order: fetch the URL (its FeedError as it is) → it parses as a feed → that feed →
otherwise the body's announced feeds (`feeds.discovery.feed_links`), the first
`MAX_CANDIDATES` in page order, each fetched and parsed; the first that parses wins
(`discovered`) → none does → the page's own FeedError. The URL to store is the final URL
of a permanent redirect, else the URL fetched, made canonical (`feeds.canonical`).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httpx

from feeds.canonical import canonical_url
from feeds.discovery import feed_links
from feeds.errors import FeedError
from feeds.http import fetch
from feeds.models import FetchResult, ParsedFeed
from feeds.parse import parse_feed

MAX_CANDIDATES = 3


@dataclass(frozen=True, slots=True)
class Probe:
    """A feed found at or through a URL: where to poll it, what it holds, how it was found."""

    url: str
    feed: ParsedFeed
    discovered: bool


async def probe_feed(client: httpx.AsyncClient, url: str, *, allow_private: bool) -> Probe:
    """Return the feed at `url`, or the first one its HTML page links to; raise FeedError."""
    result = await fetch(client, url, allow_private=allow_private)
    try:
        feed = await _parse(result)
        return Probe(canonical_url(result.permanent_url or url), feed, discovered=False)
    except FeedError as error:
        refusal = error
    for link in feed_links(result.body, base_url=result.url)[:MAX_CANDIDATES]:
        try:
            found = await fetch(client, link, allow_private=allow_private)
            feed = await _parse(found)
            return Probe(canonical_url(found.permanent_url or link), feed, discovered=True)
        except FeedError:
            continue
    raise refusal


async def _parse(result: FetchResult) -> ParsedFeed:
    return await asyncio.to_thread(parse_feed, result.body, url=result.url, headers=result.headers)
