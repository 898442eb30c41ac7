"""Load: the real Application against the local Bot API on loopback, which takes 30 messages/s
and answers each after 100 ms (as Telegram over a real network). Two scenarios, one table with
each target beside its figure:

1. flood: one member sends 500 messages at once while 10 other members each send 5 commands,
   one after the other (the next once the reply is in); their reply times are measured.
2. crowd: 50 members each send 20 commands, one every 2 s, all at the same time (25 commands/s
   offered, under Telegram's 30 messages/s); each reply's time from command to delivery.
3. burst: the same 1,000 commands sent at once; Telegram's 30 messages/s alone makes the last
   reply wait ≥ 33 s, so no latency target applies: nothing may be lost.

Every wait is bounded (a reply not in within `REPLY_TIMEOUT` counts as lost); the run stops by
itself. Run: `python bench/load.py` (what `make bench` does).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app import build_application, running
from bot.settings import Settings
from digest.flood import LIMIT
from tests.fakes.botapi import TOKEN, FakeBotAPI

TELEGRAM_RATE = 30.0
REPLY_TIMEOUT = 60.0
ROUND_TRIP = 0.1  # Telegram answers each message after this long, as over a real network
GAP = 2.0  # a crowd member's pace: 50 members offer 25 commands/s, under Telegram's 30/s
FLOODER = 20_000_000
FIRST_MEMBER = 20_000_100
COMMANDS = ("/help", "/list", "/settings", "/subscribe giá vàng {n}", "/latest lãi suất", "/muted")


def command(n: int) -> str:
    """Return the n-th command of a member's session: a mix of reads and writes."""
    return COMMANDS[n % len(COMMANDS)].format(n=n)


async def session(api: FakeBotAPI, chat_id: int, count: int, times: list[float]) -> int:
    """Send `count` commands one after the other; record each reply's delay; return losses."""
    lost = 0
    for n in range(count):
        started = time.perf_counter()
        await api.user_sends(chat_id, command(n))
        try:
            await api.wait_for_messages(chat_id, timeout=REPLY_TIMEOUT)
        except AssertionError:
            lost += 1
            continue
        times.append(time.perf_counter() - started)
    return lost


async def flood(api: FakeBotAPI, members: int, commands: int, flood: int) -> dict[str, float]:
    """One member floods; the others' reply times while it lasts."""
    for _ in range(flood):
        await api.user_sends(FLOODER, "/help")
    times: list[float] = []
    chats = range(FIRST_MEMBER, FIRST_MEMBER + members)
    lost = sum(await asyncio.gather(*(session(api, c, commands, times) for c in chats)))
    # The flooder's answers: LIMIT and one "slow down" expected, nothing more.
    with contextlib.suppress(AssertionError):
        await api.wait_for_messages(FLOODER, count=LIMIT + 1, timeout=REPLY_TIMEOUT)
    return {**spread(times), "lost": lost, "flood_answers": len(api.messages(FLOODER))}


async def paced(api: FakeBotAPI, chat_id: int, count: int, start: float, gap: float) -> list[float]:
    """Send `count` commands `gap` seconds apart from `start` on; return when each was sent."""
    sent: list[float] = []
    for n in range(count):
        await asyncio.sleep(max(0.0, start + n * gap - time.monotonic()))
        sent.append(time.monotonic())
        await api.user_sends(chat_id, command(n))
    return sent


async def crowd(
    api: FakeBotAPI, members: int, commands: int, *, gap: float, first: int
) -> dict[str, float]:
    """Many members at once, each sending a command every `gap` seconds (0: all at once)."""
    chats = range(first, first + members)
    began = time.monotonic()
    starts = [began + gap * n / members for n in range(members)]  # staggered over one gap
    sessions = (paced(api, c, commands, s, gap) for c, s in zip(chats, starts, strict=True))
    sent = await asyncio.gather(*sessions)
    deadline = time.monotonic() + REPLY_TIMEOUT
    for chat in chats:
        with contextlib.suppress(AssertionError):  # what is missing then counts as lost
            left = max(0.1, deadline - time.monotonic())
            await api.wait_for_messages(chat, count=commands, timeout=left)
    times = [
        reply.at - at
        for chat, stamps in zip(chats, sent, strict=True)
        for reply, at in zip(api.messages(chat), stamps, strict=False)  # replies may be missing
    ]
    span = max((m.at for c in chats for m in api.messages(c)), default=began) - began
    lost = members * commands - len(times)
    return {**spread(times), "lost": lost, "span": span, "rate": len(times) / span}


