"""The SSRF guard refuses non-web schemes and non-public addresses, without DNS for literals;
fetch applies it to the URL and to every redirect hop before connecting."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest
from aiohttp import web

from feeds.errors import FeedError
from feeds.guard import check_url, check_url_async
from feeds.http import fetch, make_client
from tests.feeds.conftest import FakeDNS, Serve

PUBLIC_FEED = "http://93.184.216.34/feed"
METADATA = "http://169.254.169.254/latest/meta-data/"

REFUSED = [
    ("http://127.0.0.1/feed", "address 127.0.0.1 is private"),
    ("http://10.0.0.1/feed", "address 10.0.0.1 is private"),
    ("http://192.168.1.20:8080/rss", "address 192.168.1.20 is private"),
    ("http://169.254.1.1/latest/meta-data", "address 169.254.1.1 is private"),
    ("http://100.64.0.1/feed", "address 100.64.0.1 is private"),
    ("http://0.0.0.0/feed", "address 0.0.0.0 is private"),
    ("http://224.0.0.1/feed", "address 224.0.0.1 is private"),
    ("http://[::1]/feed", "address ::1 is private"),
    ("http://[::ffff:127.0.0.1]/feed", "address ::ffff:7f00:1 is private"),
    ("http://[fe80::1]/feed", "address fe80::1 is private"),
    ("ftp://93.184.216.34/feed.xml", "only http and https are allowed, not 'ftp'"),
    ("file:///etc/passwd", "only http and https are allowed, not 'file'"),
    ("javascript:alert(1)", "only http and https are allowed"),
    ("http:///no-host", "the URL has no host"),
]


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make any name resolution fail loudly: literal IPs must never reach DNS."""

    def refuse(*args: object, **kwargs: object) -> list[object]:
        raise AssertionError(f"DNS lookup attempted for {args[0]!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield


@pytest.mark.parametrize(("url", "reason"), REFUSED)
def test_refused(url: str, reason: str, no_dns: None) -> None:
    with pytest.raises(FeedError) as caught:
        check_url(url, allow_private=False)
    assert str(caught.value).startswith(f"{url}: refused: ")
    assert reason in str(caught.value)


@pytest.mark.parametrize(("url", "reason"), REFUSED)
async def test_refused_async(url: str, reason: str, no_dns: None) -> None:
    with pytest.raises(FeedError, match="refused") as caught:
        await check_url_async(url, allow_private=False)
    assert reason in caught.value.reason


@pytest.mark.parametrize(
    "url",
    [
        "http://93.184.216.34/feed",
        "https://93.184.216.34:8443/rss.xml?x=1",
        "https://[2606:2800:220:1:248:1893:25c8:1946]/feed",
    ],
)
async def test_public_literal_accepted_without_dns(url: str, no_dns: None) -> None:
    check_url(url, allow_private=False)
    await check_url_async(url, allow_private=False)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/feed", "http://[::1]/feed", "http://localhost/feed"]
)
async def test_allow_private_lets_local_through(url: str, no_dns: None) -> None:
    check_url(url, allow_private=True)
    await check_url_async(url, allow_private=True)


@pytest.mark.parametrize("allow_private", [True, False])
def test_scheme_refused_even_when_private_allowed(allow_private: bool) -> None:
    with pytest.raises(FeedError, match="only http and https"):
        check_url("gopher://127.0.0.1/", allow_private=allow_private)


async def test_name_resolving_to_loopback_refused() -> None:
    # "localhost" resolves from /etc/hosts, with no network.
    with pytest.raises(FeedError, match=r"http://localhost:9/feed: refused: address .* is private"):
        await check_url_async("http://localhost:9/feed", allow_private=False)


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1:{port}/feed", "127.0.0.1"),
        ("http://10.0.0.1/feed", "10.0.0.1"),
        ("http://[::1]:{port}/feed", "::1"),
    ],
)
async def test_private_url_refused_before_connecting(serve: Serve, url: str, address: str) -> None:
    hits: list[str] = []

    async def record(request: web.Request) -> web.Response:
        hits.append(request.path)
        return web.Response(text="feed")

    base = await serve([web.get("/feed", record)])
    url = url.format(port=base.rsplit(":", 1)[1])
    async with make_client(allow_private=False) as client:
        with pytest.raises(FeedError) as caught:
            await fetch(client, url, allow_private=False)
    assert str(caught.value) == f"{url}: refused: address {address} is private"
    assert hits == []


def redirecting_transport(seen: list[str], target: str) -> httpx.MockTransport:
    """Return a network-free transport whose every answer redirects to `target`."""

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": target})

    return httpx.MockTransport(answer)


@pytest.mark.parametrize(
    ("target", "address"),
    [(METADATA, "169.254.169.254"), ("http://internal.test/admin", "10.0.0.1")],
)
async def test_redirect_hop_to_private_address_refused(
    fake_dns: FakeDNS, target: str, address: str
) -> None:
    fake_dns.answer("internal.test", ["10.0.0.1"])
    seen: list[str] = []
    transport = redirecting_transport(seen, target)
    async with make_client(allow_private=False, transport=transport) as client:
        with pytest.raises(FeedError) as caught:
            await fetch(client, PUBLIC_FEED, allow_private=False)
    assert str(caught.value) == f"{target}: refused: address {address} is private"
    assert seen == [PUBLIC_FEED]
