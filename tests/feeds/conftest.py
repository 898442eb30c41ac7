"""A tiny aiohttp server on 127.0.0.1 as the fake web, and the fixture-file loader."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

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
