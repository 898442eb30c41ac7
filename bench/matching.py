"""Keyword matching at scale: one article against 100,000 subscriptions. Prints a table.

Subscriptions and articles come from one generated vocabulary (Vietnamese-like syllables with
diacritics, and English-like words) with Zipf-distributed frequencies: 1–3 terms of 1–2
syllables, some quoted phrases, exclusions and ORs, half typed without diacritics. The index
is timed without and with document frequencies (taken from separate training articles); the
baseline loops `matches` over every subscription on fewer articles; both must return the same
sets. "once" times each article a single time, as a bot meets it; "warm" is the best of 5.

Run: `python bench/matching.py [--subs 100000] [--articles 300] [--naive 20] [--seed 7]`;
`--phrases` quotes every multi-syllable term, to show how the share of matching
subscriptions drives the time.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from digest.index import SubscriptionIndex, document_frequency
from digest.query import Doc, Query, QueryError, make_doc, matches, parse_query
from digest.text import fold

TARGET_MS = 1.0
ONSETS: tuple[str, ...] = ("", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m")
ONSETS += ("n", "ng", "nh", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x")
VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "uy", "iê", "ươ", "uô")
CODAS = ("", "", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u")
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
LETTERS = ("bcdfghklmnprstvw", "aeiou")
Draw = Callable[[int], list[str]]


def syllable(rng: Random) -> str:
    """Return one Vietnamese-like syllable with a tone mark."""
    marked = rng.choice(VOWELS) + rng.choice(TONES)
    return unicodedata.normalize("NFC", rng.choice(ONSETS) + marked + rng.choice(CODAS))


def english_word(rng: Random) -> str:
    """Return one pronounceable English-like word of 4–9 letters."""
    return "".join(rng.choice(LETTERS[index % 2]) for index in range(rng.randint(4, 9)))


def zipf_picker(rng: Random, words: Sequence[str], *, flat: int = 1) -> Draw:
    """Return a function drawing `k` words with weight 1 / (rank + `flat`) (Zipf–Mandelbrot)."""
    cumulative: list[float] = []
    total = 0.0
    for rank in range(len(words)):
        total += 1.0 / (rank + flat)
        cumulative.append(total)
    return lambda k: rng.choices(words, cum_weights=cumulative, k=k)


def vocabulary(rng: Random, size: int) -> list[str]:
    """Return `size` distinct words, most frequent first: syllables, compounds, English.

    Syllables are Zipf-distributed too, so common words are made of common syllables and
    rare names often hold a common syllable, as in Vietnamese.
    """
    syllables = zipf_picker(rng, list(dict.fromkeys(syllable(rng) for _ in range(7000))))
    words: dict[str, None] = {}
    while len(words) < size:
        roll = rng.random()
        if roll < 0.35:
            words[syllables(1)[0]] = None
        elif roll < 0.9:
            words[" ".join(syllables(2))] = None
        else:
            words[english_word(rng)] = None
    return list(words)


def topics(rng: Random, words: Sequence[str]) -> list[str]:
    """Return the words members follow, most followed first: no function words, and
    popularity only loosely tied to how often a word is printed."""
    pool = list(words[300:])
    rng.shuffle(pool)
    return pool


def article(rng: Random, draw: Draw, words: Sequence[str]) -> str:
    """Return a ~600-token article: Zipf words, a few bursty topic words, sentences."""
    body = draw(360)
    for topic in rng.sample(words[200:20000], 8):
        body.extend([topic] * 4)
    rng.shuffle(body)
    sentences = []
    for start in range(0, len(body), 16):
        chunk = body[start : start + 16]
        clause, rest = " ".join(chunk[1:8]), " ".join(chunk[8:])
        sentences.append(f"{chunk[0].capitalize()} {clause}, {rest}.")
    return " ".join(sentences)


def term(rng: Random, word: str, *, phrases: bool) -> str:
    """Type one term as a member might: maybe quoted, maybe without diacritics."""
    typed = fold(word) if rng.random() < 0.5 else word
    if " " in typed and (phrases or rng.random() < 0.4):
        typed = f'"{typed}"'
    return typed.upper() if rng.random() < 0.05 else typed


def subscription(rng: Random, draw: Draw, *, phrases: bool) -> str:
    """Return one query: 1–3 terms, sometimes an exclusion, sometimes an OR branch."""

    def branch() -> str:
        count = rng.choices((1, 2, 3), weights=(55, 30, 15))[0]
        parts = [term(rng, word, phrases=phrases) for word in draw(count)]
        if rng.random() < 0.1:
            parts.append("-" + term(rng, draw(1)[0], phrases=phrases))
        return " ".join(parts)

    text = branch()
    return f"{text} OR {branch()}" if rng.random() < 0.07 else text


def queries(rng: Random, draw: Draw, count: int, *, phrases: bool) -> list[Query]:
    """Return `count` valid parsed queries, redrawing those the parser refuses."""
    parsed: list[Query] = []
    while len(parsed) < count:
        try:
            parsed.append(parse_query(subscription(rng, draw, phrases=phrases)))
        except QueryError:
            continue
    return parsed


def ms_since(start: int) -> float:
    """Return the milliseconds since `start` (a `perf_counter_ns` reading)."""
    return (time.perf_counter_ns() - start) / 1e6


def timings(docs: Sequence[Doc], action: Callable[[Doc], object], *, tries: int) -> list[float]:
    """Return, per doc, the best of `tries` timings of `action` in milliseconds."""
    gc.collect()
    best: list[float] = []
    for doc in docs:
        runs = []
        for _ in range(tries):
            start = time.perf_counter_ns()
            action(doc)
            runs.append(ms_since(start))
        best.append(min(runs))
    return best


def build(subs: Sequence[Query], frequency: dict[str, float] | None) -> SubscriptionIndex:
    """Return an index of `subs` numbered from 0."""
    index = SubscriptionIndex(doc_frequency=frequency)
    for sub_id, query in enumerate(subs):
        index.add(sub_id, query)
    return index


def naive(subs: Sequence[Query], doc: Doc) -> set[int]:
    """Return the matching ids by calling `matches` on every subscription."""
    return {sub_id for sub_id, query in enumerate(subs) if matches(query, doc)}


def spread(values: Sequence[float]) -> str:
    """Show the median and 95th percentile of `values` in milliseconds."""
    return f"{statistics.median(values):,.3f} / {statistics.quantiles(values, n=20)[-1]:,.3f} ms"


def index_rows(
    subs: Sequence[Query], training: Sequence[Doc], sample: Sequence[Doc]
) -> tuple[list[tuple[str, str]], dict[str, SubscriptionIndex]]:
    """Build and time the index without and with document frequencies.

    The target applies to the index with document frequencies, which is how the bot matches
    (`handlers.digests` learns them from its newest articles); the other row shows what the
    frequencies are worth.
    """
    rows: list[tuple[str, str]] = []
    indexes: dict[str, SubscriptionIndex] = {}
    for label, frequency in (("index", None), ("index + doc freq", document_frequency(training))):
        targeted = frequency is not None
        start = time.perf_counter_ns()
        index = indexes[label] = build(subs, frequency)
        rows.append((f"{label}: build", f"{ms_since(start):,.0f} ms"))
        gc.collect()
        gc.freeze()  # as a long-running bot would after loading: no full scans of the index
        once = timings(sample, index.match, tries=1)
        warm = timings(sample, index.match, tries=5)
        mark = "✓" if statistics.median(once) <= TARGET_MS else "✗"
        verdict = f"  {mark} ≤ 1 ms (as the bot matches)" if targeted else "  (no target)"
        rows.append((f"{label}: match once, median / p95", f"{spread(once)}{verdict}"))
        rows.append((f"{label}: match warm, median / p95", spread(warm)))
    return rows, indexes


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the data, time index and baseline, print the table; 1 when sets differ."""
    parser = argparse.ArgumentParser(description="Time keyword matching at scale.")
    parser.add_argument("--subs", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--naive", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--phrases", action="store_true")
    args = parser.parse_args(argv)
    rng = Random(args.seed)
    words = vocabulary(rng, 30_000)
    draw_text = zipf_picker(rng, words)
    draw_topic = zipf_picker(rng, topics(rng, words), flat=10)
    start = time.perf_counter_ns()
    subs = queries(rng, draw_topic, args.subs, phrases=args.phrases)
    parse_ms = ms_since(start)
    texts = [article(rng, draw_text, words) for _ in range(args.articles + 200)]
    start = time.perf_counter_ns()
    docs = [make_doc(text) for text in texts]
    doc_ms = ms_since(start) / len(texts)
    training, sample = docs[:200], docs[200:]
    rows = [
        ("subscriptions / articles", f"{len(subs):,} / {len(sample)}"),
        ("tokens per article (median)", f"{statistics.median(len(d.tokens) for d in sample):,}"),
        ("parse per query (mean)", f"{parse_ms * 1000 / len(subs):,.1f} µs"),
        ("make_doc per article (mean)", f"{doc_ms:,.3f} ms"),
    ]
    index_table, indexes = index_rows(subs, training, sample)
    rows += index_table
    few = sample[: args.naive]
    naive_times = timings(few, lambda doc: naive(subs, doc), tries=1)
    expected = [naive(subs, doc) for doc in few]
    same = all(
        index.match(doc) == want
        for index in indexes.values()
        for doc, want in zip(few, expected, strict=True)
    )
    best = min(statistics.median(timings(sample, ix.match, tries=1)) for ix in indexes.values())
    found = statistics.median(len(indexes["index"].match(doc)) for doc in sample)
    rows += [
        (f"naive loop ({len(few)} articles), median / p95", spread(naive_times)),
        (
            "speed-up (naive / best index, medians)",
            f"{statistics.median(naive_times) / best:,.0f}×",
        ),
        ("subscriptions matched per article (median)", f"{found:,.0f} ({found / len(subs):.1%})"),
        (f"index == naive on {len(few)} articles", "✓ identical" if same else "✗ DIFFERENT"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
