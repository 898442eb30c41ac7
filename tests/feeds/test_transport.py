"""GuardedTransport (make_client's default) checks the address each connection dials."""

from __future__ import annotations

import asyncio
import socket
import ssl
import time
from collections.abc import Iterable

import httpcore
import httpx
import pytest
from aiohttp import web

from feeds.errors import FeedError
from feeds.http import fetch, make_client
from feeds.transport import GuardedTransport, Resolver
from tests.feeds.conftest import FakeDNS, Serve

PUBLIC = "93.184.216.34"
PUBLIC_2 = "93.184.216.35"
PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946"
OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"


def redirect_to(url: str) -> bytes:
    """Return a canned 302 answer pointing at `url`."""
    return f"HTTP/1.1 302 Found\r\nLocation: {url}\r\nContent-Length: 0\r\n\r\n".encode()


class FakeNetwork(httpcore.AsyncNetworkBackend):
    """The network edge: record dials and TLS names, answer canned bytes, fail `down` hosts."""

    def __init__(self, replies: Iterable[bytes] = (OK,), down: Iterable[str] = ()) -> None:
        self.replies = list(replies)
        self.down = set(down)
        self.dials: list[str] = []
        self.tls_names: list[str | None] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.dials.append(host)
        if host in self.down:
            raise httpcore.ConnectError(f"{host} is down")
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        return FakeStream(self, [reply])


class FakeStream(httpcore.AsyncMockStream):
    """A canned connection that records the name TLS was started for."""

    def __init__(self, network: FakeNetwork, buffer: list[bytes]) -> None:
        super().__init__(buffer)
        self._network = network

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
    ) -> httpcore.AsyncNetworkStream:
        self._network.tls_names.append(server_hostname)
        return self


def client_for(
    resolver: Resolver, network: FakeNetwork | None = None, *, allow_private: bool = False
) -> httpx.AsyncClient:
    """Return a client over GuardedTransport with the given DNS and network fakes."""
    transport = GuardedTransport(allow_private=allow_private, resolver=resolver, inner=network)
    return httpx.AsyncClient(transport=transport, follow_redirects=True, timeout=1.0)


@pytest.mark.parametrize(
    ("answers", "shown"),
    [
        (["127.0.0.1"], "127.0.0.1"),
        (["10.0.0.1"], "10.0.0.1"),
        (["192.168.1.20"], "192.168.1.20"),
        (["169.254.169.254"], "169.254.169.254"),
        (["100.64.0.1"], "100.64.0.1"),
        (["0.0.0.0"], "0.0.0.0"),
        (["224.0.0.1"], "224.0.0.1"),
        (["::1"], "::1"),
        (["::ffff:127.0.0.1"], "::ffff:7f00:1"),
        (["fe80::1%eth0"], "fe80::1"),
        (["ff02::1"], "ff02::1"),
        # One private answer among public ones refuses the name: it is a DNS trick.
        ([PUBLIC, "10.0.0.1"], "10.0.0.1"),
    ],
)
async def test_non_public_answer_refused_before_dialling(answers: list[str], shown: str) -> None:
    dns = FakeDNS()
    dns.answer("feed.example", answers)
    network = FakeNetwork()
    async with client_for(dns.resolve, network) as client:
        with pytest.raises(FeedError) as caught:
            await client.get("http://feed.example/rss")
    assert str(caught.value) == f"http://feed.example/rss: refused: address {shown} is private"
    assert network.dials == []


@pytest.mark.parametrize(
    ("allow_private", "answers", "dialled"),
    [
        (False, [PUBLIC], PUBLIC),
        (False, [PUBLIC_V6, PUBLIC], PUBLIC_V6),
        (True, ["127.0.0.1"], "127.0.0.1"),
        (True, ["10.0.0.1", PUBLIC], "10.0.0.1"),
    ],
)
async def test_checked_address_dialled_not_the_name(
    allow_private: bool, answers: list[str], dialled: str
) -> None:
    dns = FakeDNS()
    dns.answer("feed.example", answers)
    network = FakeNetwork()
    async with client_for(dns.resolve, network, allow_private=allow_private) as client:
        response = await client.get("http://feed.example/rss")
    assert (response.status_code, response.text) == (200, "ok")
    assert network.dials == [dialled]


async def test_tls_is_for_the_name_while_the_ip_is_dialled() -> None:
    dns = FakeDNS()
    dns.answer("feed.example", [PUBLIC])
    network = FakeNetwork()
    async with client_for(dns.resolve, network) as client:
        response = await client.get("https://feed.example/rss")
    assert response.status_code == 200
    assert (network.dials, network.tls_names) == ([PUBLIC], ["feed.example"])


