"""fetch against a local aiohttp server: validators, errors, caps, encodings, timeouts."""

from __future__ import annotations

import asyncio
import functools
import gzip
import socket
import time
import tracemalloc
import zlib
from collections.abc import Callable

import httpx
import pytest
from aiohttp import web

from feeds.errors import FeedError
from feeds.http import ACCEPT_ENCODING, MAX_REDIRECTS, USER_AGENT, fetch, make_client
from feeds.transport import GuardedTransport
from tests.feeds.conftest import Serve

ETAG = '"v1"'
LAST_MODIFIED = "Wed, 25 Dec 2019 01:30:00 GMT"
FEED = b'<rss version="2.0"><channel><title>T</title></channel></rss>'


async def conditional(request: web.Request) -> web.Response:
    """Answer 304 when the client already holds ETAG, else the feed with validators."""
    if request.headers.get("If-None-Match") == ETAG:
        return web.Response(status=304, headers={"ETag": ETAG})
    headers = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED, "X-UA": request.headers["User-Agent"]}
    return web.Response(body=FEED, content_type="application/rss+xml", headers=headers)


async def since(request: web.Request) -> web.Response:
    """Answer 304 when If-Modified-Since matches LAST_MODIFIED."""
    status = 304 if request.headers.get("If-Modified-Since") == LAST_MODIFIED else 200
    return web.Response(status=status, body=None if status == 304 else FEED)


async def fail(request: web.Request) -> web.Response:
    """Answer with the status code named in the path."""
    return web.Response(status=int(request.match_info["code"]), text="nope")


async def big(request: web.Request) -> web.Response:
    """Answer 2 kB with a Content-Length."""
    return web.Response(body=b"x" * 2000)


async def big_chunked(request: web.Request) -> web.StreamResponse:
    """Stream 2 kB in chunks without a Content-Length."""
    response = web.StreamResponse()
    response.enable_chunked_encoding()
    await response.prepare(request)
    for _ in range(20):
        await response.write(b"x" * 100)
    await response.write_eof()
    return response


async def slow(request: web.Request) -> web.Response:
    """Stall for 10 s before answering."""
    await asyncio.sleep(10)
    return web.Response(body=FEED)


async def drip(request: web.Request) -> web.StreamResponse:
    """Send one byte every 0.1 s for 5 s: no single read times out."""
    response = web.StreamResponse()
    await response.prepare(request)
    for _ in range(50):
        await response.write(b"x")
        await asyncio.sleep(0.1)
    return response


async def hop(request: web.Request) -> web.Response:
    """Redirect /hop/<n> to /hop/<n-1>, and /hop/0 to the feed."""
    left = int(request.match_info["n"])
    target = f"/hop/{left - 1}" if left > 0 else "/feed"
    raise web.HTTPFound(target)


async def self_redirect(request: web.Request) -> web.Response:
    """Redirect to itself, forever."""
    raise web.HTTPFound("/loop")


async def empty(request: web.Request) -> web.Response:
    """Answer 200 with no body at all."""
    return web.Response(body=b"", content_type="application/rss+xml")


async def endless(request: web.Request) -> web.StreamResponse:
    """Stream 64 kB chunks until the client goes away."""
    response = web.StreamResponse()
    await response.prepare(request)
    chunk = b"x" * 65536
    while True:
        await response.write(chunk)


BOMB_SIZE = 100_000_000


