"""The subscription query language: parsing, refusals, matching and ranking."""

from __future__ import annotations

import unicodedata

import pytest

from digest.query import (
    MAX_QUERY_CHARS,
    Group,
    QueryError,
    make_doc,
    matches,
    parse_query,
    required_tokens,
    score,
)


@pytest.mark.parametrize(
    ("text", "canonical", "described"),
    [
        ("Đảng ủy", "đảng ủy", "all of: đảng, ủy"),
        ("dang uy", "dang uy", "all of: dang, uy"),
        ('"Đảng ủy" tỉnh', '"đảng ủy" tỉnh', 'all of: "đảng ủy", tỉnh'),
        ("“Đảng ủy” tỉnh", '"đảng ủy" tỉnh', 'all of: "đảng ủy", tỉnh'),
        ("„giá vàng”", '"giá vàng"', 'all of: "giá vàng"'),
        ("vàng -SJC", "vàng -sjc", "all of: vàng; none of: sjc"),
        ('covid -"tiêm chủng"', 'covid -"tiêm chủng"', 'all of: covid; none of: "tiêm chủng"'),
        ("Hà Noi", "hà noi", "all of: hà, noi"),
        ("vàng HOẶC bạc", "bạc OR vàng", "all of: vàng; or: all of: bạc"),
        ("vàng HOAC bạc", "bạc OR vàng", "all of: vàng; or: all of: bạc"),
        ("gi\u200bá vàng", "giá vàng", "all of: giá, vàng"),
        ("hoà bình", "bình hòa", "all of: hòa, bình"),
        ("a b OR c", "a b OR c", "all of: a, b; or: all of: c"),
        ("c OR b a", "a b OR c", "all of: c; or: all of: b, a"),
        ("a OR b c OR d", "a OR b c OR d", "all of: a; or: all of: b, c; or: all of: d"),
        ("covid-19", '"covid 19"', 'all of: "covid 19"'),
        ("TP.HCM", '"tp hcm"', 'all of: "tp hcm"'),
        ("vàng vàng VÀNG", "vàng", "all of: vàng"),
        ("a b OR b a", "a b", "all of: a, b"),
        ("Quảng   Ninh\t", "ninh quảng", "all of: quảng, ninh"),
    ],
)
def test_parse_understands(text: str, canonical: str, described: str) -> None:
    query = parse_query(text)
    assert query.canonical == canonical
    assert query.describe() == described
    assert query.notes == ()


@pytest.mark.parametrize("text", ["Đảng ủy", "ĐẢNG  ỦY", "ủy đảng", " đảng\tỦY ", "Đảng uỷ"])
def test_canonical_ignores_case_spacing_order_and_tone_placement(text: str) -> None:
    assert parse_query(text).canonical == parse_query("Đảng ủy").canonical


@pytest.mark.parametrize("text", ["dang uy", "Đang ủy", "Đảng uy"])
def test_canonical_keeps_the_diacritics_typed(text: str) -> None:
    assert parse_query(text).canonical != parse_query("Đảng ủy").canonical


def test_and_binds_tighter_than_or() -> None:
    query = parse_query("a b -x OR c")
    assert query.groups == (
        Group(required=(("a",), ("b",)), excluded=(("x",),)),
        Group(required=(("c",),)),
    )


def test_exact_tokens_keep_diacritics_of_required_terms_only() -> None:
    query = parse_query('"Đảng Ủy" tỉnh -Covid')
    assert query.exact == ("đảng", "ủy", "tỉnh")
    assert query.text == '"Đảng Ủy" tỉnh -Covid'


def test_required_tokens_per_alternative() -> None:
    query = parse_query('"dang uy" tinh -covid OR bão')
    assert required_tokens(query) == (("dang", "uy", "tinh"), ("bao",))
    assert parse_query("bão").groups == (Group(required=(("bão",),)),)


