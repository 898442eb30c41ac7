"""Map database rows to the frozen domain objects of `digest.models` and back.

Cards are stored as JSON text: {headline, summary, quote: {text, speaker} | null,
figures: [{value, label, sentence}], lang}. Non-ASCII is written as-is (Vietnamese stays
readable in the database).
"""

from __future__ import annotations

import json
from typing import Any

from digest.models import Article, Card, Chat, Feed, Figure, OutgoingMessage, Quote, Subscription
from storage.tables import ArticleRow, ChatRow, FeedRow, OutboxRow, SubscriptionRow


def card_to_json(card: Card) -> str:
    """Serialise a card to JSON text."""
    quote = None if card.quote is None else {"text": card.quote.text, "speaker": card.quote.speaker}
    payload = {
        "headline": card.headline,
        "summary": card.summary,
        "quote": quote,
        "figures": [
            {"value": f.value, "label": f.label, "sentence": f.sentence} for f in card.figures
        ],
        "lang": card.lang,
    }
    return json.dumps(payload, ensure_ascii=False)


def card_from_json(raw: str) -> Card:
    """Rebuild a card from its JSON text."""
    data: dict[str, Any] = json.loads(raw)
    quote_data = data.get("quote")
    quote = None
    if quote_data is not None:
        quote = Quote(text=str(quote_data["text"]), speaker=quote_data.get("speaker"))
    figures = tuple(
        Figure(value=str(f["value"]), label=str(f["label"]), sentence=str(f["sentence"]))
        for f in data.get("figures", [])
    )
    return Card(
        headline=str(data["headline"]),
        summary=str(data["summary"]),
        quote=quote,
        figures=figures,
        lang=str(data["lang"]),
    )


def feed_from_row(row: FeedRow) -> Feed:
    """Map a feed row."""
    return Feed(
        id=row.id,
        url=row.url,
        title=row.title,
        etag=row.etag,
        last_modified=row.last_modified,
        error_count=row.error_count,
        last_error=row.last_error,
        last_success_at=row.last_success_at,
        next_check_at=row.next_check_at,
        disabled_at=row.disabled_at,
        added_by=row.added_by,
    )


def article_from_row(
    row: ArticleRow, *, feed_url: str | None, feed_title: str | None = None
) -> Article:
    """Map an article row, with the URL and title of its feed."""
    return Article(
        id=row.id,
        feed_id=row.feed_id,
        entry_key=row.entry_key,
        url=row.url,
        card=card_from_json(row.card),
        published=row.published,
        fetched_at=row.fetched_at,
        feed_url=feed_url,
        feed_title=feed_title,
    )


def chat_from_row(row: ChatRow) -> Chat:
    """Map a chat row."""
    return Chat(
        id=row.id,
        timezone=row.timezone,
        digest_time=row.digest_time,
        language=row.language,
        last_digest_at=row.last_digest_at,
        active=row.active,
        created_at=row.created_at,
        frequency=row.frequency,
        paused=row.paused,
        next_digest_at=row.next_digest_at,
    )


def subscription_from_row(row: SubscriptionRow) -> Subscription:
    """Map a subscription row."""
    return Subscription(id=row.id, chat_id=row.chat_id, query=row.query, created_at=row.created_at)


def outgoing_from_row(row: OutboxRow) -> OutgoingMessage:
    """Map an outbox row."""
    return OutgoingMessage(
        id=row.id,
        chat_id=row.chat_id,
        delivery_id=row.delivery_id,
        seq=row.seq,
        text=row.text,
        parse_mode=row.parse_mode,
        attempts=row.attempts,
    )
