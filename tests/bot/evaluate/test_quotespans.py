"""Quoted spans of a text and the verbatim check on a card's quote."""

from __future__ import annotations

import pytest

from bot.evaluate.quotespans import has_quotable_span, is_verbatim_quote, quoted_spans

VI_TEXT = (
    "Ông Trần Văn Minh cho biết: “Chúng tôi sẽ mở thêm mười hai nhà máy trong hai năm tới”.\n"
    "Chương trình “Vì ngày mai” được nhắc lại."
)
EN_TEXT = (
    '"This is the biggest investment in safe streets our city has made," said Ana Lopez.\n'
    "Critics called it 'a waste of money that nobody in this town asked for'."
)


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        (VI_TEXT, ["Chúng tôi sẽ mở thêm mười hai nhà máy trong hai năm tới"]),
        (
            EN_TEXT,
            [
                "This is the biggest investment in safe streets our city has made,",
                "a waste of money that nobody in this town asked for",
            ],
        ),
        (
            "Họ nói «đây là một ngày lịch sử của cả dân tộc ta»",
            ["đây là một ngày lịch sử của cả dân tộc ta"],
        ),
        ("Slogan “Vì ngày mai” only.", []),  # under 8 syllables
        ("He didn't say it wasn't so, and they'd never know it.", []),  # apostrophes
        ("“Một hai ba bốn\nnăm sáu bảy tám chín”", []),  # a quotation never spans lines
    ],
)
def test_quoted_spans(text: str, spans: list[str]) -> None:
    assert quoted_spans(text) == spans


@pytest.mark.parametrize(
    ("quote", "text", "valid"),
    [
        ("Chúng tôi sẽ mở thêm mười hai nhà máy trong hai năm tới", VI_TEXT, True),
        ("mở thêm mười hai nhà máy trong hai năm tới", VI_TEXT, True),  # a verbatim part
        ("Chúng tôi sẽ mở thêm mười hai nhà máy trong ba năm tới", VI_TEXT, False),
        ("Ông Trần Văn Minh cho biết", VI_TEXT, False),  # not inside quotation marks
        ("mười hai nhà máy", VI_TEXT, False),  # too short
        ("This is the biggest investment in safe streets our city has made", EN_TEXT, True),
        ("said Ana Lopez. Critics called it", EN_TEXT, False),
        ("Chúng  tôi sẽ mở thêm mười hai nhà máy trong hai năm tới", VI_TEXT, True),  # spacing
    ],
)
def test_is_verbatim_quote(quote: str, text: str, valid: bool) -> None:
    assert is_verbatim_quote(quote, text) is valid


@pytest.mark.parametrize(
    ("text", "quotable"),
    [(VI_TEXT, True), (EN_TEXT, True), ("Không ai được trích dẫn “ngắn” ở đây.", False)],
)
def test_has_quotable_span(text: str, quotable: bool) -> None:
    assert has_quotable_span(text) is quotable
