"""Fetch feeds and pages with httpx, bounded in time, size and redirects.

Rule order for one fetch: guard the URL → send it with the cache validators → on a
redirect, close the answer unread, guard the next hop and repeat (at most
`MAX_REDIRECTS` hops) → 304 means "not modified" → any other non-2xx is an error → stream
the body, stopping as soon as it passes `max_bytes` → the whole fetch is also cut off
after `DEADLINE_FACTOR` times the client's timeout, since httpx only times single reads.
"""

from __future__ import annotations

import asyncio

import httpx

from feeds.errors import FeedError
from feeds.guard import check_url_async
from feeds.models import FetchResult

USER_AGENT = "newsbot/0.1 (+https://github.com/newsbot)"
MAX_REDIRECTS = 5
DEFAULT_MAX_BYTES = 5_000_000
DEADLINE_FACTOR = 3


def make_client(
    *,
    allow_private: bool,
    timeout: float = 10.0,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """Return an httpx client with explicit timeouts, bounded redirects and no proxy env."""

    async def guard_hop(request: httpx.Request) -> None:
        # A backstop for callers that use the client directly; `fetch` guards each hop itself.
        await check_url_async(str(request.url), allow_private=allow_private)

    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        trust_env=False,
        headers={"User-Agent": USER_AGENT},
        event_hooks={"request": [guard_hop]},
        # The seam for a transport that checks the peer address at connect time (and for
        # tests that must not touch the network).
        transport=transport,
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
    for _hop in range(MAX_REDIRECTS + 1):
        await check_url_async(str(request.url), allow_private=allow_private)
        # Redirects are followed by hand so a redirect's body is never read and every
        # hop is guarded with this call's `allow_private`.
        response = await client.send(request, stream=True, follow_redirects=False)
        try:
            if response.next_request is None:
                return await _read(response, url, max_bytes)
            request = response.next_request
        finally:
            await response.aclose()
    raise FeedError(url, f"too many redirects (more than {MAX_REDIRECTS})")


async def _read(response: httpx.Response, url: str, max_bytes: int) -> FetchResult:
    status = response.status_code
    if status != 304 and not 200 <= status < 300:
        raise FeedError(url, f"the server answered {status}")
    body = b"" if status == 304 else await _capped_body(response, url, max_bytes)
    headers = {name.lower(): value for name, value in response.headers.items()}
    return FetchResult(
        url=str(response.url),
        status=status,
        body=body,
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        headers=headers,
        not_modified=status == 304,
    )


async def _capped_body(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FeedError(url, f"larger than {_size(max_bytes)}")
    chunks: list[bytes] = []
    size = 0
    # aiter_bytes yields decompressed bytes, so a gzip bomb is capped too.
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FeedError(url, f"larger than {_size(max_bytes)}")
        chunks.append(chunk)
    return b"".join(chunks)


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
