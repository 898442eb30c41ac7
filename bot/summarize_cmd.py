"""`newsbot summarize`: digest cards for .txt, .html and .jsonl files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from digest.card import summarize
from digest.jsoncard import card_to_dict
from feeds.extract import extract_page

MAX_FILE_BYTES = 50_000_000


def format_card(card: dict[str, Any]) -> str:
    """Render a JSON card as plain text for a terminal."""
    lines = [str(card["headline"])]
    if card.get("summary"):
        lines.append(str(card["summary"]))
    quote = card.get("quote")
    if quote:
        speaker = f" — {quote['speaker']}" if quote.get("speaker") else ""
        lines.append(f"“{quote['text']}”{speaker}")
    lines.extend(f"• {f['value']} {f['label']}" for f in card.get("figures", []))
    return "\n".join(lines)


def file_card(path: Path) -> dict[str, Any]:
    """Build the card of a .txt (title on the first line) or .html file."""
    data = path.read_bytes()[:MAX_FILE_BYTES]
    if path.suffix.lower() in {".html", ".htm"}:
        page = extract_page(data, url=path.resolve().as_uri())
        if page is None:
            raise ValueError("no article text found in the page")
        return card_to_dict(summarize(page.title or path.stem, page.text, lead=page.lead))
    title, _, body = data.decode("utf-8", errors="replace").partition("\n")
    return card_to_dict(summarize(title.strip(), body))


def record_card(record: object) -> dict[str, Any]:
    """Build the card of one `{id, title, text, url?}` record, keeping id and url."""
    if not isinstance(record, dict) or not isinstance(record.get("title"), str):
        raise ValueError("a record needs a string 'title'")
    card = card_to_dict(summarize(record["title"], str(record.get("text") or "")))
    head = {"id": record["id"]} if "id" in record else {}
    tail = {"url": record["url"]} if "url" in record else {}
    return {**head, **card, **tail}


class _Run:
    """Collects cards and counts failures, reporting each failure on stderr."""

    def __init__(self, err: TextIO) -> None:
        self.err, self.failures = err, 0

    def fail(self, where: str, error: Exception) -> None:
        self.failures += 1
        self.err.write(f"{where}: skipped: {error}\n")

    def jsonl(self, path: Path) -> Iterator[dict[str, Any]]:
        with path.open(encoding="utf-8", errors="replace") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    yield record_card(json.loads(line))
                except ValueError as error:
                    self.fail(f"{path}:{number}", error)

    def cards(self, paths: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        for name in paths:
            path = Path(name)
            try:
                if path.suffix.lower() == ".jsonl":
                    yield from ((name, card) for card in self.jsonl(path))
                else:
                    yield name, file_card(path)
            except (OSError, ValueError) as error:
                self.fail(name, error)


def summarize_paths(paths: list[str], *, fmt: str, out: TextIO, err: TextIO) -> int:
    """Print a card per file or record; return 1 if any input failed, else 0."""
    run, collected = _Run(err), []
    for name, card in run.cards(paths):
        if fmt == "json":
            collected.append(card)
        elif fmt == "jsonl" or name.endswith(".jsonl"):
            out.write(json.dumps(card, ensure_ascii=False) + "\n")
        else:
            out.write(f"== {name}\n{format_card(card)}\n\n")
    if fmt == "json":
        out.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    return 1 if run.failures else 0
