"""Plain JSON-ready form of a digest card.

Shape: `{headline, summary, quote: {text, speaker} | null, figures: [{value, label,
sentence}], lang}`; only str, None, dict and list, so `json.dumps` takes it as it is.
"""

from __future__ import annotations

from digest.models import Card


def card_to_dict(card: Card) -> dict[str, object]:
    """Return `card` as a dict of plain JSON values."""
    quote = None if card.quote is None else {"text": card.quote.text, "speaker": card.quote.speaker}
    return {
        "headline": card.headline,
        "summary": card.summary,
        "quote": quote,
        "figures": [
            {"value": figure.value, "label": figure.label, "sentence": figure.sentence}
            for figure in card.figures
        ],
        "lang": card.lang,
    }
