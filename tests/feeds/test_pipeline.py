"""The pipeline against a local server: page text first, the feed's text as fallback."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from digest.models import Card
from feeds.http import make_client
from feeds.models import ArticleDraft, FeedEntry
from feeds.pipeline import MAX_LEAD_CHARS, build_article, build_articles, fetch_feed_once
from tests.feeds.conftest import Serve, data_file

OG_DESCRIPTION = (
    "(BVD) - Sáng 25/12, cầu Hưng Đức bắc qua sông Lam chính thức thông xe, rút ngắn"
    " quãng đường từ trung tâm thành phố sang huyện Hưng Nguyên khoảng 7 km."
)


def html(name: str) -> web.Response:
    """Serve a fixture file as an HTML page."""
    return web.Response(body=data_file(name), content_type="text/html", charset="utf-8")


async def feed(request: web.Request) -> web.Response:
    """Serve the pipeline feed."""
    return web.Response(body=data_file("pipeline_feed.xml"), content_type="application/rss+xml")


async def article(request: web.Request) -> web.Response:
    """Serve the full Vietnamese article page."""
    return html("article_vi.html")


async def thin(request: web.Request) -> web.Response:
    """Serve a page with a single short paragraph."""
    page = "<html><body><article><p>Chỉ một câu ngắn.</p></article></body></html>"
    return web.Response(text=page, content_type="text/html")


async def pdf(request: web.Request) -> web.Response:
    """Serve a non-HTML document."""
    return web.Response(body=b"%PDF-1.7 ...", content_type="application/pdf")


ROUTES = [
    web.get("/feed.xml", feed),
    web.get("/article.html", article),
    web.get("/thin.html", thin),
    web.get("/report.pdf", pdf),
]


async def drafts_by_key(serve: Serve, *, fetch_pages: bool = True) -> dict[str, ArticleDraft]:
    """Run fetch_feed_once on the local feed and index the drafts by entry key."""
    base = await serve(ROUTES)

    async with make_client(allow_private=True) as client:
        parsed, drafts = await fetch_feed_once(
            client, f"{base}/feed.xml", allow_private=True, fetch_pages=fetch_pages
        )
    assert parsed.title == "Báo Ví Dụ - Kinh tế"
    assert [draft.entry for draft in drafts] == list(parsed.entries)
    return {draft.entry.key: draft for draft in drafts}


async def test_draft_has_page_text(serve: Serve) -> None:
    draft = (await drafts_by_key(serve))["page-ok"]
    assert draft.text.startswith("Công trình cầu Hưng Đức có tổng mức đầu tư 1.234,5 tỷ đồng")
    assert "Tin liên quan" not in draft.text
    # The feed's short description is the sapo.
    assert draft.lead == "Sáng 25/12, cầu Hưng Đức bắc qua sông Lam chính thức thông xe."
    assert isinstance(draft.card, Card)
    assert draft.card.headline


@pytest.mark.parametrize(
    ("key", "text"),
    [
        (
            "page-404",
            "Giá lúa tại các tỉnh miền Tây tăng 500 đồng/kg so với tuần trước."
            " “Thương lái thu mua mạnh”, bà Lan cho biết.",
        ),
        (
            "page-thin",
            "Đoạn một của nội dung đầy đủ trong nguồn tin.\n"
            "Đoạn hai của nội dung đầy đủ trong nguồn tin.",
        ),
        ("page-pdf", "Báo cáo tổng kết năm, bản PDF."),
    ],
)
async def test_falls_back_to_feed_text(serve: Serve, key: str, text: str) -> None:
    draft = (await drafts_by_key(serve))[key]
    assert draft.text == text
    assert isinstance(draft.card, Card)


async def test_no_page_fetch_uses_feed_text(serve: Serve) -> None:
    draft = (await drafts_by_key(serve, fetch_pages=False))["page-ok"]
    assert draft.text == "Sáng 25/12, cầu Hưng Đức bắc qua sông Lam chính thức thông xe."


def entry(key: str, url: str | None, summary: str = "", content: str = "") -> FeedEntry:
    """Return a feed entry with the given link and texts."""
    return FeedEntry(
        key=key,
        url=url,
        title=f"Tiêu đề {key}",
        published=None,
        summary=summary,
        content=content,
        author=None,
    )


async def test_long_summary_gives_way_to_og_description(serve: Serve) -> None:
    base = await serve(ROUTES)
    long_summary = "Một đoạn tóm tắt rất dài của nguồn tin. " * 20
    assert len(long_summary) > MAX_LEAD_CHARS

    async with make_client(allow_private=True) as client:
        draft = await build_article(
            client, entry("long", f"{base}/article.html", long_summary), allow_private=True
        )
    assert draft.lead == OG_DESCRIPTION


async def test_private_page_refused_falls_back(serve: Serve) -> None:
    base = await serve(ROUTES)

    async with make_client(allow_private=False) as client:
        draft = await build_article(
            client, entry("guarded", f"{base}/article.html", "Tóm tắt."), allow_private=False
        )
    assert (draft.text, draft.lead) == ("Tóm tắt.", "Tóm tắt.")


async def test_page_fetches_are_bounded_and_ordered(serve: Serve) -> None:
    in_flight = 0
    peak = 0

    async def slow_page(request: web.Request) -> web.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.05)
        in_flight -= 1
        return web.Response(text="<html><body><p>x</p></body></html>", content_type="text/html")

    base = await serve([web.get("/p/{n}", slow_page)])
    entries = [entry(str(n), f"{base}/p/{n}", f"Tóm tắt {n}.") for n in range(8)]

    async with make_client(allow_private=True) as client:
        drafts = await build_articles(client, entries, allow_private=True, concurrency=2)
    assert peak == 2
    assert [draft.entry for draft in drafts] == entries
    assert [draft.text for draft in drafts] == [f"Tóm tắt {n}." for n in range(8)]
