"""Feed items and their pages from article text files: the seed article and made-up ones.

Each source file is parsed by `articletext` and rendered by `newspage`; the item's description
is the article's sapo, its guid the file's stem, its slug the folded title.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from tests.fakes.articletext import parse_article_text
from tests.fakes.newspage import EN, VI, Labels, render_article_page

DATA_DIR = Path(__file__).parent / "data"
SEED_PATH = Path(__file__).parents[1] / "data" / "seed" / "baonghean-2019-12-25.txt"
VN_TIME = timezone(timedelta(hours=7))


@dataclass(frozen=True)
class Item:
    """One article as a feed lists it; `guid` None means the feed gives no guid."""

    title: str
    slug: str
    description: str
    published: datetime
    guid: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Source:
    """An article text file and what the page around it says."""

    path: Path
    labels: Labels
    published: datetime
    author: str | None


SOURCES = {
    "seed": Source(
        SEED_PATH, replace(VI, site="Báo Nghệ An"), datetime(2019, 12, 25, 11, 5, tzinfo=VN_TIME),
        "Mai Hoa",
    ),
    "gold": Source(
        DATA_DIR / "songlam-gold-2024-05-10.txt", VI,
        datetime(2024, 5, 10, 9, 30, tzinfo=VN_TIME), "Thành Cường",
    ),
    "tourism": Source(
        DATA_DIR / "songlam-tourism-2024-07-02.txt", VI,
        datetime(2024, 7, 2, 17, 0, tzinfo=VN_TIME), "Hải Vương",
    ),
    "english": Source(
        DATA_DIR / "riverton-flood-plan-2024-03-14.txt", EN,
        datetime(2024, 3, 14, 22, 45, tzinfo=UTC), "Dana Whitfield",
    ),
}  # fmt: skip


def slugify(title: str) -> str:
    """Return a URL slug: diacritics dropped, đ→d, lowercase words joined by '-'."""
    folded = unicodedata.normalize("NFD", title.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")


def data_bytes(name: str) -> bytes:
    """Return a fixture file from tests/fakes/data (e.g. "malformed.xml")."""
    return (DATA_DIR / name).read_bytes()


def article_item_and_page(name: str, *, site_url: str) -> tuple[Item, str]:
    """Return the feed item and page HTML of a source in SOURCES."""
    source = SOURCES[name]
    article = parse_article_text(source.path.read_text(encoding="utf-8"))
    slug = slugify(article.title)
    item = Item(
        title=article.title,
        slug=slug,
        description=article.sapo,
        published=source.published,
        guid=source.path.stem,
        author=source.author,
    )
    page = render_article_page(
        article,
        page_url=f"{site_url}/articles/{slug}.html",
        image_url=f"{site_url}/images/{slug}.jpg",
        published=source.published,
        author=source.author,
        labels=source.labels,
    )
    return item, page


def seed_item_and_page(*, site_url: str = "https://baonghean.vn") -> tuple[Item, str]:
    """Return the seed article (tests/data/seed) as a feed item and a realistic page."""
    return article_item_and_page("seed", site_url=site_url)


def english_item_and_page(*, site_url: str = "https://riverton.example") -> tuple[Item, str]:
    """Return the made-up English article (quotes, figures) as a feed item and a page."""
    return article_item_and_page("english", site_url=site_url)
