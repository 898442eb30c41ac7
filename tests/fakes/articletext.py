"""Read a scraped article text file into a title, a sapo and typed body blocks.

File format (the seed's): the title on line 1, then paragraphs. Rule order per line:
1. the first non-empty line after the title is the sapo (lead), dateline included;
2. a "Tin mới" / "Tin liên quan" / "Related" line ends the body (the related block marker);
3. a line ending "Ảnh: Name" / "Photo: Name" is a photo caption; adjacent caption lines are one
   photo (the scrape repeats captions: the first is the image's alt text, the last its caption);
4. a short line (≤ 100 characters) without final punctuation is a sub-heading;
5. anything else is a body paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

RELATED_MARKERS = frozenset({"Tin mới", "Tin liên quan", "Related"})
CAPTION = re.compile(r"(?:Ảnh|Photo): [^.]{1,40}$")
SENTENCE_END = tuple('.!?…:;"”’)')
HEADING_MAX = 100


@dataclass(frozen=True)
class Block:
    """One body block: a paragraph, a sub-heading, or a photo (alt text + caption)."""

    kind: Literal["p", "h2", "photo"]
    text: str
    alt: str = ""


@dataclass(frozen=True)
class ArticleText:
    """A parsed article: title, sapo, body blocks and whether a related block follows."""

    title: str
    sapo: str
    blocks: tuple[Block, ...]
    related_marker: str | None


def _kind(line: str) -> Literal["p", "h2", "photo"]:
    if CAPTION.search(line):
        return "photo"
    if len(line) <= HEADING_MAX and not line.endswith(SENTENCE_END):
        return "h2"
    return "p"


def _blocks(lines: list[str]) -> tuple[list[Block], str | None]:
    blocks: list[Block] = []
    previous_blank = True
    for raw in lines:
        line = raw.strip()
        if not line:
            previous_blank = True
            continue
        if line in RELATED_MARKERS:
            return blocks, line
        kind = _kind(line)
        last = blocks[-1] if blocks else None
        if kind == "photo" and last is not None and last.kind == "photo" and not previous_blank:
            blocks[-1] = Block("photo", line, alt=last.alt)
        else:
            blocks.append(Block(kind, line, alt=line if kind == "photo" else ""))
        previous_blank = False
    return blocks, None


def parse_article_text(text: str) -> ArticleText:
    """Split a scraped article into title, sapo and body blocks (rules in the module doc)."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ValueError("an article file starts with its title")
    rest = lines[1:]
    index = next((i for i, line in enumerate(rest) if line.strip()), None)
    if index is None:
        raise ValueError("an article file needs a sapo after its title")
    blocks, marker = _blocks(rest[index + 1 :])
    return ArticleText(lines[0].strip(), rest[index].strip(), tuple(blocks), marker)
