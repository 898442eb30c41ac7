"""Fetch feeds and pages with httpx, bounded in time, size and redirects.

Rule order for one fetch: guard the URL (scheme, and the host's addresses when private ones
are not allowed) → send it with the cache validators; the client's transport checks the
address each new connection really dials (`feeds.transport`), which defeats DNS rebinding →
on a redirect, close the answer unread, guard the next hop and repeat (at most
`MAX_REDIRECTS` hops; when every hop was a 301/308 the final URL is reported as the feed's
new permanent URL) → 304 means "not modified" → any other non-2xx is an error carrying the
response headers (for Retry-After) → stream
the body, inflating gzip/deflate with a bounded output and stopping as soon as the decoded
size passes `max_bytes` (so neither an endless body nor a gzip bomb is held in memory) →
the whole fetch is also cut off after `DEADLINE_FACTOR` times the client's read timeout,
since httpx only times single reads. Connecting (DNS included) has its own, shorter timeout.
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Callable

import httpx

from feeds.errors import FeedError
from feeds.guard import check_url_async
from feeds.models import FetchResult
from feeds.transport import GuardedTransport

USER_AGENT = "newsbot/0.1 (+https://github.com/newsbot)"
MAX_REDIRECTS = 5
_PERMANENT = frozenset({301, 308})
DEFAULT_MAX_BYTES = 5_000_000
DEADLINE_FACTOR = 3
# A host that has not accepted a connection within this is not coming back in time; the
# read timeout may be longer for slow but live servers.
CONNECT_TIMEOUT = 5.0
# Only what `_inflater` can decode with a bounded output; httpx would also offer br/zstd
# when those packages happen to be installed.
ACCEPT_ENCODING = "gzip, deflate"
# zlib window bits: 31 expects a gzip wrapper, 15 a zlib one (RFC 9110's "deflate").
_WBITS = {"gzip": 31, "x-gzip": 31, "deflate": 15}

Inflate = Callable[[bytes, int], bytes]


def make_client(
    *,
    allow_private: bool,
    timeout: float = 10.0,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """Return an httpx client with explicit timeouts, bounded redirects and no proxy env.

    Unless a `transport` is given (tests), connections go through `GuardedTransport`, which
    refuses non-public peer addresses at connect time when `allow_private` is False; a
    custom transport replaces that check, leaving only `fetch`'s own guard on each hop.
    """
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT)),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        trust_env=False,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
        # The seam for tests that must not touch the network.
        transport=GuardedTransport(allow_private=allow_private) if transport is None else transport,
    )


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    allow_private: bool,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FetchResult:
    """GET `url` with conditional headers; raise FeedError on any failure."""
    per_read = client.timeout.read or 10.0
    deadline = per_read * DEADLINE_FACTOR
    headers = _validators(etag, last_modified)
    try:
        async with asyncio.timeout(deadline):
            return await _follow(client, url, headers, allow_private, max_bytes)
    except TimeoutError as exc:
        raise FeedError(url, f"timed out after {deadline:g} s") from exc
    except httpx.ConnectTimeout as exc:
        connect = client.timeout.connect or per_read
        raise FeedError(url, f"could not connect within {connect:g} s") from exc
    except httpx.TimeoutException as exc:
        raise FeedError(url, f"timed out after {per_read:g} s") from exc
    except httpx.InvalidURL as exc:
        raise FeedError(url, "refused: not a valid URL") from exc
    except httpx.HTTPError as exc:
        raise FeedError(url, f"could not connect ({_describe(exc)})") from exc


async def _follow(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    allow_private: bool,
    max_bytes: int,
) -> FetchResult:
    request = client.build_request("GET", url, headers=headers)
    permanent = True  # every hop so far was a 301/308: the feed itself has moved
    for _hop in range(MAX_REDIRECTS + 1):
        await check_url_async(str(request.url), allow_private=allow_private)
        # Redirects are followed by hand so a redirect's body is never read and every
        # hop is guarded with this call's `allow_private`.
        response = await client.send(request, stream=True, follow_redirects=False)
        try:
            if response.next_request is None:
                return await _read(response, url, max_bytes, moved=permanent and _hop > 0)
            permanent = permanent and response.status_code in _PERMANENT
            request = response.next_request
        finally:
            await response.aclose()
    raise FeedError(url, f"too many redirects (more than {MAX_REDIRECTS})")


async def _read(
    response: httpx.Response, url: str, max_bytes: int, *, moved: bool = False
) -> FetchResult:
    status = response.status_code
    headers = {name.lower(): value for name, value in response.headers.items()}
    if status != 304 and not 200 <= status < 300:
        # The headers go along so the scheduler can honour Retry-After on 429/503.
        raise FeedError(url, f"the server answered {status}", headers=headers)
    body = b"" if status == 304 else await _capped_body(response, url, max_bytes)
    return FetchResult(
        url=str(response.url),
        status=status,
        body=body,
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        headers=headers,
        not_modified=status == 304,
        permanent_url=str(response.url) if moved else None,
    )


async def _capped_body(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FeedError(url, f"larger than {_size(max_bytes)}")
    coding = response.headers.get("content-encoding", "").strip().lower()
    inflate = _inflater(coding)
    body = bytearray()
    try:
        # Raw bytes as sent: httpx's own decoders inflate a whole network read at once,
        # which for a gzip bomb is ~1000 times the read size before any cap could apply.
        async for raw in response.aiter_raw():
            body += inflate(raw, max_bytes - len(body))
            if len(body) > max_bytes:
                raise FeedError(url, f"larger than {_size(max_bytes)}")
    except zlib.error as exc:
        raise FeedError(url, f"could not decode the {coding} body") from exc
    return bytes(body)


def _inflater(coding: str) -> Inflate:
    """Return a decoder that yields at most `room + 1` bytes per call, so overflow shows."""
    wbits = _WBITS.get(coding)
    if wbits is None:
        # identity, or a coding we never asked for: hand the bytes over as httpx would.
        return lambda data, room: data
    decoder = zlib.decompressobj(wbits)
    # With a max_length, output shorter than it means zlib consumed all the input, so
    # nothing is left in `unconsumed_tail` to carry over to the next chunk.
    return lambda data, room: decoder.decompress(data, room + 1)


def _validators(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1_000:
        return f"{n / 1_000:g} kB"
    return f"{n} bytes"


def _describe(exc: httpx.HTTPError) -> str:
    detail = str(exc).strip()
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
