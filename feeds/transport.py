"""An httpx transport that checks the address each connection really dials (connect-time SSRF).

Rule order for every new TCP connection: resolve the host once (the injectable resolver; by
default the event loop's getaddrinfo), within the connect timeout → unless `allow_private`,
refuse the whole connection when *any* answer is not public (`guard.is_public`): a name that
mixes public and private answers is a DNS trick, and refusing it is the simplest safe rule →
dial the checked IP literals in order, never the name, so a second DNS answer (rebinding)
cannot differ from the one checked → for https, TLS still sends SNI and verifies the
certificate for the *name*: httpcore passes the URL's host to `start_tls(server_hostname=...)`
separately from the address `connect_tcp` was given. Kept-alive connections are reused only
for the same origin, so every connection in the pool went through this check once.

A refusal surfaces as `FeedError(url, "refused: address X is private")`, the wording of
`feeds.guard`, which still checks each URL before connecting for a fast, plain error.

Why this shape: httpx 0.28's `AsyncHTTPTransport` takes no network backend, and swapping its
private `_pool` would break silently on an upgrade. So `GuardedTransport` implements
`httpx.AsyncBaseTransport` (httpx's documented extension point) over an
`httpcore.AsyncConnectionPool(network_backend=...)` (a public httpcore parameter), converting
requests, responses and httpcore errors as httpx's own transport does. The backend uses
asyncio directly, which is the only event loop this bot runs on.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable, Iterator

import httpcore
import httpx

from feeds.errors import FeedError
from feeds.guard import is_public

# Answers the address texts `host` resolves to, as getaddrinfo would (the seam for DNS fakes).
Resolver = Callable[[str, int], Awaitable[list[str]]]
# Mirrors httpx's defaults, which a hand-built pool does not inherit.
LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)


class AddressRefused(Exception):
    """A connection would have reached a non-public address."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} resolves to non-public address {address}")
        self.host = host
        self.address = address


async def system_resolver(host: str, port: int) -> list[str]:
    """Resolve `host` with the event loop's getaddrinfo; return the addresses in its order."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def checked_addresses(host: str, answers: Iterable[str], *, allow_private: bool) -> list[str]:
    """Return the addresses to dial for `host`; raise AddressRefused if any is not public."""
    addresses = list(answers)
    if not addresses:
        raise httpcore.ConnectError(f"could not resolve host {host}")
    for address in addresses:
        # A link-local IPv6 answer may carry a "%zone" suffix: dial it as given, but judge
        # and name the bare address, as feeds.guard does.
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not allow_private and not is_public(ip):
            raise AddressRefused(host, str(ip))
    return addresses


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """A network backend that resolves, checks and then dials the checked IP literal."""

    def __init__(
        self,
        *,
        allow_private: bool,
        resolver: Resolver = system_resolver,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self._allow_private = allow_private
        self._resolver = resolver
        self._inner = inner if inner is not None else httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve `host`, refuse non-public answers, and connect to the first that answers."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        addresses = checked_addresses(
            host, await self._resolve(host, port, timeout), allow_private=self._allow_private
        )
        failure = httpcore.ConnectError(f"could not connect to {host}")
        for address in addresses:
            left = None if deadline is None else max(deadline - loop.time(), 0.0)
            try:
                return await self._inner.connect_tcp(
                    address,
                    port,
                    timeout=left,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:
                # Like a name-based connect, try the next address of a multi-homed host.
                failure = exc
        raise failure

    async def sleep(self, seconds: float) -> None:
        """Sleep between connect retries, as the wrapped backend does."""
        await self._inner.sleep(seconds)

    async def _resolve(self, host: str, port: int, within: float | None) -> list[str]:
        # The connect timeout covers the lookup too: a stalled resolver is a stalled connect.
        try:
            async with asyncio.timeout(within):
                return await self._resolver(host, port)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from exc
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"could not resolve host {host}") from exc


class GuardedTransport(httpx.AsyncBaseTransport):
    """An httpx transport whose every connection goes through a GuardedBackend."""

    def __init__(
        self,
        *,
        allow_private: bool,
        resolver: Resolver = system_resolver,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        backend = GuardedBackend(allow_private=allow_private, resolver=resolver, inner=inner)
        self._pool = httpcore.AsyncConnectionPool(
            # trust_env=False as on the client: no certificate paths from the environment.
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=LIMITS.max_connections,
            max_keepalive_connections=LIMITS.max_keepalive_connections,
            keepalive_expiry=LIMITS.keepalive_expiry,
            network_backend=backend,
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` through the guarded pool; map httpcore errors to httpx ones."""
        assert isinstance(request.stream, httpx.AsyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        try:
            with _httpx_errors():
                response = await self._pool.handle_async_request(core_request)
        except AddressRefused as exc:
            raise FeedError(str(request.url), f"refused: address {exc.address} is private") from exc
        assert isinstance(response.stream, AsyncIterable)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_ResponseStream(response.stream),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        """Close every pooled connection."""
        await self._pool.aclose()


class _ResponseStream(httpx.AsyncByteStream):
    def __init__(self, stream: AsyncIterable[bytes]) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        # Body reads fail with httpcore errors too (a read timeout mid-body, a cut connection).
        with _httpx_errors():
            async for part in self._stream:
                yield part

    async def aclose(self) -> None:
        closer = getattr(self._stream, "aclose", None)
        if closer is not None:
            await closer()


# Most specific first, so a ReadTimeout stays a ReadTimeout rather than a TimeoutException.
_ERRORS: list[tuple[type[Exception], type[httpx.TransportError]]] = [
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.ProxyError, httpx.ProxyError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
]


@contextlib.contextmanager
def _httpx_errors() -> Iterator[None]:
    try:
        yield
    except tuple(source for source, _ in _ERRORS) as exc:
        target = next(target for source, target in _ERRORS if isinstance(exc, source))
        raise target(str(exc)) from exc
