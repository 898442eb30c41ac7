"""Compose digests from subscriptions and put them in the outbox, once per period.

Rule order: a chat's scheduled digest covers what arrived since its last digest (a day for
the first) and was not published long before it (`digest.window`: no back catalogue of a
newly added feed); articles from muted sources are left out; one delivery key per chat and
period (`daily:2026-03-02T07:00+07:00`, `manual:<time>`, `instant:<story>`) is recorded with the
messages in one transaction, so nothing is queued twice; an instant push is keyed by the
story (its canonical link, else a URI guid: `feeds.canonical.story_identity`), so the same
article carried by several feeds is pushed once; a scheduled digest with nothing new records
its key and moves the schedule without sending anything; an instant chat whose queue is
full (`digest.backlog`) gets the rest of a poll round's matches folded into one digest-style
message, queued under every folded story's key at once.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from telegram.constants import ParseMode

from digest.backlog import capacity, card_room
from digest.compose import DigestPlan, compose_digest, source_host, story_count
from digest.index import SubscriptionIndex, document_frequency
from digest.models import Article, Chat, Subscription
from digest.query import Doc, QueryError, make_doc, matches, parse_query
from digest.schedule import next_occurrence, period_key
from digest.stamp import local_date
from digest.window import in_window
from feeds.canonical import story_identity
from handlers.context import Services
from handlers.render import article_html, pack_messages, story_html
from handlers.texts import t

log = logging.getLogger(__name__)

# Enough articles for stable word frequencies (bench/matching.py trains on 200).
FREQUENCY_SAMPLE = 200

FIRST_DIGEST_WINDOW = timedelta(days=1)
MAX_ITEMS_PER_SUBSCRIPTION = 10


@dataclass(frozen=True, slots=True)
class ArticlePool:
    """New articles prepared for matching, loaded once and shared by many chats."""

    since: datetime
    articles: tuple[Article, ...]
    docs: dict[int, Doc]


async def load_pool(services: Services, *, since: datetime) -> ArticlePool:
    """Load every article fetched after `since`, prepared for matching."""
    storage = services.storage
    articles = tuple(await storage.articles_since(since=since))
    texts = await storage.article_texts(article_ids=[a.id for a in articles])
    docs = {a.id: make_doc(texts.get(a.id, a.card.headline)) for a in articles}
    return ArticlePool(since=since, articles=articles, docs=docs)


async def group_matches(
    services: Services,
    *,
    chat_id: int,
    subscriptions: list[Subscription],
    since: datetime,
    pool: ArticlePool,
) -> list[tuple[Subscription, list[Article]]]:
    """Return, per subscription, the window's articles it matches (muted sources left out)."""
    muted = await services.storage.muted_sources(chat_id=chat_id)
    parsed = []
    for sub in subscriptions:
        try:
            parsed.append((sub, parse_query(sub.query)))
        except QueryError:
            log.warning("skipping unusable stored query %r", sub.query)
    groups: dict[int, list[Article]] = {sub.id: [] for sub in subscriptions}
    for article in pool.articles:
        window = in_window(fetched_at=article.fetched_at, published=article.published, since=since)
        if not window or source_host(article) in muted:
            continue
        for sub, query in parsed:
            if matches(query, pool.docs[article.id]):
                groups[sub.id].append(article)
    return [(sub, groups[sub.id]) for sub in subscriptions if groups[sub.id]]


def digest_since(chat: Chat, now: datetime) -> datetime:
    """Return where a chat's next digest starts: its last digest, or a day ago."""
    return chat.last_digest_at or now - FIRST_DIGEST_WINDOW


def render_digest(
    plan: DigestPlan, *, lang: str, timezone: str, now: datetime, head: str | None = None
) -> list[str]:
    """Render a digest plan as HTML messages, dated and timed in the chat's `timezone`."""
    items: list[str] = []
    for section in plan.sections:
        for index, story in enumerate(section.items):
            item = story_html(story, lang=lang, timezone=timezone, now=now)
            heading = f"🔎 <b>{escape(section.subscription.query)}</b>\n\n"
            items.append(heading + item if index == 0 else item)
    count, date = story_count(plan), local_date(now, timezone=timezone)
    if head is None:
        key = "digest_head_one" if count == 1 else "digest_head"
        head = t(lang, key, count=count, date=date)
    return pack_messages(head, items)


async def compose(
    services: Services, chat: Chat, *, now: datetime, pool: ArticlePool | None = None
) -> tuple[list[str], int]:
    """Return the chat's digest messages for what arrived since its last digest."""
    since = digest_since(chat, now)
    subscriptions = await services.storage.list_subscriptions(chat_id=chat.id)
    if not subscriptions:
        return [], 0
    if pool is None or pool.since > since:
        pool = await load_pool(services, since=since)
    groups = await group_matches(
        services, chat_id=chat.id, subscriptions=subscriptions, since=since, pool=pool
    )
    plan = compose_digest(groups, max_per_subscription=MAX_ITEMS_PER_SUBSCRIPTION)
    count = story_count(plan)
    if not count:
        return [], 0
    return render_digest(plan, lang=chat.language, timezone=chat.timezone, now=now), count


async def enqueue_scheduled(
    services: Services, chat: Chat, *, now: datetime, pool: ArticlePool | None = None
) -> int:
    """Queue the chat's due scheduled digest and move its schedule; return messages queued."""
    messages, count = await compose(services, chat, now=now, pool=pool)
    due = chat.next_digest_at or now
    queued = await services.storage.enqueue_delivery(
        chat_id=chat.id,
        period_key=period_key(due, timezone=chat.timezone, frequency=chat.frequency),
        messages=[(text, ParseMode.HTML) for text in messages],
        article_count=count,
        now=now,
        covered_until=now,
        next_digest_at=next_occurrence(
            now, timezone=chat.timezone, digest_time=chat.digest_time, frequency=chat.frequency
        ),
    )
    services.outbox_signal.set()
    return len(messages) if queued else 0


