"""Extractive baselines the summariser is measured against.

Both read the same sentences: the text's lines, minus caption lines
(`digest.clean.is_caption_line`), split by `digest.sentences.split_sentences`.
- Lead-2: the first two sentences.
- LexRank-2: sumy's `LexRankSummarizer` over an `ObjectDocumentModel` built from those
  sentences (one paragraph per line) with `SyllableSplitter` as the word tokenizer, so sumy
  never reaches for NLTK's punkt data; the two best sentences in text order.
"""

from __future__ import annotations

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.summarizers.lex_rank import LexRankSummarizer

from bot.evaluate.tokens import flat, syllables
from digest.clean import is_caption_line
from digest.sentences import split_sentences

SENTENCES = 2


class SyllableSplitter:
    """The tokenizer object sumy calls: `to_sentences` and `to_words`, ours not NLTK's."""

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Split a paragraph with our sentence splitter."""
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Split a sentence into syllables."""
        return tuple(syllables(sentence))


def body_paragraphs(text: str) -> list[list[str]]:
    """Return the sentences of each non-empty, non-caption line of `text`."""
    lines = (line for line in flat(text).split("\n") if line and not is_caption_line(line))
    return [sentences for line in lines if (sentences := split_sentences(line))]


def lead_summary(text: str, *, count: int = SENTENCES) -> str:
    """Return the first `count` sentences of the text, caption lines dropped."""
    sentences = [sentence for paragraph in body_paragraphs(text) for sentence in paragraph]
    return " ".join(sentences[:count])


def lexrank_summary(text: str, *, count: int = SENTENCES) -> str:
    """Return sumy LexRank's `count` best sentences of the text, in text order."""
    paragraphs = body_paragraphs(text)
    if sum(len(paragraph) for paragraph in paragraphs) <= count:
        # LexRank keeps every sentence of so short a text; skip its degenerate matrix.
        return " ".join(sentence for paragraph in paragraphs for sentence in paragraph)
    splitter = SyllableSplitter()
    document = ObjectDocumentModel(
        [Paragraph([Sentence(sentence, splitter) for sentence in p]) for p in paragraphs]
    )
    chosen = LexRankSummarizer()(document, count)
    return " ".join(str(sentence) for sentence in chosen)
