"""A fake news site on 127.0.0.1: RSS/Atom feeds and article pages, with HTTP caching.

Request order: the hit is counted; a delay set for the path is waited (cut short by stop());
then overrides win in this order: status, redirect, body; then feeds (/feeds/NAME.rss,
/feeds/NAME.atom), article pages (/articles/SLUG.html) and the home page are served with
ETag and Last-Modified, answering 304 to a matching If-None-Match or, only when no
If-None-Match was sent, to an If-Modified-Since not older than the resource (RFC 9110).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from html import escape
from typing import Literal

from aiohttp import web

from tests.fakes.articletext import ArticleText, Block
from tests.fakes.feedxml import Channel, Entry, atom, rss
from tests.fakes.newsdata import (
    DATA_DIR,
    SOURCES,
    Item,
    article_item_and_page,
    data_bytes,
    english_item_and_page,
    seed_item_and_page,
)
from tests.fakes.newspage import VI, render_article_page
from tests.fakes.server import LocalServer

__all__ = [
    "DATA_DIR",
    "SOURCES",
    "Item",
    "NewsSite",
    "article_item_and_page",
    "data_bytes",
    "english_item_and_page",
    "seed_item_and_page",
]

HTML = "text/html; charset=utf-8"
FEED_TYPES = {"rss": "application/rss+xml; charset=utf-8", "atom": "application/atom+xml"}


@dataclass
class _Feed:
    title: str
    language: str
    image_in_description: bool
    stamp: datetime
    items: list[Item] = field(default_factory=list)


@dataclass(frozen=True)
class _Resource:
    body: bytes
    content_type: str
    modified: datetime

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:20] + '"'


class NewsSite:
    """Feeds and article pages that tests publish to, break and slow down."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self._feeds: dict[str, _Feed] = {}
        self._pages: dict[str, _Resource] = {}
        self._last_stamp = datetime(2000, 1, 1, tzinfo=UTC)
        self._status: dict[str, int] = {}
        self._delay: dict[str, float] = {}
        self._body: dict[str, tuple[bytes, str]] = {}
        self._redirect: dict[str, tuple[str, int]] = {}
        self._closing = asyncio.Event()
        self._server = LocalServer([("*", "/{tail:.*}", self._handle)])

    @property
    def url(self) -> str:
        """Return the site's base URL, e.g. http://127.0.0.1:PORT."""
        return self._server.url

    async def start(self) -> None:
        """Start serving on a free loopback port."""
        await self._server.start()

    async def stop(self) -> None:
        """Cut pending delays short and stop serving."""
        self._closing.set()
        await self._server.stop()

    def feed_url(self, name: str, *, kind: Literal["rss", "atom"] = "rss") -> str:
        """Return the URL of a feed as RSS 2.0 or Atom."""
        return f"{self.url}/feeds/{name}.{kind}"

    def article_url(self, slug: str) -> str:
        """Return the URL of an article page."""
        return f"{self.url}/articles/{slug}.html"

    def add_feed(
        self, name: str, *, title: str, language: str = "vi", image_in_description: bool = False
    ) -> None:
        """Create an empty feed (add_item creates one with defaults when missing)."""
        self._feeds[name] = _Feed(title, language, image_in_description, self._next_stamp())

    def add_item(self, feed_name: str, item: Item, page_html: str | None = None) -> None:
        """Publish an item in a feed, with its page (a plain generated one by default)."""
        if feed_name not in self._feeds:
            self.add_feed(feed_name, title=feed_name)
        feed = self._feeds[feed_name]
        feed.items = [i for i in feed.items if i.slug != item.slug] + [item]
        feed.stamp = self._next_stamp()
        html = page_html if page_html is not None else self._plain_page(item)
        self._pages[f"/articles/{item.slug}.html"] = _Resource(
            html.encode(), HTML, self._next_stamp()
        )

    def set_status(self, path: str, status: int) -> None:
        """Answer every request for `path` with `status` and a short body."""
        self._status[self._path(path)] = status

    def set_delay(self, path: str, seconds: float) -> None:
        """Wait `seconds` before answering requests for `path`."""
        self._delay[self._path(path)] = seconds

    def set_body(self, path: str, body: bytes, content_type: str) -> None:
        """Serve `body` as-is (no validators) for `path`."""
        self._body[self._path(path)] = (body, content_type)

    def set_redirect(self, path: str, location: str, *, status: int = 302) -> None:
        """Redirect requests for `path` to `location`."""
        self._redirect[self._path(path)] = (location, status)

    def clear_overrides(self, path: str) -> None:
        """Drop every status, delay, body and redirect override of `path`."""
        key = self._path(path)
        self._status.pop(key, None)
        self._delay.pop(key, None)
        self._body.pop(key, None)
        self._redirect.pop(key, None)

    # ---- serving ---------------------------------------------------------------------------

    def _path(self, path_or_url: str) -> str:
        if self._server.port and path_or_url.startswith(self.url):
            path_or_url = path_or_url[len(self.url) :]
        return path_or_url.split("?", 1)[0]

    def _next_stamp(self) -> datetime:
        # Strictly increasing whole seconds, so If-Modified-Since sees every change.
        now = datetime.now(UTC).replace(microsecond=0)
        self._last_stamp = max(now, self._last_stamp + timedelta(seconds=1))
        return self._last_stamp

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.hits[path] += 1
        if path in self._delay:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._delay[path]):
                    await self._closing.wait()
        if path in self._status:
            status = self._status[path]
            return web.Response(status=status, text=f"status {status}\n")
        if path in self._redirect:
            location, status = self._redirect[path]
            return web.Response(status=status, headers={"Location": location})
        if path in self._body:
            body, content_type = self._body[path]
            return web.Response(body=body, headers={"Content-Type": content_type})
        resource = self._resource(path)
        if resource is None:
            return web.Response(
                status=404, text="<h1>404 Không tìm thấy trang</h1>", content_type="text/html"
            )
        return self._cached(request, resource)

    def _cached(self, request: web.Request, resource: _Resource) -> web.StreamResponse:
        headers = {"ETag": resource.etag, "Last-Modified": format_datetime(resource.modified, True)}
        if self._not_modified(request, resource):
            return web.Response(status=304, headers=headers)
        headers["Content-Type"] = resource.content_type
        return web.Response(body=resource.body, headers=headers)

    @staticmethod
    def _not_modified(request: web.Request, resource: _Resource) -> bool:
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or resource.etag in tags
        since = request.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            return resource.modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False

    def _resource(self, path: str) -> _Resource | None:
        if path in self._pages:
            return self._pages[path]
        if path == "/":
            return _Resource(self._home().encode(), HTML, self._last_stamp)
        name, _, kind = path.removeprefix("/feeds/").rpartition(".")
        feed = self._feeds.get(name) if path.startswith("/feeds/") else None
        if feed is None or kind not in FEED_TYPES:
            return None
        channel = Channel(
            feed.title, f"{self.url}/", f"{self.url}{path}", feed.language, feed.stamp
        )
        entries = [self._entry(item) for item in feed.items]
        entries.sort(key=lambda e: e.published, reverse=True)
        body = (
            rss(channel, entries, image_in_description=feed.image_in_description)
            if kind == "rss"
            else atom(channel, entries)
        )
        return _Resource(body, FEED_TYPES[kind], feed.stamp)

    def _entry(self, item: Item) -> Entry:
        return Entry(
            title=item.title,
            link=self.article_url(item.slug),
            description=item.description,
            published=item.published,
            guid=item.guid,
            author=item.author,
            image=f"{self.url}/images/{item.slug}.jpg",
        )

    def _home(self) -> str:
        links = "".join(
            f'<link rel="alternate" type="application/rss+xml" title="{escape(feed.title)}" '
            f'href="/feeds/{escape(name)}.rss">'
            for name, feed in self._feeds.items()
        )
        return f"<!DOCTYPE html><html><head>{links}</head><body><h1>Tin tức</h1></body></html>"

    def _plain_page(self, item: Item) -> str:
        article = ArticleText(item.title, item.description, (Block("p", item.description),), None)
        return render_article_page(
            article,
            page_url=self.article_url(item.slug) if self._server.port else f"/{item.slug}",
            image_url=f"/images/{item.slug}.jpg",
            published=item.published,
            author=item.author,
            labels=VI,
        )