@functools.cache
def gzip_bomb() -> bytes:
    """Return BOMB_SIZE zero bytes gzipped (about 100 kB), built 1 MB at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1_000_000)
    parts = [packer.compress(zeros) for _ in range(BOMB_SIZE // len(zeros))]
    return b"".join([*parts, packer.flush()])


async def bomb(request: web.Request) -> web.Response:
    """Send the gzip bomb, declared as gzip-encoded."""
    return web.Response(body=gzip_bomb(), headers={"Content-Encoding": "gzip"})


ENCODERS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": gzip.compress,
    "x-gzip": gzip.compress,
    "deflate": zlib.compress,
    "identity": bytes,
    "GZIP": gzip.compress,
}


async def encoded(request: web.Request) -> web.Response:
    """Send FEED encoded with the Content-Encoding named in the path."""
    coding = request.match_info["coding"]
    body = ENCODERS[coding](FEED)
    return web.Response(body=body, headers={"Content-Encoding": coding})


async def corrupt(request: web.Request) -> web.Response:
    """Claim gzip but send something else."""
    return web.Response(body=b"not gzip at all", headers={"Content-Encoding": "gzip"})


ROUTES = [
    web.get("/feed", conditional),
    web.get("/since", since),
    web.get("/status/{code}", fail),
    web.get("/big", big),
    web.get("/big-chunked", big_chunked),
    web.get("/slow", slow),
    web.get("/drip", drip),
    web.get("/hop/{n}", hop),
    web.get("/loop", self_redirect),
    web.get("/empty", empty),
    web.get("/endless", endless),
    web.get("/bomb", bomb),
    web.get("/encoded/{coding}", encoded),
    web.get("/corrupt", corrupt),
]


async def test_etag_then_not_modified(serve: Serve) -> None:
    base = await serve(ROUTES)
    async with make_client(allow_private=True) as client:
        first = await fetch(client, f"{base}/feed", allow_private=True)
        second = await fetch(client, f"{base}/feed", allow_private=True, etag=first.etag)
    assert (first.status, first.body, first.not_modified) == (200, FEED, False)
    assert (first.etag, first.last_modified) == (ETAG, LAST_MODIFIED)
    assert first.headers["content-type"] == "application/rss+xml"
    assert first.headers["x-ua"] == USER_AGENT
    assert (second.status, second.body, second.not_modified) == (304, b"", True)


async def test_if_modified_since_sent(serve: Serve) -> None:
    base = await serve(ROUTES)
    async with make_client(allow_private=True) as client:
        result = await fetch(
            client, f"{base}/since", allow_private=True, last_modified=LAST_MODIFIED
        )
    assert result.not_modified


@pytest.mark.parametrize("code", [404, 500, 503, 301])
async def test_error_status_is_feed_error(serve: Serve, code: int) -> None:
    base = await serve(ROUTES)
    url = f"{base}/status/{code}"
    async with make_client(allow_private=True) as client:
        with pytest.raises(FeedError) as caught:
            await fetch(client, url, allow_private=True)
    assert str(caught.value) == f"{url}: the server answered {code}"


@pytest.mark.parametrize("path", ["/big", "/big-chunked"])
async def test_body_over_cap(serve: Serve, path: str) -> None:
    base = await serve(ROUTES)
    async with make_client(allow_private=True) as client:
        with pytest.raises(FeedError, match=r": larger than 1.5 kB$"):
            await fetch(client, base + path, allow_private=True, max_bytes=1500)
        whole = await fetch(client, base + path, allow_private=True, max_bytes=2000)
    assert len(whole.body) == 2000


@pytest.mark.parametrize("path", ["/endless", "/bomb"])
async def test_runaway_body_stopped_at_cap(serve: Serve, path: str) -> None:
    base = await serve(ROUTES)
    gzip_bomb()  # built before measuring: it is the server's memory, not the client's
    started = time.monotonic()
    tracemalloc.start()
    try:
        async with make_client(allow_private=True) as client:
            with pytest.raises(FeedError, match=r": larger than 1 MB$"):
                await fetch(client, base + path, allow_private=True, max_bytes=1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Inflating a whole 64 kB read of the bomb at once would take about 64 MB.
    assert peak < 10_000_000
    assert time.monotonic() - started < 5.0


@pytest.mark.parametrize("coding", sorted(ENCODERS))
async def test_encoded_body_decoded(serve: Serve, coding: str) -> None:
    base = await serve(ROUTES)
    async with make_client(allow_private=True) as client:
        result = await fetch(client, f"{base}/encoded/{coding}", allow_private=True)
    assert result.body == FEED
    assert result.headers["content-encoding"] == coding


async def test_undecodable_body_is_feed_error(serve: Serve) -> None:
    base = await serve(ROUTES)
    async with make_client(allow_private=True) as client:
        with pytest.raises(FeedError, match=r"/corrupt: could not decode the gzip body$"):
            await fetch(client, f"{base}/corrupt", allow_private=True)


async def test_empty_body_returned(serve: Serve) -> None:
    base = await serve(ROUTES)
    async with make_client(allow_private=True) as client:
        result = await fetch(client, f"{base}/empty", allow_private=True)
    assert (result.status, result.body) == (200, b"")


@pytest.mark.parametrize(("path", "reason"), [("/slow", "0.3 s"), ("/drip", "0.9 s")])
async def test_slow_server_times_out(serve: Serve, path: str, reason: str) -> None:
    base = await serve(ROUTES)
    started = time.monotonic()
    async with make_client(allow_private=True, timeout=0.3) as client:
        with pytest.raises(FeedError, match=f": timed out after {reason}$"):
            await fetch(client, base + path, allow_private=True)
    assert time.monotonic() - started < 2.0


async def test_redirects_followed(serve: Serve) -> None:
    base = await serve(ROUTES)
    async with make_client(allow_private=True) as client:
        result = await fetch(client, f"{base}/hop/{MAX_REDIRECTS - 1}", allow_private=True)
    assert (result.url, result.body) == (f"{base}/feed", FEED)


@pytest.mark.parametrize("path", [f"/hop/{MAX_REDIRECTS}", "/loop"])
async def test_too_many_redirects(serve: Serve, path: str) -> None:
    base = await serve(ROUTES)
    url = base + path
    async with make_client(allow_private=True) as client:
        with pytest.raises(FeedError) as caught:
            await fetch(client, url, allow_private=True)
    assert str(caught.value) == f"{url}: too many redirects (more than {MAX_REDIRECTS})"


async def stalled_dns(host: str, port: int) -> list[str]:
    """A resolver that never answers in time."""
    await asyncio.sleep(10)
    return ["127.0.0.1"]


async def test_connect_timeout_is_its_own_error() -> None:
    transport = GuardedTransport(allow_private=True, resolver=stalled_dns)
    started = time.monotonic()
    async with make_client(allow_private=True, timeout=0.3, transport=transport) as client:
        with pytest.raises(FeedError, match=r"/feed: could not connect within 0\.3 s$"):
            await fetch(client, "http://feed.test/feed", allow_private=True)
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize(("timeout", "connect"), [(7.5, 5.0), (2.0, 2.0)])
def test_client_settings(timeout: float, connect: float) -> None:
    client = make_client(allow_private=False, timeout=timeout)
    assert client.timeout == httpx.Timeout(timeout, connect=connect)
    assert (client.follow_redirects, client.max_redirects) == (True, MAX_REDIRECTS)
    assert client.trust_env is False
    assert client.headers["User-Agent"] == USER_AGENT
    assert client.headers["Accept-Encoding"] == ACCEPT_ENCODING


def closed_port() -> int:
    """Return a local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_connection_refused() -> None:
    url = f"http://127.0.0.1:{closed_port()}/feed"
    async with make_client(allow_private=True) as client:
        with pytest.raises(FeedError) as caught:
            await fetch(client, url, allow_private=True)
    assert str(caught.value).startswith(f"{url}: could not connect (ConnectError")