async def enqueue_manual(services: Services, chat: Chat) -> bool:
    """Queue the chat's digest right now; False when there is nothing new."""
    now = services.clock()
    messages, count = await compose(services, chat, now=now)
    if not messages:
        return False
    await services.storage.enqueue_delivery(
        chat_id=chat.id,
        period_key=f"manual:{now.isoformat()}",
        messages=[(text, ParseMode.HTML) for text in messages],
        article_count=count,
        now=now,
        covered_until=now,
    )
    services.outbox_signal.set()
    return True


async def enqueue_instant(services: Services, articles: list[Article]) -> int:
    """Queue a card for every instant chat whose keywords match a new article.

    All instant subscriptions go into one `SubscriptionIndex`, so each article is matched
    against every one of them without a loop over subscriptions; the index files each
    subscription under its rarest words, judged on recent articles.
    """
    storage, now = services.storage, services.clock()
    chats = {chat.id: chat for chat in await storage.chats_following(frequency="instant")}
    if not chats:
        return 0
    index, subs = SubscriptionIndex(doc_frequency=await _recent_frequency(services)), {}
    for sub in await storage.subscriptions_of(frequency="instant"):
        try:
            index.add(sub.id, parse_query(sub.query))
        except QueryError:
            continue
        subs[sub.id] = sub
    texts = await storage.article_texts(article_ids=[a.id for a in articles])
    muted: dict[int, frozenset[str]] = {}  # read once per chat, not once per article
    wanted: dict[int, list[tuple[Article, list[Subscription]]]] = {}
    for article in articles:
        matched = [subs[sub_id] for sub_id in index.match(make_doc(texts.get(article.id, "")))]
        for chat_id in sorted({sub.chat_id for sub in matched} & chats.keys()):
            if chat_id not in muted:
                muted[chat_id] = await storage.muted_sources(chat_id=chat_id)
            if source_host(article) not in muted[chat_id]:
                mine = [sub for sub in matched if sub.chat_id == chat_id]
                wanted.setdefault(chat_id, []).append((article, mine))
    queued = 0
    for chat_id, found in wanted.items():
        queued += await _enqueue_matches(services, chats[chat_id], found, now=now)
    if queued:
        services.outbox_signal.set()
    return queued


async def _recent_frequency(services: Services) -> dict[str, float]:
    """Return the document frequency of words and pairs over the newest stored articles."""
    recent = await services.storage.articles_since(since=None, limit=FREQUENCY_SAMPLE)
    texts = await services.storage.article_texts(article_ids=[a.id for a in recent])
    return document_frequency(make_doc(text) for text in texts.values())


def instant_key(article: Article) -> str:
    """Name an instant push by the story, so a story carried by several feeds comes once."""
    identity = story_identity(article.url, article.entry_key)
    if identity is None:
        return f"instant:{article.id}"
    # Hashed: a URL may be longer than the key column (64 characters).
    return "instant:" + hashlib.sha256(identity.encode()).hexdigest()[:40]


async def _enqueue_matches(
    services: Services,
    chat: Chat,
    matches: list[tuple[Article, list[Subscription]]],
    *,
    now: datetime,
) -> int:
    """Queue single cards while the chat's backlog has room, then fold the rest."""
    waiting = (await services.storage.unsent_counts(chat_ids=[chat.id]))[chat.id]
    window = services.config.instant_backlog_seconds
    cap = capacity(chat.id, window_seconds=window)
    room = card_room(waiting=waiting, capacity=cap, matches=len(matches))
    queued = 0
    for article, _subs in matches[:room]:
        queued += await _enqueue_card(services, chat, article, now=now)
    return queued + await _enqueue_folded(services, chat, matches[room:], now=now)


async def _enqueue_folded(
    services: Services,
    chat: Chat,
    matches: list[tuple[Article, list[Subscription]]],
    *,
    now: datetime,
) -> int:
    """Queue the matches as one digest-style message, claiming each story's instant key."""
    storage = services.storage
    by_key: dict[str, tuple[Article, list[Subscription]]] = {}
    for article, subs in matches:
        by_key.setdefault(instant_key(article), (article, subs))
    for key in await storage.known_keys(chat_id=chat.id, period_keys=by_key) if by_key else ():
        del by_key[key]  # a story a card (or an earlier fold) already pushed
    if not by_key:
        return 0
    groups: dict[int, tuple[Subscription, list[Article]]] = {}
    for article, subs in by_key.values():
        groups.setdefault(subs[0].id, (subs[0], []))[1].append(article)
    plan = compose_digest(list(groups.values()), max_per_subscription=len(by_key))
    head = t(chat.language, "instant_folded", count=len(by_key))
    messages = render_digest(plan, lang=chat.language, timezone=chat.timezone, now=now, head=head)
    folded = await storage.enqueue_folded(
        chat_id=chat.id,
        period_keys=list(by_key),
        messages=[(text, ParseMode.HTML) for text in messages],
        article_count=len(by_key),
        now=now,
    )
    return len(by_key) if folded else 0


async def _enqueue_card(services: Services, chat: Chat, article: Article, *, now: datetime) -> bool:
    return await services.storage.enqueue_delivery(
        chat_id=chat.id,
        period_key=instant_key(article),
        messages=[(_card_html(article, chat, now=now), ParseMode.HTML)],
        article_count=1,
        now=now,
    )


def _card_html(article: Article, chat: Chat, *, now: datetime) -> str:
    return article_html(article, lang=chat.language, timezone=chat.timezone, now=now)