@pytest.mark.parametrize(
    ("text", "code", "canonical", "in_detail"),
    [
        ('"dang uy', "unbalanced_quote", '"dang uy"', "“dang uy”"),
        ('tinh "dang uy', "unbalanced_quote", '"dang uy" tinh', "closed the quote"),
        ("<script>alert(1)</script>", "ignored_characters", "1 alert script", "< > ( )"),
        ("giá vàng 🔥🔥", "ignored_characters", "giá vàng", "🔥"),
        ("a\u202eb", "ignored_characters", "a b", "invisible"),
        ("OR vàng", "dangling_or", "vàng", "OR with nothing"),
        ("vàng OR OR bạc", "dangling_or", "bạc OR vàng", "OR with nothing"),
        ("vàng -", "dangling_minus", "vàng", "“-”"),
        ("bão or lũ", "lower_or", "bão OR lũ", "read “or” as OR"),
        ("bão hoặc lũ", "lower_or", "bão OR lũ", "read “hoặc” as OR"),
    ],
)
def test_accepted_with_a_note(text: str, code: str, canonical: str, in_detail: str) -> None:
    query = parse_query(text)
    assert query.canonical == canonical
    notes = {note.code: note.detail for note in query.notes}
    assert in_detail in notes[code]


def test_notes_never_echo_invisible_characters() -> None:
    query = parse_query('\u202e"abc\u200f')
    assert all(note.detail.isprintable() and note.subject.isprintable() for note in query.notes)
    assert {note.code for note in query.notes} == {"unbalanced_quote", "ignored_characters"}


def test_rtl_words_are_words() -> None:
    assert parse_query("خبر عاجل").canonical == "خبر عاجل"
    doc = make_doc("هذا خبر عاجل اليوم")
    assert matches(parse_query("عاجل"), doc)


@pytest.mark.parametrize(
    ("text", "code", "in_detail"),
    [
        ("", "empty", "empty"),
        ("   \t\n", "empty", "empty"),
        ("x" * 500, "too_long", "at most 64 characters long; this one has 500"),
        ("a" * (MAX_QUERY_CHARS + 1), "too_long", "at most 64"),
        ("🔥🔥", "no_words", "(ignored 🔥)"),
        ("<>&;", "no_words", "no letters or digits"),
        ("\u202e\u200f", "no_words", "no letters or digits to look for:"),
        ('""', "no_words", "no letters or digits"),
        ("OR", "no_words", "no letters or digits"),
        ("-covid", "only_exclusions", "only says what to leave out (-covid)"),
        ('-"tiêm chủng" -covid', "only_exclusions", '-"tiêm chủng" -covid'),
        ("vàng OR -covid", "only_exclusions", "Each side of OR"),
        ("vàng -vàng", "contradiction", "Nothing could ever match"),
        ("bão -bao", "contradiction", "Nothing could ever match"),
        ("HOẶC", "no_words", "no letters or digits"),
        ('"dang uy" -uy', "contradiction", "“dang uy” is required but -“uy”"),
        ("a b c d e f g h i", "too_many_terms", "at most 8 words or phrases; this one has 9"),
        ("a b c d OR e f g h -i", "too_many_terms", "this one has 9"),
    ],
)
def test_refused_with_a_reason(text: str, code: str, in_detail: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert caught.value.code == code
    assert in_detail in caught.value.detail
    assert caught.value.detail[0].isupper() and caught.value.detail.endswith(".")
    assert str(caught.value) == caught.value.detail


def test_refusal_carries_values_for_translation() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query("x" * 500)
    assert caught.value.params == {"limit": 64, "length": 500}


@pytest.mark.parametrize(
    ("text", "accepted"),
    [("a" * MAX_QUERY_CHARS, True), ("a" + " " * 200 + "b", True), ("ab" * 40, False)],
)
def test_length_limit_counts_after_collapsing_whitespace(text: str, accepted: bool) -> None:
    try:
        parse_query(text)
    except QueryError as error:
        assert error.code == "too_long"
        assert not accepted
    else:
        assert accepted


ARTICLE = "Ban Thường vụ Đảng ủy tỉnh Nghệ An họp bàn về giá vàng SJC, Covid-19 và tiêm chủng."


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("dang uy", ARTICLE, True),
        ("ĐẢNG ỦY", "dang uy tinh", False),
        ("ĐẢNG ỦY", ARTICLE, True),
        ("Đảng uỷ", ARTICLE, True),
        ("bão", "Bão số 9 đổ bộ", True),
        ("bão", "Báo cáo của Thông báo, bảo đảm", False),
        ("bao", "Báo cáo", True),
        ("tin tức", "Thông tin tiếp tục được cập nhật", False),
        ("tin tức", "Tin tức mới", True),
        ('"giá vàng"', "Giá vàng tăng", True),
        ('"giá vàng"', "Gia vàng tăng", False),
        ('"gia vàng"', "Giá vàng tăng", True),
        ('"gia vàng"', "Giá vang tăng", False),
        ('"thông tin tiếp"', "Thông tin tiếp tục", True),
        ('"thông tin tiep"', "Thông tin tiếp tục", True),
        ('"thông tin tiếp"', "Thông tin tiep tục", False),
        ("gi\u200bá", "Giá vàng", True),
        ("vàng", "Giá v\u200bàng", True),
        ("hòa bình", "Hoà Bình", True),
        ("vang -bão", "Giá vàng và bão", False),
        ("vang -bão", "Giá vàng, báo chí", True),
        ('vang -"cơn bão"', "Giá vàng, cơn báo", True),
        ('vang -"cơn bão"', "Giá vàng, cơn bão", False),
        ("an", ARTICLE, True),
        ("an", "Ngân hàng ban hành quy định mới", False),
        ("ban", "The council banned bikes", False),
        ("đó", "Ở đó có gì", True),
        ("do", "Ở đó có gì", True),
        ('"dang uy"', ARTICLE, True),
        ('"uy dang"', ARTICLE, False),
        ('"dang tinh"', ARTICLE, False),
        ('"dang uy tinh"', ARTICLE, True),
        ('"dang tinh uy"', ARTICLE, False),
        ('"vang sjc covid"', ARTICLE, True),
        ("covid-19", ARTICLE, True),
        ("covid-20", ARTICLE, False),
        ("vang -sjc", ARTICLE, False),
        ("vang -sjc", "Giá vàng nhẫn tăng", True),
        ('covid -"tiem chung"', ARTICLE, False),
        ('covid -"chung tiem"', ARTICLE, True),
        ('covid -"va tiem chung"', ARTICLE, False),
        ("bao OR lu", "Lũ quét ở miền núi", True),
        ("bao OR lu", ARTICLE, False),
        ("nghe an OR xyz", ARTICLE, True),
        ("nghe xyz OR an -sjc", ARTICLE, False),
        ("nghe xyz OR an -sjc OR vang", ARTICLE, True),
    ],
)
def test_matches(query: str, text: str, expected: bool) -> None:
    assert matches(parse_query(query), make_doc(text)) is expected


