"""Lead-2 and sumy LexRank-2 on our own sentence and word splitting."""

from __future__ import annotations

import pytest

from bot.evaluate.baselines import SyllableSplitter, body_paragraphs, lead_summary, lexrank_summary

CAPTIONED = "\n".join(
    [
        "Chủ tịch tỉnh cắt băng khánh thành cây cầu. Ảnh: Minh Châu",
        "Sáng 25/12, tỉnh Hà Tĩnh khánh thành cầu qua sông Lam. Cầu dài 850 m.",
        "Cầu giúp 40.000 người dân đi lại dễ hơn.",
    ]
)
CENTRAL = "\n".join(
    [
        "Hôm nay trời nắng nhẹ.",
        "Lúa gạo được mùa lớn.",
        "Một con mèo ngủ trên mái nhà.",
        "Lúa gạo, cà phê, hồ tiêu đều tăng.",  # the hub: shares words with three others
        "Cà phê Tây Nguyên xuất khẩu nhiều.",
        "Hồ tiêu Bình Phước bán chạy.",
    ]
)


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        (CAPTIONED, "Sáng 25/12, tỉnh Hà Tĩnh khánh thành cầu qua sông Lam. Cầu dài 850 m."),
        ("Only one sentence here.", "Only one sentence here."),
        ("", ""),
        ("First line.\n\nSecond line. Third one.", "First line. Second line."),
    ],
)
def test_lead_summary_takes_two_sentences_after_captions(text: str, summary: str) -> None:
    assert lead_summary(text) == summary


def test_body_paragraphs_drop_caption_lines_and_split_sentences() -> None:
    assert body_paragraphs(CAPTIONED) == [
        ["Sáng 25/12, tỉnh Hà Tĩnh khánh thành cầu qua sông Lam.", "Cầu dài 850 m."],
        ["Cầu giúp 40.000 người dân đi lại dễ hơn."],
    ]


def test_lexrank_picks_the_central_sentence() -> None:
    assert lexrank_summary(CENTRAL, count=1) == "Lúa gạo, cà phê, hồ tiêu đều tăng."


def test_lexrank_keeps_text_order() -> None:
    summary = lexrank_summary(CENTRAL)
    assert "Lúa gạo, cà phê, hồ tiêu đều tăng." in summary
    assert summary.endswith("Lúa gạo, cà phê, hồ tiêu đều tăng.")  # the other pick comes first


@pytest.mark.parametrize(
    ("text", "summary"),
    [("", ""), ("Một câu. Hai câu.", "Một câu. Hai câu."), (CAPTIONED, None)],
)
def test_lexrank_short_and_captioned_texts(text: str, summary: str | None) -> None:
    result = lexrank_summary(text)
    if summary is not None:
        assert result == summary
    assert "Ảnh" not in result


def test_splitter_gives_sumy_our_sentences_and_syllables() -> None:
    splitter = SyllableSplitter()
    assert splitter.to_sentences("TP. Hà Nội mưa. Trời lạnh.") == ("TP. Hà Nội mưa.", "Trời lạnh.")
    assert splitter.to_words("Đảng ủy, 25/12!") == ("đảng", "ủy", "25", "12")