@pytest.mark.parametrize(
    ("codes", "moved"),
    [((301,), True), ((308,), True), ((301, 308), True), ((302,), False), ((301, 307), False)],
)
async def test_permanent_url_only_when_every_hop_is_permanent(
    serve: Serve, codes: tuple[int, ...], moved: bool
) -> None:
    async def hop(request: web.Request) -> web.Response:
        step = int(request.match_info["step"])
        target = "/final.xml" if step + 1 == len(codes) else f"/hop/{step + 1}"
        return web.Response(status=codes[step], headers={"Location": target})

    async def final(request: web.Request) -> web.Response:
        return web.Response(body=b"<rss/>", content_type="application/rss+xml")

    base = await serve([web.get("/hop/{step}", hop), web.get("/final.xml", final)])
    async with make_client(allow_private=True) as client:
        result = await fetch(client, f"{base}/hop/0", allow_private=True)
    assert result.url == f"{base}/final.xml"
    assert result.permanent_url == (f"{base}/final.xml" if moved else None)


async def test_error_status_carries_retry_after(serve: Serve) -> None:
    async def busy(request: web.Request) -> web.Response:
        return web.Response(status=429, headers={"Retry-After": "120"})

    base = await serve([web.get("/busy.xml", busy)])
    async with make_client(allow_private=True) as client:
        with pytest.raises(FeedError) as caught:
            await fetch(client, f"{base}/busy.xml", allow_private=True)
    assert caught.value.headers.get("retry-after") == "120"
