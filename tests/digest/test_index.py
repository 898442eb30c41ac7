"""The subscription index returns exactly what matching every subscription would."""

from __future__ import annotations

from random import Random

import pytest

from digest.index import SubscriptionIndex, document_frequency
from digest.query import Doc, Query, QueryError, make_doc, matches, parse_query
from digest.text import fold

# Few, partly colliding syllables (bán/bàn/bạn/ban fold together) so that matches,
# phrases and exclusions all happen often.
WORDS = (
    *("đảng", "ủy", "tỉnh", "bán", "bàn", "bạn", "ban", "an", "vàng", "giá", "lũ", "bão"),
    *("hà", "nội", "mới", "sjc", "covid", "19", "tiêm", "chủng", "nghệ", "quảng", "ninh"),
    *("fed", "lãi", "suất", "đó", "do", "the", "council"),
)


def random_text(rng: Random, size: int) -> str:
    """Return `size` skewed-random words with some punctuation."""
    weights = [1.0 / (rank + 1) for rank in range(len(WORDS))]
    words = rng.choices(WORDS, weights=weights, k=size)
    return " ".join(word + rng.choice(("", "", "", ",", ".")) for word in words)


def random_term(rng: Random) -> str:
    """Return a word or a quoted phrase, typed with or without diacritics."""
    if rng.random() < 0.3:
        # Some words of a phrase typed without diacritics: exact and folded words mixed.
        words = [
            fold(w) if rng.random() < 0.3 else w for w in rng.choices(WORDS, k=rng.randint(2, 3))
        ]
        term = '"' + " ".join(words) + '"'
    else:
        term = rng.choice(WORDS)
    return fold(term) if rng.random() < 0.5 else term.upper() if rng.random() < 0.1 else term


