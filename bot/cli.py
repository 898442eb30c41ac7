"""The `newsbot` command: run the bot, or summarise and fetch without Telegram."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbot", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the Telegram bot (long polling)")
    summ = sub.add_parser("summarize", help="print digest cards for .txt, .html or .jsonl files")
    fmt = summ.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON array of cards")
    fmt.add_argument("--jsonl", action="store_true", help="one JSON card per line")
    summ.add_argument("paths", nargs="+", metavar="PATH")
    fetch = sub.add_parser("fetch", help="fetch feeds once and print each article's card")
    fetch.add_argument("--json", action="store_true", help="one JSON card per line")
    fetch.add_argument(
        "--allow-private",
        action="store_true",
        help="allow feed URLs on loopback/private addresses (ALLOW_PRIVATE_FEED_URLS)",
    )
    fetch.add_argument("urls", nargs="+", metavar="URL")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the chosen command; return the exit code."""
    args = _parser().parse_args(argv)
    if args.command in (None, "run"):
        from bot.runner import run_bot

        return run_bot()
    if args.command == "summarize":
        from bot.summarize_cmd import summarize_paths

        fmt = "json" if args.json else "jsonl" if args.jsonl else "text"
        return summarize_paths(args.paths, fmt=fmt, out=sys.stdout, err=sys.stderr)
    from bot.fetch_cmd import fetch_urls

    return fetch_urls(args.urls, as_json=args.json, allow_private=args.allow_private)


if __name__ == "__main__":
    raise SystemExit(main())
