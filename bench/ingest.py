"""Feed ingestion at scale: N feeds × M items served on loopback, polled twice. Prints a table.

A separate process serves the feeds and article pages from `HOSTS` loopback addresses
(127.0.0.2, 127.0.0.3, …: distinct hosts, as real feeds have), with ETags. The measured
process runs the bot's own poller (`handlers.ingest.ingest_all`) on a fresh SQLite file:
the first poll fetches every feed and every article page, extracts, summarises and stores
them; the second poll finds every feed unchanged (304). Wall time, CPU seconds of this
process (all threads) and peak RSS are reported; "6,000 feeds / 10 min" projects the
second poll's CPU per feed to RSS-to-Telegram-Bot's published load.

Run: `python bench/ingest.py [--feeds 1000] [--items 20] [--hosts 50]`.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from datetime import time as clock_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest_site import free_port, serve_forever

from feeds.http import make_client
from handlers.context import BotConfig, Services
from handlers.ingest import ingest_all
from storage import open_storage

SECOND_POLL_TARGET_S = 5.0
RSS_TARGET_MB = 250.0
CORE_SHARE_TARGET = 0.10
RS2T_FEEDS, RS2T_PERIOD_S = 6000, 600


def config(concurrency: int) -> BotConfig:
    """Return the poller's settings: pages fetched, bounded concurrency, loopback allowed."""
    return BotConfig(
        default_timezone="UTC",
        default_digest_time=clock_time(7),
        admin_ids=frozenset(),
        allow_private_feed_urls=True,
        feed_poll_seconds=600,
        feed_concurrency=concurrency,
        feed_per_host=2,
    )


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def timed_poll(services: Services) -> tuple[float, float, int]:
    """Poll every feed once; return wall seconds, CPU seconds and new articles pushed."""
    wall, cpu = time.perf_counter(), time.process_time()
    pushed = await ingest_all(services)
    return time.perf_counter() - wall, time.process_time() - cpu, pushed


async def measure(urls: Sequence[str], concurrency: int) -> list[tuple[str, str]]:
    """Run both polls against `urls` and return the table rows."""
    with tempfile.TemporaryDirectory() as folder:
        storage = await open_storage(f"sqlite+aiosqlite:///{folder}/bench.db")
        http = make_client(allow_private=True, timeout=30.0)
        services = Services(storage=storage, http=http, config=config(concurrency))
        try:
            for url in urls:
                await storage.add_feed(url=url)
            base_rss = peak_rss_mb()
            first = await timed_poll(services)
            stored = sum((await storage.article_counts()).values())
            second = await timed_poll(services)
            failing = [f for f in await storage.list_feeds() if f.error_count]
        finally:
            await http.aclose()
            await storage.close()
    return rows(len(urls), first, second, stored=stored, failing=len(failing), base=base_rss)


def rows(
    feeds: int,
    first: tuple[float, float, int],
    second: tuple[float, float, int],
    *,
    stored: int,
    failing: int,
    base: float,
) -> list[tuple[str, str]]:
    """Format the measurements, with each target's mark."""
    per_feed_ms = second[1] / feeds * 1000
    share = per_feed_ms / 1000 * RS2T_FEEDS / RS2T_PERIOD_S
    peak = peak_rss_mb()

    def mark(ok: bool) -> str:
        return "✓" if ok else "✗"

    return [
        ("feeds / articles stored / failing feeds", f"{feeds:,} / {stored:,} / {failing}"),
        ("first poll: wall / CPU", f"{first[0]:,.1f} s / {first[1]:,.1f} s"),
        ("first poll: CPU per feed", f"{first[1] / feeds * 1000:,.1f} ms"),
        (
            "second poll (304): wall / CPU",
            f"{second[0]:,.2f} s / {second[1]:,.2f} s  "
            f"{mark(second[0] <= SECOND_POLL_TARGET_S)} ≤ {SECOND_POLL_TARGET_S:g} s",
        ),
        ("second poll: CPU per feed", f"{per_feed_ms:,.2f} ms"),
        (
            f"{RS2T_FEEDS:,} feeds every {RS2T_PERIOD_S // 60} min: share of one core",
            f"{share:.1%}  {mark(share < CORE_SHARE_TARGET)} < {CORE_SHARE_TARGET:.0%}",
        ),
        (
            "peak RSS (before polling)",
            f"{peak:,.0f} MB ({base:,.0f} MB)  "
            f"{mark(peak <= RSS_TARGET_MB)} ≤ {RSS_TARGET_MB:g} MB",
        ),
    ]


def feed_urls(feeds: int, hosts: int, port: int) -> list[str]:
    """Return the feed URLs, spread round-robin over the loopback hosts."""
    return [f"http://127.0.0.{2 + n % hosts}:{port}/feed/{n}.rss" for n in range(feeds)]


def main(argv: Sequence[str] | None = None) -> int:
    """Start the site process, run both polls, print the table; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description="Time feed ingestion at scale.")
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args(argv)
    ready, port = multiprocessing.Event(), free_port()
    site = multiprocessing.Process(
        target=serve_forever, args=(args.hosts, port, args.items, ready), daemon=True
    )
    site.start()
    try:
        if not ready.wait(30):
            raise RuntimeError("the bench site did not start")
        urls = feed_urls(args.feeds, args.hosts, port)
        table = asyncio.run(measure(urls, args.concurrency))
    finally:
        site.terminate()
        site.join()
    print(f"\nFeed ingestion ({args.feeds:,} feeds × {args.items} items, {args.hosts} hosts)")
    width = max(len(label) for label, _ in table)
    for label, value in table:
        print(f"{label:<{width}}  {value}")
    print(f"(run on {datetime.now(UTC):%Y-%m-%d}; CPU is this process only, all threads)")
    return 1 if any("✗" in value for _, value in table) else 0


if __name__ == "__main__":
    raise SystemExit(main())