def random_query(rng: Random) -> str:
    """Return a query text with 1–3 terms, maybe an exclusion, maybe OR branches."""
    branches = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        terms = [random_term(rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.25:
            terms.append("-" + random_term(rng))
        branches.append(" ".join(terms))
    return " OR ".join(branches)


def random_queries(rng: Random, count: int) -> list[Query]:
    """Return `count` parsed random queries, skipping ones the parser refuses."""
    parsed: list[Query] = []
    while len(parsed) < count:
        try:
            parsed.append(parse_query(random_query(rng)))
        except QueryError:
            continue
    return parsed


def naive(subs: dict[int, Query], doc: Doc) -> set[int]:
    """Return the ids matching `doc`, one subscription at a time."""
    return {sub_id for sub_id, query in subs.items() if matches(query, doc)}


def assert_same(index: SubscriptionIndex, subs: dict[int, Query], docs: list[Doc]) -> None:
    """Check the index against the naive loop on every doc, and that it matched something."""
    total = 0
    for doc in docs:
        expected = naive(subs, doc)
        assert index.match(doc) == expected
        total += len(expected)
    assert 0 < total < len(subs) * len(docs)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("with_frequency", [False, True], ids=["no-df", "df"])
def test_index_equals_naive_matching(seed: int, with_frequency: bool) -> None:
    rng = Random(seed)
    docs = [make_doc(random_text(rng, rng.randint(5, 60))) for _ in range(200)]
    subs = dict(enumerate(random_queries(rng, 400)))
    frequency = document_frequency(docs[:50]) if with_frequency else None
    index = SubscriptionIndex(doc_frequency=frequency)
    for sub_id, query in subs.items():
        index.add(sub_id, query)
    assert len(index) == len(subs)
    assert_same(index, subs, docs)

    for sub_id in list(subs)[::3]:
        index.remove(sub_id)
        del subs[sub_id]
    for sub_id, query in zip(range(1000, 1100), random_queries(rng, 100), strict=True):
        index.add(sub_id, query)
        subs[sub_id] = query
    for sub_id, query in zip(list(subs)[::7], random_queries(rng, 100), strict=False):
        index.add(sub_id, query)  # replaces what the id had
        subs[sub_id] = query
    assert len(index) == len(subs)
    assert_same(index, subs, docs)

    index.set_doc_frequency(document_frequency(docs[50:]))
    assert_same(index, subs, docs)


def test_add_remove_and_shared_slots() -> None:
    index = SubscriptionIndex()
    doc = make_doc("Ban Thường vụ Đảng ủy tỉnh họp bàn giá vàng")
    index.add(1, parse_query("dang uy"))
    index.add(2, parse_query("Đảng ủy"))
    index.add(3, parse_query("vàng -sjc OR covid"))
    index.add(4, parse_query('"uy dang"'))
    assert index.match(doc) == {1, 2, 3}
    index.remove(1)
    assert index.match(doc) == {2, 3}
    assert 1 not in index and 2 in index
    index.add(2, parse_query("covid"))
    assert index.match(doc) == {3}
    index.remove(99)
    for sub_id in (2, 3, 4):
        index.remove(sub_id)
    assert len(index) == 0
    assert index.match(doc) == set()


ARTICLE = "Ban Thường vụ Đảng ủy tỉnh Quảng Ninh họp bàn giá vàng SJC, lãi suất Fed mới."


# Each kind of slot the matcher reads: (queries filed in order, the ids the article matches).
@pytest.mark.parametrize(
    ("queries", "expected"),
    [
        (["vàng"], {0}),  # one key, one id
        (["vàng", "VANG", "vang"], {0, 1, 2}),  # one slot, several ids
        (["dang uy", "uy dang"], {0, 1}),  # two keys anywhere
        (['"dang uy"', '"uy dang"'], {0}),  # a pair
        (["dang uy tinh", "dang uy covid"], {0}),  # keys beyond the first two
        (["vàng -sjc", "vàng -covid", "vang -covid"], {1, 2}),  # exclusions, shared slot
        (['vàng -"gia vang"', 'vàng -"vang gia"'], {1}),  # excluded pair
        (['"thuong vu dang"', '"vu thuong dang"'], {0}),  # a phrase of three words
        (['vàng -"ninh hop ban"', 'vàng -"ninh hop"'], set()),  # excluded long phrases
        (['fed -"lai suat cu"', 'fed -"lai suat fed moi"'], {0}),
        (["covid OR lãi suất", "covid OR bão", "sjc -vàng OR fed"], {0, 2}),  # alternatives
        (["dang uy tinh -covid"] * 3, {0, 1, 2}),  # a slot to confirm with several ids
    ],
)
def test_each_kind_of_slot_matches_like_the_loop(queries: list[str], expected: set[int]) -> None:
    subs = {sub_id: parse_query(text) for sub_id, text in enumerate(queries)}
    doc = make_doc(ARTICLE)
    for frequency in (None, document_frequency([doc, make_doc("vàng"), make_doc("bàn")])):
        index = SubscriptionIndex(doc_frequency=frequency)
        for sub_id, query in subs.items():
            index.add(sub_id, query)
        assert index.match(doc) == naive(subs, doc) == expected


@pytest.mark.parametrize("sub_id", [0, 256, 257, -7, 2**31, 2**70])
def test_ids_come_back_equal_whatever_their_size(sub_id: int) -> None:
    index = SubscriptionIndex()
    for other, text in enumerate(("vàng", "dang uy", "vàng -covid")):
        index.add(sub_id + other, parse_query(text))
    assert index.match(make_doc(ARTICLE)) == {sub_id, sub_id + 1, sub_id + 2}


# Changes between matches: (step, query or None to remove, ids matched after the step).
@pytest.mark.parametrize(
    "steps",
    [
        [(1, "vàng", {1}), (2, "vàng", {1, 2}), (1, None, {2}), (2, None, set())],
        [(1, "dang uy", {1}), (1, "covid", set()), (1, "dang uy tinh", {1})],
        [(1, "vàng -covid", {1}), (2, "vàng -covid", {1, 2}), (1, None, {2}), (1, "bão", {2})],
        [(5, '"dang uy tinh"', {5}), (6, '"uy tinh quang"', {5, 6}), (5, None, {6})],
    ],
)
def test_changes_show_at_the_next_match(steps: list[tuple[int, str | None, set[int]]]) -> None:
    index = SubscriptionIndex()
    doc = make_doc(ARTICLE)
    for sub_id, text, expected in steps:
        if text is None:
            index.remove(sub_id)
        else:
            index.add(sub_id, parse_query(text))
        assert index.match(doc) == expected


@pytest.mark.parametrize("text", ["", "!!! ???", "zzz qqq"])
def test_an_article_with_no_subscribed_key_matches_nothing(text: str) -> None:
    index = SubscriptionIndex()
    index.add(1, parse_query("vàng"))
    assert index.match(make_doc(text)) == set()


def test_document_frequency_counts_words_and_pairs() -> None:
    docs = [make_doc("đảng ủy tỉnh"), make_doc("ủy ban")]
    frequency = document_frequency(docs)
    assert frequency["uy"] == 1.0
    assert frequency["dang uy"] == 0.5
    assert "tinh uy" not in frequency
