"""`newsbot summarize` and `newsbot fetch` as a user runs them."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes.newssite import NewsSite

SEED = Path(__file__).parents[1] / "data" / "seed" / "baonghean-2019-12-25.txt"
HEADLINE = "Tránh qua loa, đại khái trong học tập các chủ trương, chỉ thị của Đảng"


def newsbot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def newsbot_async(*args: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode or 0, out.decode(), err.decode()


def test_summarize_txt_prints_the_seed_card() -> None:
    done = newsbot("summarize", str(SEED))
    assert done.returncode == 0, done.stderr
    assert HEADLINE in done.stdout
    assert "— Phó Bí thư Thường trực Tỉnh ủy Nguyễn Xuân Sơn" in done.stdout
    assert "• 152 đảng viên mới" in done.stdout


def test_summarize_json_has_the_card_shape() -> None:
    done = newsbot("summarize", "--json", str(SEED))
    (card,) = json.loads(done.stdout)
    assert set(card) == {"headline", "summary", "quote", "figures", "lang"}
    assert card["lang"] == "vi"
    assert [f["value"] for f in card["figures"]] == ["152", "837", "277", "71", "2", "7"]
    assert set(card["quote"]) == {"text", "speaker"}


def test_summarize_jsonl_keeps_ids_and_survives_bad_records(tmp_path: Path) -> None:
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    records = tmp_path / "records.jsonl"
    lines = [
        json.dumps({"id": "a", "title": title, "text": body, "url": "https://x.vn/a"}),
        "{not json",
        json.dumps({"id": "b", "text": "no title"}),
        json.dumps({"id": "c", "title": "Empty", "text": ""}),
    ]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = newsbot("summarize", "--jsonl", str(records))
    cards = [json.loads(line) for line in done.stdout.splitlines()]
    assert [c["id"] for c in cards] == ["a", "c"]
    assert cards[0]["headline"] == HEADLINE and cards[0]["url"] == "https://x.vn/a"
    assert cards[1]["headline"] == "Empty" and cards[1]["quote"] is None
    assert "records.jsonl:2" in done.stderr and "records.jsonl:3" in done.stderr
    assert done.returncode == 1


def test_summarize_html_page_drops_site_chrome_and_captions(tmp_path: Path) -> None:
    from tests.fakes.newssite import seed_item_and_page

    _, page = seed_item_and_page()
    path = tmp_path / "seed.html"
    path.write_text(page, encoding="utf-8")
    done = newsbot("summarize", "--json", str(path))
    (card,) = json.loads(done.stdout)
    assert card["headline"] == HEADLINE
    assert card["summary"].startswith("Phát biểu chỉ đạo tại hội nghị")
    assert "Ảnh:" not in json.dumps(card, ensure_ascii=False)


@pytest.mark.parametrize("missing", ["nope.txt", "nope.html"])
def test_summarize_missing_file_is_reported(missing: str) -> None:
    done = newsbot("summarize", missing)
    assert done.returncode == 1 and missing in done.stderr and "Traceback" not in done.stderr


async def test_fetch_prints_cards_and_reports_bad_feeds(news_site: NewsSite) -> None:
    news_site.set_status("/feeds/broken.rss", 500)
    broken = news_site.feed_url("broken")
    code, out, err = await newsbot_async(
        "fetch",
        "--json",
        "--allow-private",
        broken,
        news_site.feed_url("baonghean"),
        news_site.feed_url("english"),
    )
    cards = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert broken in err and "500" in err and "Traceback" not in err
    assert {c["headline"] for c in cards} >= {HEADLINE}
    seed = next(c for c in cards if c["headline"] == HEADLINE)
    assert seed["feed"] == news_site.feed_url("baonghean")
    assert seed["url"].startswith(news_site.url) and seed["published"]
    assert len(cards) == 2


async def test_fetch_survives_every_kind_of_bad_feed(news_site: NewsSite) -> None:
    laughs = (Path(__file__).parents[1] / "feeds" / "data" / "billion_laughs.xml").read_bytes()
    bad = {
        "/bad/page.rss": (b"<!doctype html><html><body>x</body></html>", "text/html"),
        "/bad/empty.rss": (b"", "application/rss+xml"),
        "/bad/junk.rss": (bytes(range(256)) * 40, "application/octet-stream"),
        "/bad/laughs.rss": (laughs, "application/rss+xml"),
        "/bad/json.rss": (
            b'{"version": "https://jsonfeed.org/version/1.1", "items": [',
            "application/json",
        ),
    }
    for path, (body, kind) in bad.items():
        news_site.set_body(path, body, kind)
    news_site.set_redirect("/bad/loop-a.rss", "/bad/loop-b.rss")
    news_site.set_redirect("/bad/loop-b.rss", "/bad/loop-a.rss")
    urls = [f"{news_site.url}{path}" for path in [*bad, "/bad/loop-a.rss"]]
    code, out, err = await newsbot_async(
        "fetch", "--json", "--allow-private", *urls, news_site.feed_url("english")
    )
    assert code == 1 and "Traceback" not in err
    assert sum(url in err for url in urls) >= len(urls) - 1  # the defused bomb may parse
    assert any(
        json.loads(line)["feed"] == news_site.feed_url("english") for line in out.splitlines()
    )


async def test_fetch_refuses_loopback_without_permission(news_site: NewsSite) -> None:
    code, out, err = await newsbot_async("fetch", news_site.feed_url("baonghean"))
    assert code == 1 and out == ""
    assert "127.0.0.1" in err
