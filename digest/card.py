"""Build the digest card of one article from its headline, scraped body and feed lead.

Rule order of `summarize`:
1. Cap and clean the body (`digest.clean`): the link block after "Tin mới", caption lines,
   their alt-text twins, repeats and the dateline go; section headings are set apart.
2. Split each paragraph into sentences (`digest.sentences`) and drop sentences that still
   carry an inline photo credit, with their captions.
3. Headline: the title with whitespace collapsed, cut at `HEADLINE_MAX`; an empty title
   falls back to the first sentence of the summary source.
4. Summary: the cleaned lead (sapo) when it has a substantial sentence, else the first
   substantial body sentences (at least `MIN_SUMMARY_WORDS` words, and not a short phrase
   ending in a name: that is a leading photo's caption). One or two sentences within
   `SUMMARY_MAX` characters; a single longer sentence is cut at a word boundary and ends
   in "…".
5. Language (`digest.lang`); for 'vi' and 'en' also the key quote (`digest.quotes`) and
   the key figures (`digest.figures`, lead sentences first). Other languages get no quote
   and no figures, since cue verbs and labels are Vietnamese and English rules.
"""

from __future__ import annotations

from digest.clean import (
    body_blocks,
    clean_lead,
    drop_caption_sentences,
    normalize_text,
    strip_paren_credits,
)
from digest.figures import extract_figures
from digest.lang import detect_language
from digest.models import Card
from digest.quotes import find_quote
from digest.sentences import split_sentences
from digest.speakers import trailing_name
from digest.text import words

SUMMARY_MAX = 300
HEADLINE_MAX = 300
MIN_SUMMARY_WORDS = 6
CAPTION_MAX_WORDS = 14


def summarize(title: str, text: str, *, lead: str | None = None) -> Card:
    """Build the digest card of one article; never raises on odd or huge input."""
    blocks = body_blocks(text)
    paragraphs = [
        drop_caption_sentences(split_sentences(block.text)) for block in blocks if not block.heading
    ]
    sentences = [sentence for paragraph in paragraphs for sentence in paragraph]
    lead_sentences = drop_caption_sentences(split_sentences(clean_lead(lead))) if lead else []
    source = _substantial(lead_sentences) or _substantial(sentences)
    headline = _headline(title) or _cut(source[0] if source else "", HEADLINE_MAX)
    joined = [" ".join(paragraph) for paragraph in paragraphs if paragraph]
    lang = detect_language(f"{headline}\n{' '.join(lead_sentences)}\n" + "\n".join(joined))
    if lang not in ("vi", "en"):
        return Card(headline=headline, summary=_summary(source), quote=None, figures=(), lang=lang)
    context = "\n".join([*lead_sentences, *(block.text for block in blocks)])
    return Card(
        headline=headline,
        summary=_summary(source),
        quote=find_quote(joined, headline=headline, context=context),
        figures=extract_figures(sentences, lead_sentences=lead_sentences),
        lang=lang,
    )


def _headline(title: str) -> str:
    cleaned = strip_paren_credits(normalize_text(title[: HEADLINE_MAX * 4], limit=HEADLINE_MAX * 4))
    return _cut(" ".join(cleaned.split()), HEADLINE_MAX)


def _substantial(sentences: list[str]) -> list[str]:
    """Return the sentences from the first substantial one on (see `_is_substantial`)."""
    for index, sentence in enumerate(sentences):
        if _is_substantial(sentence):
            return sentences[index:]
    return []


def _is_substantial(sentence: str) -> bool:
    """At least `MIN_SUMMARY_WORDS` words, and not a short phrase ending in a name, which
    is how a leading photo's caption reads ("Đặc phái viên … Joseph Yun.")."""
    count = len(words(sentence))
    if count < MIN_SUMMARY_WORDS:
        return False
    return count > CAPTION_MAX_WORDS or trailing_name(sentence.rstrip(".")) is None


def _summary(source: list[str]) -> str:
    """Join the first one or two sentences within `SUMMARY_MAX` characters."""
    if not source:
        return ""
    summary = source[0]
    if len(source) > 1 and _is_substantial(source[1]):
        both = f"{summary} {source[1]}"
        summary = both if len(both) <= SUMMARY_MAX else summary
    return _cut(summary, SUMMARY_MAX)


def _cut(text: str, limit: int) -> str:
    """Cut `text` to `limit` characters at a word boundary, ending in "…" when cut."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:-–—") + "…"
