"""fetch against a local aiohttp server: validators, errors, caps, timeouts, redirects."""

from __future__ import annotations

import asyncio
import socket
import time

import httpx
import pytest
from aiohttp import web

from feeds.errors import FeedError
from feeds.http import MAX_REDIRECTS, USER_AGENT, fetch, make_client
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
    """Answer after 5 s."""
    await asyncio.sleep(5)
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


async def to_private(request: web.Request) -> web.Response:
    """Redirect to a link-local address (cloud metadata)."""
    raise web.HTTPFound("http://169.254.169.254/latest/meta-data/")


ROUTES = [
    web.get("/feed", conditional),
    web.get("/since", since),
    web.get("/status/{code}", fail),
    web.get("/big", big),
    web.get("/big-chunked", big_chunked),
    web.get("/slow", slow),
    web.get("/drip", drip),
    web.get("/hop/{n}", hop),
    web.get("/to-private", to_private),
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


async def test_too_many_redirects(serve: Serve) -> None:
    base = await serve(ROUTES)
    url = f"{base}/hop/{MAX_REDIRECTS}"
    async with make_client(allow_private=True) as client:
        with pytest.raises(FeedError) as caught:
            await fetch(client, url, allow_private=True)
    assert str(caught.value) == f"{url}: too many redirects (more than {MAX_REDIRECTS})"


async def test_private_url_refused_before_connecting(serve: Serve) -> None:
    base = await serve(ROUTES)
    async with make_client(allow_private=False) as client:
        with pytest.raises(FeedError, match=r"/feed: refused: address 127\.0\.0\.1 is private$"):
            await fetch(client, f"{base}/feed", allow_private=False)


PUBLIC_FEED = "http://93.184.216.34/feed"
METADATA = "http://169.254.169.254/latest/meta-data/"


def redirecting_transport(seen: list[str]) -> httpx.MockTransport:
    """Return a network-free transport whose every answer redirects to METADATA."""

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": METADATA})

    return httpx.MockTransport(answer)


async def test_redirect_hop_to_private_address_refused() -> None:
    seen: list[str] = []
    transport = redirecting_transport(seen)
    async with make_client(allow_private=False, transport=transport) as client:
        with pytest.raises(FeedError) as caught:
            await fetch(client, PUBLIC_FEED, allow_private=False)
    assert str(caught.value) == f"{METADATA}: refused: address 169.254.169.254 is private"
    assert seen == [PUBLIC_FEED]


async def test_client_guards_hops_when_used_directly() -> None:
    seen: list[str] = []
    transport = redirecting_transport(seen)
    async with make_client(allow_private=False, transport=transport) as client:
        with pytest.raises(FeedError, match=r"refused: address 169\.254\.169\.254 is private"):
            await client.get(PUBLIC_FEED)
    assert seen == [PUBLIC_FEED]


def test_client_settings() -> None:
    client = make_client(allow_private=False, timeout=7.5)
    assert client.timeout == httpx.Timeout(7.5)
    assert (client.follow_redirects, client.max_redirects) == (True, MAX_REDIRECTS)
    assert client.trust_env is False
    assert client.headers["User-Agent"] == USER_AGENT


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
