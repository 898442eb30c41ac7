"""Poll rounds respect the global and per-host concurrency caps (real HTTP, real SQLite)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import time

import pytest
from aiohttp import web

from feeds.http import make_client
from handlers.context import BotConfig, Services
from handlers.ingest import ingest_all
from storage import open_storage

FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    b"<item><title>A</title><guid>a</guid><description>Tin.</description></item>"
    b"</channel></rss>"
)


class Watch:
    """Count requests in flight, per host and overall, and remember the peaks."""

    def __init__(self) -> None:
        self.now: Counter[str] = Counter()
        self.peak: Counter[str] = Counter()

    async def handle(self, request: web.Request) -> web.Response:
        host = request.host
        for key in (host, "*"):
            self.now[key] += 1
            self.peak[key] = max(self.peak[key], self.now[key])
        await asyncio.sleep(0.05)  # long enough for the poller to pile up if it could
        for key in (host, "*"):
            self.now[key] -= 1
        return web.Response(body=FEED, content_type="application/rss+xml")


@pytest.fixture
async def watched() -> AsyncIterator[tuple[Watch, list[str]]]:
    """Serve feeds on two loopback hosts; yield the watch and their base URLs."""
    watch = Watch()
    app = web.Application()
    app.router.add_get("/feed/{n}", watch.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    bases = []
    for address in ("127.0.0.1", "127.0.0.2"):
        site = web.TCPSite(runner, address, 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        bases.append(f"http://{address}:{port}")
    yield watch, bases
    await runner.cleanup()


@pytest.mark.parametrize(("overall", "per_host"), [(3, 2), (8, 1), (2, 5)])
async def test_round_respects_global_and_per_host_caps(
    watched: tuple[Watch, list[str]], sqlite_url: str, overall: int, per_host: int
) -> None:
    watch, bases = watched
    storage = await open_storage(sqlite_url)
    config = BotConfig(
        default_timezone="UTC",
        default_digest_time=time(7),
        admin_ids=frozenset(),
        allow_private_feed_urls=True,
        feed_poll_seconds=600,
        fetch_pages=False,
        feed_concurrency=overall,
        feed_per_host=per_host,
    )
    async with make_client(allow_private=True) as http:
        services = Services(storage=storage, http=http, config=config)
        for n in range(12):
            await storage.add_feed(url=f"{bases[n % 2]}/feed/{n}")
        await ingest_all(services)
        feeds = await storage.list_feeds()
    await storage.close()
    hosts = [base.removeprefix("http://") for base in bases]
    assert all(feed.last_success_at is not None for feed in feeds)
    assert max(watch.peak[host] for host in hosts) <= per_host
    # The caps bind, and nothing else holds the round back: the peak is what they allow.
    assert watch.peak["*"] == min(overall, 2 * per_host)
