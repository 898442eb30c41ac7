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


async def ok(request: web.Request) -> web.Response:
    """Answer "ok" and close the connection, so the next request dials (and is checked) anew."""
    response = web.Response(text="ok")
    response.force_close()
    return response


async def to_internal(request: web.Request) -> web.Response:
    """Redirect to a name that resolves to a private address."""
    raise web.HTTPFound("http://internal.example/admin")


class LoopbackNetwork(httpcore.AsyncNetworkBackend):
    """The network edge: record each dialled address, refuse `down` ones, and carry every
    other dial over a real socket to the test server on 127.0.0.1 (public addresses cannot
    be reached from a test)."""

    def __init__(self, port: int, *, down: Iterable[str] = ()) -> None:
        self.port = port
        self.down = set(down)
        self.dials: list[str] = []
        self.tls_names: list[str | None] = []
        self._real = httpcore.AnyIOBackend()

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
        stream = await self._real.connect_tcp("127.0.0.1", self.port, timeout=timeout)
        return TlsNameRecorder(self, stream)

    async def sleep(self, seconds: float) -> None:
        await self._real.sleep(seconds)


class TlsNameRecorder(httpcore.AsyncNetworkStream):
    """A real connection that notes the name TLS is started for."""

    def __init__(self, network: LoopbackNetwork, stream: httpcore.AsyncNetworkStream) -> None:
        self._network = network
        self._stream = stream

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109
        return await self._stream.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109
        await self._stream.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
    ) -> httpcore.AsyncNetworkStream:
        self._network.tls_names.append(server_hostname)
        return await self._stream.start_tls(ssl_context, server_hostname, timeout)

    def get_extra_info(self, info: str) -> object:
        return self._stream.get_extra_info(info)


@pytest.fixture
async def network(serve: Serve) -> LoopbackNetwork:
    """Return the network edge, routed to a server answering /rss and /to-internal."""
    base = await serve([web.get("/rss", ok), web.get("/to-internal", to_internal)])
    return LoopbackNetwork(int(base.rsplit(":", 1)[1]))


def client_for(
    resolver: Resolver, network: LoopbackNetwork | None = None, *, allow_private: bool = False
) -> httpx.AsyncClient:
    """Return a client over GuardedTransport with the given DNS and network edge."""
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
async def test_non_public_answer_refused_before_dialling(
    answers: list[str], shown: str, network: LoopbackNetwork
) -> None:
    dns = FakeDNS()
    dns.answer("feed.example", answers)
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
    allow_private: bool, answers: list[str], dialled: str, network: LoopbackNetwork
) -> None:
    dns = FakeDNS()
    dns.answer("feed.example", answers)
    async with client_for(dns.resolve, network, allow_private=allow_private) as client:
        response = await client.get("http://feed.example/rss")
    assert (response.status_code, response.text) == (200, "ok")
    assert network.dials == [dialled]


async def test_tls_is_for_the_name_while_the_ip_is_dialled(network: LoopbackNetwork) -> None:
    dns = FakeDNS()
    dns.answer("feed.example", [PUBLIC])
    async with client_for(dns.resolve, network) as client:
        # The test server speaks plain HTTP, so the handshake itself fails; what matters is
        # whom it was started for.
        with pytest.raises(httpx.ConnectError):
            await client.get("https://feed.example/rss")
    assert (network.dials, network.tls_names) == ([PUBLIC], ["feed.example"])


async def test_dns_rebinding_refused_on_the_next_connection(network: LoopbackNetwork) -> None:
    dns = FakeDNS()
    dns.answer("feed.example", [PUBLIC], ["127.0.0.1"])
    async with client_for(dns.resolve, network) as client:
        first = await client.get("http://feed.example/rss")
        # The server closed the connection, so this opens (and checks) a new one.
        with pytest.raises(FeedError, match=r"refused: address 127\.0\.0\.1 is private$"):
            await client.get("http://feed.example/rss")
    assert first.status_code == 200
    assert (dns.asked, network.dials) == (["feed.example"] * 2, [PUBLIC])


async def test_redirect_to_private_name_refused_at_connect(network: LoopbackNetwork) -> None:
    dns = FakeDNS()
    dns.answer("feed.example", [PUBLIC])
    dns.answer("internal.example", ["10.0.0.1"])
    async with client_for(dns.resolve, network) as client:
        with pytest.raises(FeedError) as caught:
            await client.get("http://feed.example/to-internal")
    assert (
        str(caught.value) == "http://internal.example/admin: refused: address 10.0.0.1 is private"
    )
    assert network.dials == [PUBLIC]


async def test_next_address_tried_when_one_is_down(network: LoopbackNetwork) -> None:
    dns = FakeDNS()
    dns.answer("feed.example", [PUBLIC, PUBLIC_2])
    network.down.add(PUBLIC)
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
    resolver: Resolver, error: type[httpx.HTTPError], message: str, network: LoopbackNetwork
) -> None:
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
