"""Fan-out: N chats each with a due digest, sent through the real Application to the local
Bot API server enforcing Telegram's 30 messages/s. Prints a table.

Run: `python bench/fanout.py [--chats 10000]` (what `make bench` does).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app import build_application, running
from bot.settings import Settings
from digest.models import Card, Figure
from storage import Storage, open_storage
from tests.fakes.botapi import TOKEN, FakeBotAPI

TELEGRAM_RATE = 30.0
FIRST_CHAT = 10_000_000


async def seed(storage: Storage, chats: int) -> None:
    """Store one article and `chats` chats, each following it and due for a digest now."""
    feed = await storage.add_feed(url="https://example.vn/rss")
    card = Card(
        headline="Giá vàng trong nước tăng mạnh",
        summary="Giá vàng SJC sáng nay tăng 500.000 đồng mỗi lượng.",
        quote=None,
        figures=(Figure(value="500.000", label="đồng mỗi lượng", sentence=""),),
        lang="vi",
    )
    now = datetime.now(UTC)
    await storage.add_article(
        feed_id=feed.id,
        entry_key="1",
        url="https://example.vn/1",
        card=card,
        text="Giá vàng tăng.",
        published=now,
    )
    gate = asyncio.Semaphore(16)

    async def one(chat_id: int) -> None:
        async with gate:
            await storage.ensure_chat(
                chat_id=chat_id,
                language="vi",
                timezone="UTC",
                digest_time=clock_time(7),
                next_digest_at=now - timedelta(minutes=1),
            )
            await storage.add_subscription(chat_id=chat_id, query="giá vàng", limit=20)

    await asyncio.gather(*(one(FIRST_CHAT + n) for n in range(chats)))


async def run(chats: int) -> dict[str, float]:
    """Seed, start the bot, wait until every digest was answered, return the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/fanout.db"
        storage = await open_storage(url)
        started = time.perf_counter()
        await seed(storage, chats)
        seed_seconds = time.perf_counter() - started
        await storage.close()
        api = FakeBotAPI(max_per_second=TELEGRAM_RATE)
        await api.start()
        settings = Settings.model_validate(
            {
                "telegram_bot_token": TOKEN,
                "telegram_api_url": api.url,
                "database_url": url,
                "feed_poll_seconds": 3600,
            }
        )
        try:
            async with running(build_application(settings, digest_check_seconds=1.0)):
                await wait_until_done(api, chats)
        finally:
            await api.stop()
    return summarise(api, chats, seed_seconds)


async def wait_until_done(api: FakeBotAPI, chats: int) -> None:
    """Wait until every chat got its digest, or progress stalls for 30 s."""
    last, stalled = -1, time.monotonic()
    while True:
        delivered = sum(1 for method, _ in api.calls if method == "sendMessage")
        if delivered >= chats and not api.errors:
            return
        if delivered != last:
            last, stalled = delivered, time.monotonic()
        elif time.monotonic() - stalled > 30:
            return
        await asyncio.sleep(0.5)


def summarise(api: FakeBotAPI, chats: int, seed_seconds: float) -> dict[str, float]:
    """Turn what the fake server saw into the benchmark's figures."""
    per_chat = Counter(
        chat for chat in range(FIRST_CHAT, FIRST_CHAT + chats) for _ in api.messages(chat)
    )
    stamps = sorted(m.at for chat in per_chat for m in api.messages(chat))
    span = stamps[-1] - stamps[0] if len(stamps) > 1 else float("nan")
    rejected = sum(1 for method, _, _ in api.errors if method == "sendMessage")
    return {
        "chats": chats,
        "seed_s": seed_seconds,
        "delivered": len(per_chat),
        "lost": chats - len(per_chat),
        "duplicates": sum(n - 1 for n in per_chat.values() if n > 1),
        "rejected": rejected,
        "span_s": span,
        "rate": (len(stamps) - 1) / span if span else float("nan"),
    }


def table(figures: dict[str, float]) -> str:
    """Render the figures against the targets."""
    rate = figures["rate"]
    rows = [
        ("chats with a due digest", f"{figures['chats']:.0f}", ""),
        ("seeding the database (s)", f"{figures['seed_s']:.1f}", ""),
        ("sending span (s)", f"{figures['span_s']:.1f}", ""),
        ("sustained rate (msg/s)", f"{rate:.2f}", mark(rate >= 28, "≥ 28 (93% of 30)")),
        ("lost", f"{figures['lost']:.0f}", mark(figures["lost"] == 0, "0")),
        ("duplicates", f"{figures['duplicates']:.0f}", mark(figures["duplicates"] == 0, "0")),
        ("rejected by Telegram", f"{figures['rejected']:.0f}", mark(figures["rejected"] == 0, "0")),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'fan-out':<{width}}  {'value':>10}  target", "-" * (width + 30)]
    lines += [f"{name:<{width}}  {value:>10}  {target}" for name, value, target in rows]
    return "\n".join(lines)


def mark(ok: bool, target: str) -> str:
    """Return the target with ✓ or ✗."""
    return f"{target} {'✓' if ok else '✗'}"


def main() -> None:
    """Parse arguments, run the benchmark, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chats", type=int, default=10_000)
    args = parser.parse_args()
    print(table(asyncio.run(run(args.chats))))


if __name__ == "__main__":
    main()
