"""Pytest fixtures for the fakes at the edges: a Bot API server and a news site."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import NewsSite, english_item_and_page, seed_item_and_page


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotAPI]:
    """Yield a started fake Bot API; PTB's base_url is f"{bot_api.url}/bot"."""
    api = FakeBotAPI()
    await api.start()
    try:
        yield api
    finally:
        await api.stop()


@pytest.fixture
async def news_site() -> AsyncIterator[NewsSite]:
    """Yield a started news site: feed "baonghean" (the seed article) and feed "english".

    Both items are listed as published in the last hours (the English one last), as on a
    live news site: a digest leaves out a feed's back catalogue (`digest.window`).
    """
    site = NewsSite()
    await site.start()
    now = datetime.now(UTC).replace(microsecond=0)
    seed, seed_page = seed_item_and_page(site_url=site.url)
    seed = replace(seed, published=now - timedelta(hours=2))
    site.add_feed("baonghean", title="Báo Nghệ An", language="vi", image_in_description=True)
    site.add_item("baonghean", seed, page_html=seed_page)
    english, english_page = english_item_and_page(site_url=site.url)
    english = replace(english, published=now - timedelta(hours=1))
    site.add_feed("english", title="Riverton Herald", language="en")
    site.add_item("english", english, page_html=english_page)
    try:
        yield site
    finally:
        await site.stop()
