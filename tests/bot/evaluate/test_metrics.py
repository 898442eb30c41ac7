"""Aggregate metrics over hand-made cards and records."""

from __future__ import annotations

import pytest

from bot.evaluate import metrics
from bot.evaluate.dataset import Record
from bot.evaluate.metrics import Ratio
from digest.models import Card, Figure, Quote

VI = Record(
    id="vi",
    title="Sông Xanh lãi lớn",
    text=(
        "Doanh thu đạt 1.234,5 tỷ đồng, tăng 18% vào ngày 24/6.\n"
        "Ông Trần Văn Minh cho biết: “Chúng tôi sẽ mở thêm mười hai nhà máy mới”.\n"
        "Tổng giám đốc phát biểu tại đại hội. Ảnh: Hoàng Lan"
    ),
    summary="Năm 2023 doanh thu đạt 1.234,5 tỷ đồng, tăng 18%, có 12 nhà máy từ 1/4/2024.",
)
EN = Record(
    id="en",
    title="Bike lanes",
    text='The council approved 45 km of lanes for $12.5 million. "No comment today," she said.',
    summary="Council approves 45 km of lanes costing $12.5 million in 2025.",
)


def figure(value: str, sentence: str = "Doanh thu đạt 1.234,5 tỷ đồng.") -> Figure:
    return Figure(value=value, label="doanh thu", sentence=sentence)


def card(
    summary: str = "Doanh thu tăng.",
    quote: Quote | None = None,
    figures: tuple[Figure, ...] = (),
) -> Card:
    return Card(headline="H", summary=summary, quote=quote, figures=figures, lang="vi")


GOOD_QUOTE = Quote(text="Chúng tôi sẽ mở thêm mười hai nhà máy mới", speaker="ông Trần Văn Minh")


def test_ratio_value() -> None:
    assert Ratio(3, 4).value == 0.75
    assert Ratio(0, 0).value is None


@pytest.mark.parametrize(
    ("vi_figures", "en_figures", "expected"),
    [
        # VI wants {1234.5, 18, 12} (2023 and 1/4/2024 are not figures); EN wants {45, 12.5}
        ((figure("1.234,5 tỷ đồng"), figure("18%")), (figure("45 km"),), Ratio(3, 5)),
        ((), (), Ratio(0, 5)),
        ((figure("1.234 tỷ"),), (figure("$12.5 million"),), Ratio(1, 5)),  # 1234 ≠ 1234.5
        ((figure("1234,5 tỷ"),), (), Ratio(1, 5)),  # same value, written differently
        ((figure("12 nhà máy"), figure("12 nhà máy")), (), Ratio(1, 5)),  # counted once
    ],
)
def test_figure_recall(
    vi_figures: tuple[Figure, ...], en_figures: tuple[Figure, ...], expected: Ratio
) -> None:
    cards = [card(figures=vi_figures), card(figures=en_figures)]
    assert metrics.figure_recall(cards, [VI, EN]) == expected


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        ((figure("1.234,5 tỷ đồng"), figure("18%")), Ratio(2, 2)),
        ((figure("1.234,5 tỷ đồng"), figure("24/6")), Ratio(1, 2)),  # a date
        ((figure("99 tỷ đồng"),), Ratio(0, 1)),  # not in the text
        ((figure("2023"),), Ratio(0, 1)),  # a bare year (and not in the text either)
        ((), Ratio(0, 0)),
    ],
)
def test_figure_precision(figures: tuple[Figure, ...], expected: Ratio) -> None:
    assert metrics.figure_precision([card(figures=figures)], [VI]) == expected


@pytest.mark.parametrize(
    ("quote", "validity", "coverage", "speaker"),
    [
        (GOOD_QUOTE, Ratio(1, 1), Ratio(1, 1), Ratio(1, 1)),
        (Quote(text=GOOD_QUOTE.text, speaker=None), Ratio(1, 1), Ratio(1, 1), Ratio(0, 1)),
        (Quote(text=GOOD_QUOTE.text, speaker="Bà Lê Thị Hoa"), Ratio(1, 1), Ratio(1, 1),
         Ratio(0, 1)),  # a speaker the text never names
        (Quote(text="Ông Trần Văn Minh cho biết sẽ mở nhà máy", speaker="Ông Trần Văn Minh"),
         Ratio(0, 1), Ratio(1, 1), Ratio(1, 1)),  # words outside the quotation marks
        (None, Ratio(0, 0), Ratio(0, 1), Ratio(0, 0)),
    ],
)  # fmt: skip
def test_quote_metrics(
    quote: Quote | None, validity: Ratio, coverage: Ratio, speaker: Ratio
) -> None:
    # EN quotes only "No comment today," (3 syllables), so it never counts for coverage
    cards, records = [card(quote=quote), card()], [VI, EN]
    assert metrics.quote_validity(cards, records) == validity
    assert metrics.quote_coverage(cards, records) == coverage
    assert metrics.speaker_share(cards, records) == speaker


def test_card_pieces_cover_summary_quote_and_figure_sentences() -> None:
    pieces = metrics.card_pieces(
        card(summary="Một câu. Hai câu.", quote=GOOD_QUOTE, figures=(figure("18%", "Câu số."),))
    )
    assert pieces == ["Một câu.", "Hai câu.", GOOD_QUOTE.text, "Câu số."]


@pytest.mark.parametrize(
    ("vi_card", "leaks"),
    [
        (card(summary="Doanh thu đạt 1.234,5 tỷ đồng, tăng 18% vào ngày 24/6."), 0),
        (card(summary="Tổng giám đốc phát biểu tại đại hội."), 1),
        (card(figures=(figure("18%", "Tăng 18%. Ảnh: Hoàng Lan"),)), 1),
    ],
)
def test_caption_leaks_count_cards(vi_card: Card, leaks: int) -> None:
    pieces = [metrics.card_pieces(vi_card), metrics.summary_pieces("The council approved.")]
    assert metrics.caption_leaks(pieces, [VI, EN]) == leaks


def test_mean_rouge_averages_records() -> None:
    scores = metrics.mean_rouge([VI.summary, ""], [VI, EN])
    assert (scores.rouge1, scores.rouge2, scores.rouge_l) == (0.5, 0.5, 0.5)
