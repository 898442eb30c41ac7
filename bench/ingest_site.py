"""The news sites of `bench/ingest.py`: feeds and article pages on loopback hosts, with ETags.

Host k is 127.0.0.(2 + k), all on one port. `/feed/{n}.rss` is an RSS 2.0 feed of `items`
entries (ETag `"n-1"`; a matching If-None-Match gets 304); `/a/{n}/{i}.html` is a realistic
article page (the Vietnamese seed or the English fixture, alternating by feed).
"""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime, timedelta
from multiprocessing.synchronize import Event

from aiohttp import web

from tests.fakes.feedxml import Channel, Entry, rss
from tests.fakes.newsdata import Item, english_item_and_page, seed_item_and_page


def free_port() -> int:
    """Return a TCP port free on 127.0.0.2 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.2", 0))
        return int(probe.getsockname()[1])


def _feed(host: str, number: int, items: int, item: Item) -> bytes:
    base = f"http://{host}"
    start = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    entries = [
        Entry(
            title=f"{item.title} ({number}-{index})",
            link=f"{base}/a/{number}/{index}.html",
            description=item.description,
            published=start + timedelta(minutes=index),
            guid=f"{number}-{index}",
            author=item.author,
            image=f"{base}/img/{number}/{index}.jpg",
        )
        for index in range(items)
    ]
    channel = Channel(
        title=f"Feed {number}",
        link=base,
        self_url=f"{base}/feed/{number}.rss",
        language="vi" if number % 2 == 0 else "en",
        updated=start,
    )
    return rss(channel, entries, image_in_description=False)


def make_app(items: int) -> web.Application:
    """Return the aiohttp app serving every feed and page."""
    sources = [seed_item_and_page(), english_item_and_page()]
    pages = [page.encode() for _item, page in sources]

    async def feed(request: web.Request) -> web.Response:
        number = int(request.match_info["n"])
        etag = f'"{number}-1"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        body = _feed(request.host, number, items, sources[number % 2][0])
        return web.Response(body=body, content_type="application/rss+xml", headers={"ETag": etag})

    async def page(request: web.Request) -> web.Response:
        body = pages[int(request.match_info["n"]) % 2]
        return web.Response(body=body, content_type="text/html", charset="utf-8")

    app = web.Application()
    app.router.add_get("/feed/{n:\\d+}.rss", feed)
    app.router.add_get("/a/{n:\\d+}/{i:\\d+}.html", page)
    return app


async def _serve(hosts: int, port: int, items: int, ready: Event) -> None:
    runner = web.AppRunner(make_app(items), access_log=None)
    await runner.setup()
    for k in range(hosts):
        await web.TCPSite(runner, f"127.0.0.{2 + k}", port).start()
    ready.set()
    await asyncio.Event().wait()


def serve_forever(hosts: int, port: int, items: int, ready: Event) -> None:
    """Serve until the process is terminated (the target of a multiprocessing.Process)."""
    asyncio.run(_serve(hosts, port, items, ready))
