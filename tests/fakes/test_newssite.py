"""The fake news site serves realistic feeds and pages, with caching and breakage on demand."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import feedparser
import httpx
import pytest
import trafilatura

from tests.fakes.articletext import Block, parse_article_text
from tests.fakes.newssite import (
    SOURCES,
    Item,
    NewsSite,
    article_item_and_page,
    data_bytes,
    seed_item_and_page,
)

SEED_TITLE = "Tránh qua loa, đại khái trong học tập các chủ trương, chỉ thị của Đảng"


def new_item(slug: str = "tin-moi", title: str = "Tin mới về giá lúa") -> Item:
    return Item(title, slug, "Giá lúa tăng 5%.", datetime(2024, 6, 1, 8, 0, tzinfo=UTC), slug)


@pytest.fixture
async def client(news_site: NewsSite) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=news_site.url, timeout=5) as http:
        yield http


async def test_rss_feed_parses_with_links_to_local_pages(news_site: NewsSite) -> None:
    async with httpx.AsyncClient() as http:
        response = await http.get(news_site.feed_url("baonghean"))
    assert response.headers["content-type"].startswith("application/rss+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo
    (entry,) = parsed.entries
    assert entry.title == SEED_TITLE and entry.id == "baonghean-2019-12-25"
    assert entry.link.startswith(news_site.url + "/articles/tranh-qua-loa-dai-khai")
    assert "<img" in entry.summary, "Vietnamese-style description: thumbnail + sapo"
    assert "(Baonghean.vn) - Phát biểu chỉ đạo" in entry.summary
    year, month, day, hour, minute, second = entry.published_parsed[:6]
    published = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    assert published > datetime.now(UTC) - timedelta(days=1), "listed as today's news"


async def test_atom_feed_parses(news_site: NewsSite) -> None:
    async with httpx.AsyncClient() as http:
        response = await http.get(news_site.feed_url("english", kind="atom"))
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo and parsed.version == "atom10"
    (entry,) = parsed.entries
    assert entry.title == "Riverton council approves $12.5 million flood defence plan"
    assert entry.summary.startswith("RIVERTON — The city council")
    assert entry.author == "Dana Whitfield"


async def test_etag_and_last_modified_give_304_until_the_feed_changes(
    news_site: NewsSite, client: httpx.AsyncClient
) -> None:
    path = "/feeds/baonghean.rss"
    first = await client.get(path)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    by_etag = await client.get(path, headers={"If-None-Match": etag})
    by_date = await client.get(path, headers={"If-Modified-Since": modified})
    stale_etag = await client.get(
        path, headers={"If-None-Match": '"old"', "If-Modified-Since": modified}
    )
    assert (first.status_code, by_etag.status_code, by_date.status_code) == (200, 304, 304)
    assert stale_etag.status_code == 200, "If-None-Match wins over If-Modified-Since"
    assert by_etag.content == b"" and by_etag.headers["etag"] == etag
    news_site.add_item("baonghean", new_item())
    changed = await client.get(path, headers={"If-None-Match": etag, "If-Modified-Since": modified})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert len(feedparser.parse(changed.content).entries) == 2
    assert news_site.hits[path] == 5


async def test_seed_page_looks_like_a_vietnamese_news_page(
    news_site: NewsSite, client: httpx.AsyncClient
) -> None:
    (entry,) = feedparser.parse((await client.get("/feeds/baonghean.rss")).content).entries
    page = (await client.get(entry.link)).text
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", page)
    assert len(captions) == 6 and all(c.endswith("Ảnh: Mai Hoa") for c in captions)
    og = re.search(r'<meta property="og:description" content="([^"]*)"', page)
    assert og is not None and og.group(1).startswith("(Baonghean.vn) - Phát biểu chỉ đạo")
    assert f'<h1 class="article__title">{SEED_TITLE}</h1>' in page
    assert re.findall(r"<h2>(.*?)</h2>", page) == [
        "Đổi mới lãnh đạo, chỉ đạo",
        "Tránh qua loa trong học tập các nghị quyết, chỉ thị",
    ]
    for chrome in ('<nav class="menu">', "breadcrumbs", "Tin liên quan", "Tin mới", "Bình luận"):
        assert chrome in page
    assert "&quot;Nếu không thấm nhuần" in page


async def test_seed_page_body_is_extractable() -> None:
    _, page = seed_item_and_page()
    text = trafilatura.extract(page, include_comments=False) or ""
    assert "kết nạp 152 đảng viên mới" in text
    assert "Nếu không thấm nhuần các chủ trương" in text


@pytest.mark.parametrize(
    ("text", "sapo", "blocks"),
    [
        ("T\n\nSapo.\nBody one.\n", "Sapo.", [Block("p", "Body one.")]),
        ("T\nSapo.\n\nA heading\n\nTin mới", "Sapo.", [Block("h2", "A heading")]),
        (
            "T\n\nS.\n\nAlt text. Ảnh: Mai Hoa\nThe caption. Ảnh: Mai Hoa\n",
            "S.",
            [Block("photo", "The caption. Ảnh: Mai Hoa", alt="Alt text. Ảnh: Mai Hoa")],
        ),
        (
            "T\n\nS.\n\nOne. Photo: Ann Lee\n\nTwo. Photo: Ann Lee",
            "S.",
            [
                Block("photo", "One. Photo: Ann Lee", "One. Photo: Ann Lee"),
                Block("photo", "Two. Photo: Ann Lee", "Two. Photo: Ann Lee"),
            ],
        ),
        ("T\n\nS.\n\n" + "long " * 30 + "\n", "S.", [Block("p", ("long " * 30).strip())]),
    ],
)
def test_article_text_rules(text: str, sapo: str, blocks: list[Block]) -> None:
    article = parse_article_text(text)
    assert (article.title, article.sapo, list(article.blocks)) == ("T", sapo, blocks)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_source_has_a_sapo_captions_and_a_related_marker(name: str) -> None:
    item, page = article_item_and_page(name, site_url="http://127.0.0.1:1")
    article = parse_article_text(SOURCES[name].path.read_text(encoding="utf-8"))
    assert item.description == article.sapo and item.slug in page
    assert any(block.kind == "photo" for block in article.blocks)
    assert article.related_marker in {"Tin mới", "Related"}
    assert "<figcaption>" in page and page.count("<h1") == 1


async def test_overrides_status_body_redirect(
    news_site: NewsSite, client: httpx.AsyncClient
) -> None:
    news_site.set_status("/feeds/english.rss", 503)
    news_site.set_body(news_site.feed_url("broken"), data_bytes("malformed.xml"), "text/xml")
    news_site.set_redirect("/old.rss", "/feeds/baonghean.rss", status=301)
    assert (await client.get("/feeds/english.rss")).status_code == 503
    broken = await client.get("/feeds/broken.rss")
    assert feedparser.parse(broken.content).bozo
    moved = await client.get("/old.rss")
    assert moved.status_code == 301 and moved.headers["location"] == "/feeds/baonghean.rss"
    assert (await client.get("/articles/missing.html")).status_code == 404
    news_site.clear_overrides("/feeds/english.rss")
    assert (await client.get("/feeds/english.rss")).status_code == 200


async def test_delay_times_out_a_client_and_stop_cuts_it_short() -> None:
    site = NewsSite()
    await site.start()
    site.add_item("slow", new_item())
    site.set_delay("/feeds/slow.rss", 30)
    async with httpx.AsyncClient(timeout=0.3) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.get(site.feed_url("slow"))
        pending = asyncio.create_task(http.get(site.feed_url("slow"), timeout=10))
        await asyncio.sleep(0.2)
        await asyncio.wait_for(site.stop(), 3)
        await asyncio.wait_for(asyncio.gather(pending, return_exceptions=True), 3)
    assert site.hits["/feeds/slow.rss"] == 2


async def test_added_item_gets_a_generated_page(
    news_site: NewsSite, client: httpx.AsyncClient
) -> None:
    news_site.add_item("baonghean", new_item("gia-lua"))
    page = (await client.get("/articles/gia-lua.html")).text
    assert '<h1 class="article__title">Tin mới về giá lúa</h1>' in page
    assert 'content="Giá lúa tăng 5%."' in page
