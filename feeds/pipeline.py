"""Turn feed entries into article drafts: fetch the page, choose the text, summarise it.

Rule order for one entry: fetch and extract the entry's page (unless `fetch_pages` is off
or the entry has no link; a failed page is logged, never fatal) → text = the page's text
when it has at least `MIN_PAGE_CHARS`, else the longest of the feed's content, the feed's
summary and the page's text → lead = the feed's summary when it is short (a sapo), else
the page's og:description → card = `summarize(title, text, lead=lead)`.
Page fetches run at most `PAGE_CONCURRENCY` at a time.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Sequence

import httpx

from digest.card import summarize
from feeds.errors import FeedError
from feeds.extract import extract_page
from feeds.http import fetch
from feeds.models import ArticleDraft, ExtractedPage, FeedEntry, ParsedFeed
from feeds.parse import parse_feed

MIN_PAGE_CHARS = 400
MAX_LEAD_CHARS = 400
PAGE_MAX_BYTES = 3_000_000
PAGE_CONCURRENCY = 4

log = logging.getLogger(__name__)


async def build_article(
    client: httpx.AsyncClient,
    entry: FeedEntry,
    *,
    allow_private: bool,
    fetch_pages: bool = True,
) -> ArticleDraft:
    """Fetch the entry's page if allowed, choose its text and lead, and summarise it."""
    page = None
    if fetch_pages and entry.url:
        page = await _page(client, entry.url, allow_private=allow_private)
    text = _choose_text(entry, page)
    lead = _choose_lead(entry, page)
    title = entry.title or (page.title if page and page.title else "")
    # summarize is pure CPU work; keep the loop free for other fetches meanwhile.
    card = await asyncio.to_thread(functools.partial(summarize, title, text, lead=lead))
    return ArticleDraft(entry=entry, text=text, card=card, lead=lead)


async def build_articles(
    client: httpx.AsyncClient,
    entries: Sequence[FeedEntry],
    *,
    allow_private: bool,
    fetch_pages: bool = True,
    concurrency: int = PAGE_CONCURRENCY,
) -> list[ArticleDraft]:
    """Build drafts for `entries` (in their order), a few page fetches at a time."""
    gate = asyncio.Semaphore(concurrency)

    async def one(entry: FeedEntry) -> ArticleDraft:
        async with gate:
            return await build_article(
                client, entry, allow_private=allow_private, fetch_pages=fetch_pages
            )

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(one(entry)) for entry in entries]
    return [task.result() for task in tasks]


async def fetch_feed_once(
    client: httpx.AsyncClient,
    url: str,
    *,
    allow_private: bool,
    fetch_pages: bool = True,
    limit: int | None = None,
) -> tuple[ParsedFeed, list[ArticleDraft]]:
    """Fetch and parse one feed and draft its first `limit` entries (no database, no cache)."""
    result = await fetch(client, url, allow_private=allow_private)
    feed = await asyncio.to_thread(
        functools.partial(parse_feed, result.body, url=result.url, headers=result.headers)
    )
    entries = feed.entries if limit is None else feed.entries[:limit]
    drafts = await build_articles(
        client, entries, allow_private=allow_private, fetch_pages=fetch_pages
    )
    return feed, drafts


async def _page(
    client: httpx.AsyncClient, url: str, *, allow_private: bool
) -> ExtractedPage | None:
    try:
        result = await fetch(client, url, allow_private=allow_private, max_bytes=PAGE_MAX_BYTES)
    except FeedError as exc:
        log.info("page skipped, using the feed's text: %s", exc)
        return None
    # A missing content type is common on small sites: try it as HTML anyway.
    if "html" not in result.headers.get("content-type", "text/html").lower():
        log.info("page skipped, not HTML: %s", url)
        return None
    return await asyncio.to_thread(functools.partial(extract_page, result.body, url=result.url))


def _choose_text(entry: FeedEntry, page: ExtractedPage | None) -> str:
    page_text = page.text if page else ""
    if len(page_text) >= MIN_PAGE_CHARS:
        return page_text
    # On ties `max` keeps the first: full content beats summary beats a thin page.
    return max((entry.content, entry.summary, page_text), key=len)


def _choose_lead(entry: FeedEntry, page: ExtractedPage | None) -> str | None:
    summary = entry.summary.replace("\n", " ").strip()
    if summary and len(summary) <= MAX_LEAD_CHARS:
        return summary
    return page.lead if page else None
