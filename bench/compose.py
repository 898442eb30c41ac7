"""Time `compose_digest` on a few hundred articles with copies: `python bench/compose.py`."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from random import Random

from digest.compose import compose_digest, story_count
from digest.models import Article, Card, Subscription

SYLLABLES = [f"{a}{b}" for a in "bcdghklmnpqrstvx" for b in ("a", "ơ", "ương", "iêu", "ình")]
T0 = datetime(2026, 3, 2, 7, tzinfo=UTC)


def article(id: int, *, text: str, host: str) -> Article:
    """Build one article whose headline is the first words of `text`."""
    card = Card(
        headline=" ".join(text.split()[:12]), summary=text, quote=None, figures=(), lang="vi"
    )
    return Article(
        id=id,
        feed_id=id % 20,
        entry_key=str(id),
        url=f"https://{host}/{id}",
        card=card,
        published=T0 + timedelta(minutes=id),
        fetched_at=T0,
    )


def workload(
    n: int, *, copies_every: int, seed: int = 1
) -> list[tuple[Subscription, list[Article]]]:
    """Return three subscriptions sharing `n` articles, a reworded copy of every k-th one."""
    rng = Random(seed)
    texts = [" ".join(rng.choices(SYLLABLES, k=60)) for _ in range(n)]
    pool = [article(i, text=t, host=f"site{i % 9}.vn") for i, t in enumerate(texts)]
    pool += [
        article(10_000 + i, text=t + " theo nguồn tin riêng.", host="copy.vn")
        for i, t in enumerate(texts[::copies_every])
    ]
    rng.shuffle(pool)
    third = len(pool) // 3
    return [(Subscription(id=k, chat_id=1, query=f"q{k}"), pool[k * third :]) for k in range(3)]


def main() -> None:
    """Print how long composing a few workloads takes."""
    for n in (100, 300, 1000):
        groups = workload(n, copies_every=4)
        start = time.perf_counter()
        plan = compose_digest(groups, max_per_subscription=10_000)
        elapsed = time.perf_counter() - start
        total = sum(len(articles) for _, articles in groups)
        print(f"{n:>5} stories, {total:>5} listed: {story_count(plan):>5} items in {elapsed:.3f} s")


if __name__ == "__main__":
    main()
