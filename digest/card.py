"""Build the digest card of one article from its headline, scraped body and feed lead.

Rule order of `summarize`:
1. Cap and clean the body (`digest.clean`): the link block after "Tin mới", caption lines,
   their alt-text twins, repeats and the dateline go; section headings are set apart.
2. Split each paragraph into sentences (`digest.sentences`) and drop the captions still
   glued into them, keeping body text glued after a credit (`digest.captions`).
3. Headline: the title with whitespace collapsed, cut at `HEADLINE_MAX`; an empty title
   falls back to the first substantial sentence of the lead or body.
4. Summary (`digest.summary`): the cleaned lead (sapo) when it has a substantial sentence,
   else the one or two body sentences that best restate the headline, early ones first,
   within `SUMMARY_MAX` characters.
5. Language (`digest.lang`); for 'vi' and 'en' also the key quote (`digest.quotes`) and
   the key figures (`digest.figures`: lead sentences first, then the summary's sentences
   and numbers the headline repeats rank higher). Other languages get no quote
   and no figures, since cue verbs and labels are Vietnamese and English rules.
"""

from __future__ import annotations

from digest.captions import drop_caption_sentences
from digest.clean import body_blocks, clean_lead, normalize_text, strip_paren_credits
from digest.figures import extract_figures
from digest.lang import detect_language
from digest.models import Card
from digest.quotes import find_quote
from digest.sentences import split_sentences
from digest.summary import cut, is_substantial, lead_summary, pick_summary

SUMMARY_MAX = 300
HEADLINE_MAX = 300


def summarize(title: str, text: str, *, lead: str | None = None) -> Card:
    """Build the digest card of one article; never raises on odd or huge input."""
    blocks = body_blocks(text)
    paragraphs = [
        drop_caption_sentences(split_sentences(block.text)) for block in blocks if not block.heading
    ]
    sentences = [sentence for paragraph in paragraphs for sentence in paragraph]
    lead_sentences = drop_caption_sentences(split_sentences(clean_lead(lead))) if lead else []
    headline = _headline(title) or cut(_first_substantial(lead_sentences + sentences), HEADLINE_MAX)
    summary = lead_summary(lead_sentences, limit=SUMMARY_MAX) or pick_summary(
        sentences, headline=headline, limit=SUMMARY_MAX
    )
    joined = [" ".join(paragraph) for paragraph in paragraphs if paragraph]
    lang = detect_language(f"{headline}\n{' '.join(lead_sentences)}\n" + "\n".join(joined))
    if lang not in ("vi", "en"):
        return Card(headline=headline, summary=summary, quote=None, figures=(), lang=lang)
    context = "\n".join([*lead_sentences, *(block.text for block in blocks)])
    return Card(
        headline=headline,
        summary=summary,
        quote=find_quote(joined, headline=headline, context=context),
        figures=extract_figures(
            sentences,
            lead_sentences=lead_sentences,
            headline=headline,
            key_sentences={sentence for sentence in sentences if sentence in summary},
        ),
        lang=lang,
    )


def _headline(title: str) -> str:
    cleaned = strip_paren_credits(normalize_text(title[: HEADLINE_MAX * 4], limit=HEADLINE_MAX * 4))
    return cut(" ".join(cleaned.split()), HEADLINE_MAX)


def _first_substantial(sentences: list[str]) -> str:
    return next((sentence for sentence in sentences if is_substantial(sentence)), "")
