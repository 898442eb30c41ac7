"""A tiny aiohttp server on 127.0.0.1 as the fake web, a fake DNS, and the fixture loader."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

DATA = Path(__file__).parent / "data"

Serve = Callable[[list[web.RouteDef]], Awaitable[str]]


def data_file(name: str) -> bytes:
    """Return the bytes of a fixture file in tests/feeds/data."""
    return (DATA / name).read_bytes()


@pytest.fixture
async def serve() -> AsyncIterator[Serve]:
    """Yield a function that serves `routes` on 127.0.0.1 and returns the base URL."""
    runners: list[web.AppRunner] = []

    async def start(routes: list[web.RouteDef]) -> str:
        app = web.Application()
        app.add_routes(routes)
        # Cancel handlers whose client went away, so slow handlers do not delay teardown.
        runner = web.AppRunner(app, shutdown_timeout=1.0, handler_cancellation=True)
        await runner.setup()
        runners.append(runner)
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        host, port = runner.addresses[0][:2]
        return f"http://{host}:{port}"

    yield start
    for runner in runners:
        await runner.cleanup()


# getaddrinfo rows: (family, type, proto, canonname, sockaddr)
AddrInfo = tuple[int, int, int, str, tuple[Any, ...]]


class FakeDNS:
    """Answer names from a script, one answer per lookup (the last repeats); pass others on.

    Use `resolve` as a `feeds.transport.Resolver`, or the `fake_dns` fixture to answer the
    event loop's getaddrinfo, which both `feeds.guard` and the default resolver call.
    """

    def __init__(self, real: Callable[..., Awaitable[Any]] | None = None) -> None:
        self._real = real
        self._script: dict[str, list[list[str]]] = {}
        self.asked: list[str] = []

    def answer(self, name: str, *answers: list[str]) -> None:
        """Make successive lookups of `name` return `answers` in turn."""
        self._script[name] = list(answers)

    async def resolve(self, host: str, port: int) -> list[str]:
        """Return the next scripted answer for `host`; unknown names do not exist."""
        self.asked.append(host)
        script = self._script.get(host)
        if script is None:
            raise socket.gaierror(socket.EAI_NONAME, f"fake DNS: no such name {host!r}")
        return script.pop(0) if len(script) > 1 else script[0]

    async def getaddrinfo(self, host: Any, port: Any, **kwargs: Any) -> list[AddrInfo]:
        """Stand in for loop.getaddrinfo: scripted names here, anything else (IPs) real."""
        if host not in self._script and self._real is not None:
            real: list[AddrInfo] = await self._real(host, port, **kwargs)
            return real
        return [_row(address, int(port or 0)) for address in await self.resolve(host, port)]


def _row(address: str, port: int) -> AddrInfo:
    if ipaddress.ip_address(address.split("%", 1)[0]).version == 6:
        return (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))


@pytest.fixture
async def fake_dns(monkeypatch: pytest.MonkeyPatch) -> FakeDNS:
    """Answer this test's event loop getaddrinfo from a FakeDNS script."""
    loop = asyncio.get_running_loop()
    dns = FakeDNS(loop.getaddrinfo)
    monkeypatch.setattr(loop, "getaddrinfo", dns.getaddrinfo)
    return dns
