"""The `newsbot` command: run the bot; summarise, fetch or evaluate without Telegram."""

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
    ev = sub.add_parser("eval", help="score the summariser on {id, title, text, summary} JSONL")
    ev.add_argument("data", metavar="DATA.jsonl")
    ev.add_argument("--baselines", action="store_true", help="also run Lead-2 and LexRank-2")
    ev.add_argument("--limit", type=_positive, metavar="N", help="use the first N good records")
    return parser


def _positive(value: str) -> int:
    """Parse a positive integer option."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


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
    if args.command == "eval":
        try:
            from bot.evaluate.command import run_eval
        except ImportError as error:  # rouge-score and sumy come with the dev extra
            sys.stderr.write(
                f"newsbot eval needs the dev extra (pip install -e '.[dev]'): {error}\n"
            )
            return 2
        return run_eval(
            args.data, baselines=args.baselines, limit=args.limit, out=sys.stdout, err=sys.stderr
        )
    from bot.fetch_cmd import fetch_urls

    return fetch_urls(args.urls, as_json=args.json, allow_private=args.allow_private)


if __name__ == "__main__":
    raise SystemExit(main())