def test_matches_text_in_any_normal_form() -> None:
    decomposed = unicodedata.normalize("NFD", "Đảng ủy tỉnh")
    assert matches(parse_query('"đảng ủy"'), make_doc(decomposed))


@pytest.mark.parametrize(
    ("query", "ranked"),
    [
        ("bán OR ban", ["Giá bán lẻ tăng", "Bàn ghế mới", "Bạn đọc hỏi", "Không liên quan"]),
        ("Đảng ủy OR dang uy", ["Đảng ủy tỉnh", "Đàng ủy", "dang uy tinh", "khác"]),
    ],
)
def test_exact_diacritics_rank_first(query: str, ranked: list[str]) -> None:
    parsed = parse_query(query)
    scores = [score(parsed, make_doc(text)) for text in ranked]
    assert scores[0] > scores[1] >= scores[2] > scores[3] == 0


def test_score_without_diacritics_in_the_query_is_flat() -> None:
    parsed = parse_query("ban")
    assert score(parsed, make_doc("bán")) == score(parsed, make_doc("bàn")) == 1


def test_doc_holds_folded_tokens_pairs_and_exact_forms() -> None:
    doc = make_doc("Đảng uỷ, tỉnh Đảng")
    assert doc.tokens == ("dang", "uy", "tinh", "dang")
    assert doc.exact_tokens == ("đảng", "ủy", "tỉnh", "đảng")
    assert doc.bigrams == frozenset({"dang uy", "uy tinh", "tinh dang"})
    assert doc.exact == frozenset({"đảng", "ủy", "tỉnh"})
    exact_pairs = {"đảng ủy", "ủy tỉnh", "tỉnh đảng"}
    mixed = {"đảng uy", "dang ủy", "ủy tinh", "uy tỉnh", "tỉnh dang", "tinh đảng"}
    assert doc.keys == doc.token_set | doc.bigrams | doc.exact | exact_pairs | mixed


@pytest.mark.parametrize(
    ("phrase", "found"),
    [
        ('"tinh dang uy"', True),  # second occurrence of the first word starts the phrase
        ('"dang tinh uy"', False),
        ('"uy tinh dang uy"', True),
        ('"tinh dang ban"', False),
    ],
)
def test_long_phrases_match_consecutive_tokens_only(phrase: str, found: bool) -> None:
    doc = make_doc("Đảng ủy, tỉnh Đảng ủy tỉnh")
    assert matches(parse_query(phrase), doc) is found