async def test_dns_rebinding_refused_on_the_next_connection() -> None:
    dns = FakeDNS()
    dns.answer("feed.example", [PUBLIC], ["127.0.0.1"])
    network = FakeNetwork()
    async with client_for(dns.resolve, network) as client:
        first = await client.get("http://feed.example/rss")
        # OK says "Connection: close", so this opens (and checks) a new connection.
        with pytest.raises(FeedError, match=r"refused: address 127\.0\.0\.1 is private$"):
            await client.get("http://feed.example/rss")
    assert first.status_code == 200
    assert (dns.asked, network.dials) == (["feed.example"] * 2, [PUBLIC])


async def test_redirect_to_private_name_refused_at_connect() -> None:
    dns = FakeDNS()
    dns.answer("feed.example", [PUBLIC])
    dns.answer("internal.example", ["10.0.0.1"])
    network = FakeNetwork([redirect_to("http://internal.example/admin")])
    async with client_for(dns.resolve, network) as client:
        with pytest.raises(FeedError) as caught:
            await client.get("http://feed.example/rss")
    assert (
        str(caught.value) == "http://internal.example/admin: refused: address 10.0.0.1 is private"
    )
    assert network.dials == [PUBLIC]


async def test_next_address_tried_when_one_is_down() -> None:
    dns = FakeDNS()
    dns.answer("feed.example", [PUBLIC, PUBLIC_2])
    network = FakeNetwork(down=[PUBLIC])
    async with client_for(dns.resolve, network) as client:
        response = await client.get("http://feed.example/rss")
    assert response.status_code == 200
    assert network.dials == [PUBLIC, PUBLIC_2]


async def stalled(host: str, port: int) -> list[str]:
    """A resolver that never answers in time."""
    await asyncio.sleep(10)
    return [PUBLIC]


async def nxdomain(host: str, port: int) -> list[str]:
    """A resolver for which no name exists."""
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


async def no_answer(host: str, port: int) -> list[str]:
    """A resolver that answers with no address at all."""
    return []


@pytest.mark.parametrize(
    ("resolver", "error", "message"),
    [
        (stalled, httpx.ConnectTimeout, "resolving feed.example timed out"),
        (nxdomain, httpx.ConnectError, "could not resolve host feed.example"),
        (no_answer, httpx.ConnectError, "could not resolve host feed.example"),
    ],
)
async def test_resolver_failure_is_a_connect_error(
    resolver: Resolver, error: type[httpx.HTTPError], message: str
) -> None:
    network = FakeNetwork()
    started = time.monotonic()
    transport = GuardedTransport(allow_private=False, resolver=resolver, inner=network)
    timeout = httpx.Timeout(1.0, connect=0.2)
    async with httpx.AsyncClient(transport=transport, timeout=timeout) as client:
        with pytest.raises(error, match=f"^{message}$"):
            await client.get("http://feed.example/rss")
    assert time.monotonic() - started < 2.0
    assert network.dials == []


async def echo_host(request: web.Request) -> web.Response:
    """Answer with the Host header the client sent."""
    return web.Response(text=request.headers["Host"])


async def test_real_connection_dials_the_resolved_ip(serve: Serve) -> None:
    base = await serve([web.get("/host", echo_host)])
    port = base.rsplit(":", 1)[1]
    dns = FakeDNS()
    dns.answer("feed.test", ["127.0.0.1"])
    async with client_for(dns.resolve, allow_private=True) as client:
        response = await client.get(f"http://feed.test:{port}/host")
    # "feed.test" exists only in the fake DNS, and the request still names it.
    assert response.text == f"feed.test:{port}"


async def test_dns_rebinding_refused_at_connect(fake_dns: FakeDNS) -> None:
    # Public when fetch checks the name, loopback when the connection is made.
    fake_dns.answer("rebind.test", [PUBLIC], ["127.0.0.1"])
    url = "http://rebind.test/feed"
    async with make_client(allow_private=False) as client:
        with pytest.raises(FeedError) as caught:
            await fetch(client, url, allow_private=False)
    assert str(caught.value) == f"{url}: refused: address 127.0.0.1 is private"
    assert fake_dns.asked == ["rebind.test", "rebind.test"]


async def test_default_transport_dials_what_dns_answered(serve: Serve, fake_dns: FakeDNS) -> None:
    base = await serve([web.get("/host", echo_host)])
    fake_dns.answer("feed.test", ["127.0.0.1"])
    port = base.rsplit(":", 1)[1]
    url = f"http://feed.test:{port}/host"
    async with make_client(allow_private=True) as client:
        result = await fetch(client, url, allow_private=True)
    assert result.body == f"feed.test:{port}".encode()
    assert fake_dns.asked == ["feed.test"]
