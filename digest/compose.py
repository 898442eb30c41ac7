"""Digest composition: which stories a digest shows, under which subscription, in what order.

Rule order:
1. An article appears once in the whole digest, under the first subscription it matched
   (input order); a later copy with the same id or the same URL is dropped.
2. Near-duplicate stories (the same story from several feeds: `digest.dedup` similarity
   ≥ 0.85 of headline + summary) collapse into one item, across subscriptions too, shown
   under the subscription of its first version, unless their figures conflict (see
   `digest.dedup`). The item lists every source host (of the article URL, else of the
   feed URL, `www.` dropped) and every URL, without repeats, representative first; and
   one link per source name (the feed's title, else the host), to that source's first
   version. The representative is the most substantial version: most figures, then having
   a quote, then the longest summary; the first one on a tie.
3. Items are ordered newest first (`digest.stamp.article_moment`; a story is as new as its
   newest version, and shows that time), ties broken by the representative's
   substance as in rule 2, then by input order.
4. A section keeps at most `max_per_subscription` items; empty sections are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from digest.dedup import cluster, fingerprint
from digest.models import Article, Card, Subscription
from digest.stamp import article_moment

# scheme://[userinfo@]host — urllib is off limits in `digest/`, and a host is all we need.
_HOST = re.compile(r"[a-z][a-z0-9+.-]*://(?:[^@/?#]*@)?(?P<host>\[[^\]/]*\]|[^:/?#]*)", re.I)

_Entry = tuple[int, Article]  # (section index, article)
_Substance = tuple[int, bool, int]
_Ranked = tuple[tuple[datetime, _Substance], "StoryItem"]


@dataclass(frozen=True, slots=True)
class SourceLink:
    """One source of a story: its name (feed title, else host) and its version's URL."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class StoryItem:
    """One story in a digest: its representative article and every source that ran it."""

    article: Article
    sources: tuple[str, ...]
    urls: tuple[str, ...]
    links: tuple[SourceLink, ...]
    published: datetime


@dataclass(frozen=True, slots=True)
class Section:
    """The stories shown under one subscription."""

    subscription: Subscription
    items: tuple[StoryItem, ...]


@dataclass(frozen=True, slots=True)
class DigestPlan:
    """What a digest shows, section by section, before any rendering."""

    sections: tuple[Section, ...]


def source_host(article: Article) -> str:
    """Return the host an article comes from (its URL, else its feed's), without `www.`."""
    return host_of(article.url, article.feed_url)


def host_of(*urls: str | None) -> str:
    """Return the host of the first URL that has one, lower-cased, without `www.`."""
    for url in urls:
        found = _HOST.match(url.strip()) if url else None
        if found and found.group("host"):
            # Brackets dropped as `urlsplit(...).hostname` does, so muted hosts compare equal.
            return found.group("host").strip("[]").lower().removeprefix("www.")
    return ""


def source_name(article: Article) -> str:
    """Return the name a member knows a source by: its feed's title, else its host."""
    title = " ".join((article.feed_title or "").split())
    return title or source_host(article)


def substance(card: Card) -> _Substance:
    """Rank how much a card says: figures, then a quote, then summary length."""
    return len(card.figures), card.quote is not None, len(card.summary)


def _unique_entries(groups: Sequence[tuple[Subscription, Sequence[Article]]]) -> list[_Entry]:
    seen_ids: set[int] = set()
    seen_urls: set[str] = set()
    entries: list[_Entry] = []
    for index, (_, articles) in enumerate(groups):
        for article in articles:
            url = (article.url or "").strip()
            if article.id in seen_ids or (url and url in seen_urls):
                continue
            seen_ids.add(article.id)
            if url:
                seen_urls.add(url)
            entries.append((index, article))
    return entries


def _story(versions: list[Article]) -> StoryItem:
    representative = max(versions, key=lambda article: substance(article.card))
    ordered = [representative, *(a for a in versions if a is not representative)]
    sources = (source_host(article) for article in ordered)
    urls = ((article.url or "").strip() for article in ordered)
    links: dict[str, str] = {}
    for article in ordered:
        name = source_name(article)
        if name:
            links.setdefault(name, (article.url or "").strip())
    return StoryItem(
        article=representative,
        sources=tuple(dict.fromkeys(s for s in sources if s)),
        urls=tuple(dict.fromkeys(u for u in urls if u)),
        links=tuple(SourceLink(name=name, url=url) for name, url in links.items()),
        published=max(article_moment(article) for article in versions),
    )


def _ranked(versions: list[Article]) -> _Ranked:
    item = _story(versions)
    return (item.published, substance(item.article.card)), item


def compose_digest(
    groups: Sequence[tuple[Subscription, Sequence[Article]]], *, max_per_subscription: int = 10
) -> DigestPlan:
    """Plan a digest from each subscription's matched articles, in subscription order."""
    if max_per_subscription < 1:
        raise ValueError(f"max_per_subscription must be at least 1, got {max_per_subscription}")
    stories = cluster(
        _unique_entries(groups),
        key=lambda entry: fingerprint(entry[1].card.headline, entry[1].card.summary),
    )
    ranked: list[list[_Ranked]] = [[] for _ in groups]
    for members in stories:
        ranked[members[0][0]].append(_ranked([article for _, article in members]))
    sections = []
    for (subscription, _), items in zip(groups, ranked, strict=True):
        # sort is stable under reverse=True, so full ties keep input order.
        items.sort(key=lambda pair: pair[0], reverse=True)
        if items:
            chosen = tuple(item for _, item in items[:max_per_subscription])
            sections.append(Section(subscription=subscription, items=chosen))
    return DigestPlan(sections=tuple(sections))


def story_count(plan: DigestPlan) -> int:
    """Count the stories a digest plan shows."""
    return sum(len(section.items) for section in plan.sections)