def spread(times: list[float]) -> dict[str, float]:
    """Return the median, 95th percentile and maximum of `times`."""
    if len(times) < 2:
        return {"p50": float("nan"), "p95": float("nan"), "max": float("nan")}
    return {
        "p50": statistics.median(times),
        "p95": statistics.quantiles(times, n=20)[-1],
        "max": max(times),
    }


async def run(args: argparse.Namespace) -> tuple[dict[str, float], ...]:
    """Start the fake Telegram and the bot on a fresh SQLite file; run both scenarios."""
    with tempfile.TemporaryDirectory() as tmp:
        api = FakeBotAPI(max_per_second=TELEGRAM_RATE)
        api.response_delay = ROUND_TRIP
        await api.start()
        settings = Settings.model_validate(
            {
                "telegram_bot_token": TOKEN,
                "telegram_api_url": api.url,
                "database_url": f"sqlite+aiosqlite:///{tmp}/load.db",
                "feed_poll_seconds": 3600,
            }
        )
        try:
            async with running(build_application(settings)):
                flooded = await flood(api, args.others, 5, args.flood)
                crowded = await crowd(
                    api, args.members, args.commands, gap=GAP, first=FIRST_MEMBER + 1000
                )
                burst = await crowd(
                    api, args.members, args.commands, gap=0, first=FIRST_MEMBER + 2000
                )
        finally:
            await api.stop()
    rejected = sum(1 for _, _, why in api.errors if why.startswith("Too Many Requests"))
    burst["rejected"] = rejected
    return flooded, crowded, burst


def table(figures: tuple[dict[str, float], ...], args: argparse.Namespace) -> str:
    """Render the figures against the targets."""
    flooded, crowded, burst = figures
    f95, c95 = flooded["p95"], crowded["p95"]
    bound = args.members * args.commands / TELEGRAM_RATE
    rows = [
        (f"flood: {args.flood} messages from one member", "", ""),
        ("  others' reply p50 / max (s)", f"{flooded['p50']:.2f} / {flooded['max']:.2f}", ""),
        ("  others' reply p95 (s)", f"{f95:.2f}", mark(f95 <= 2.0, "≤ 2 s")),
        ("  others' replies lost", f"{flooded['lost']:.0f}", mark(flooded["lost"] == 0, "0")),
        (
            "  flooder's answers",
            f"{flooded['flood_answers']:.0f}",
            mark(flooded["flood_answers"] == LIMIT + 1, f"{LIMIT} + 1 slow down"),
        ),
        (f"crowd: {args.members} members × {args.commands} commands, one per {GAP:.0f} s", "", ""),
        ("  reply p50 / max (s)", f"{crowded['p50']:.2f} / {crowded['max']:.2f}", ""),
        ("  reply p95 (s)", f"{c95:.2f}", mark(c95 <= 5.0, "≤ 5 s")),
        ("  replies lost", f"{crowded['lost']:.0f}", mark(crowded["lost"] == 0, "0")),
        ("  last reply after (s)", f"{crowded['span']:.0f}", ""),
        (f"burst: the same {args.members * args.commands} commands all at once", "", ""),
        ("  reply p50 / p95 (s)", f"{burst['p50']:.1f} / {burst['p95']:.1f}", ""),
        ("  replies lost", f"{burst['lost']:.0f}", mark(burst["lost"] == 0, "0")),
        (
            "  last reply after (s)",
            f"{burst['span']:.0f}",
            f"Telegram's 30 msg/s: ≥ {bound:.0f} s",
        ),
        ("rejected by Telegram (429, all three)", f"{burst['rejected']:.0f}", ""),
    ]
    width = max(len(r[0]) for r in rows)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    lines = [f"{'load, ' + stamp:<{width}}  {'value':>13}  target", "-" * (width + 30)]
    lines += [f"{name:<{width}}  {value:>13}  {target}".rstrip() for name, value, target in rows]
    return "\n".join(lines)


def mark(ok: bool, target: str) -> str:
    """Return the target with ✓ or ✗."""
    return f"{target} {'✓' if ok else '✗'}"


def main() -> None:
    """Parse arguments, run the benchmark, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--flood", type=int, default=500)
    parser.add_argument("--others", type=int, default=10)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--commands", type=int, default=20)
    args = parser.parse_args()
    print(table(asyncio.run(run(args)), args))


if __name__ == "__main__":
    main()
