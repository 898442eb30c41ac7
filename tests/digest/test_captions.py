"""Captions glued into paragraphs: credits, the captions they close, the text after them."""

from __future__ import annotations

import pytest

from digest.captions import after_credit_name, drop_caption_sentences


@pytest.mark.parametrize(
    ("sentences", "kept"),
    [
        (["Câu một.", "Câu hai có ảnh. Ảnh: AFP", "Câu ba."], ["Câu một.", "Câu ba."]),
        # A credit opening a sentence closes the caption before it; the body text glued
        # after the credit's name is kept.
        (
            ["Câu một.", "Chú thích ảnh.", "Ảnh: Reuters Trên Twitter, ông A viết."],
            ["Câu một.", "Trên Twitter, ông A viết."],
        ),
        (
            ["Hố phun lửa do khí tích tụ.", "Ảnh: An Nhơn Theo kết luận, đất không có khí."],
            ["Theo kết luận, đất không có khí."],
        ),
        # Text before a credit inside the sentence is its caption.
        (
            ["Quốc lộ 1A ngập nặng - Ảnh: N.T.Phúc Theo người dân, mưa đá kéo dài."],
            ["Theo người dân, mưa đá kéo dài."],
        ),
        # Text after a parenthesised credit is body text again.
        (
            ["Chú thích ảnh.", "(Ảnh: Phương Hoa/TTXVN) Trả lời phỏng vấn, ông A cho biết."],
            ["Trả lời phỏng vấn, ông A cho biết."],
        ),
        (
            ["Cấm lợi dụng chức vụ (Ảnh minh họa: Tiền Phong) Đây là nội dung dự thảo."],
            ["Đây là nội dung dự thảo."],
        ),
        (["Ảnh minh họa Nhóm thanh sát đã về."], ["Nhóm thanh sát đã về."]),
        # A credit after a dropped caption does not take the sentence before that one.
        (
            ["Câu thân bài.", "Ông A (bìa phải) thăm hỏi người dân.", "Ảnh: Reuters Tin cho biết."],
            ["Câu thân bài.", "Tin cho biết."],
        ),
        (["Ông A (trái) bắt tay ông B.", "Câu sau."], ["Câu sau."]),
        (["Jane Doe at the event. Photo: Reuters", "Sales rose."], ["Sales rose."]),
        (["Không có gì.", "Cũng không."], ["Không có gì.", "Cũng không."]),
        # "Ảnh"/"video" without a colon is just a word.
        (
            ["Ảnh hưởng của bão rất lớn.", "Video clip gây sốt."],
            ["Ảnh hưởng của bão rất lớn.", "Video clip gây sốt."],
        ),
        # Brackets without a position, and hint words without a credit, keep everything.
        (
            ["Cảnh sát (PC08) đã có mặt.", "Ông A (55 tuổi) nói."],
            ["Cảnh sát (PC08) đã có mặt.", "Ông A (55 tuổi) nói."],
        ),
        # The credit may sit in any sentence of the paragraph.
        (["Câu một.", "Câu hai.", "Chú thích. ẢNH: AFP"], ["Câu một.", "Câu hai."]),
        ([], []),
    ],
)
def test_drop_caption_sentences(sentences: list[str], kept: list[str]) -> None:
    assert drop_caption_sentences(sentences) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" An Nhơn Theo kết luận của Sở", "Theo kết luận của Sở"),  # an opener after the name
        (" AFP Tuy nhiên các báo cáo", "Tuy nhiên các báo cáo"),
        (" Goal Tiền đạo Lê Công Vinh", "Tiền đạo Lê Công Vinh"),  # last capital before lowercase
        (" P.V. Bùi Anh Tuấn từng rất nổi tiếng", "Bùi Anh Tuấn từng rất nổi tiếng"),  # a full name
        (" Vietinbank cung cấp.", ""),  # the credit is all there is
        (" Mai Hoa", ""),
        (" Reuters 20 người đã thiệt mạng", "20 người đã thiệt mạng"),
        (" Reuters The storm hit the coast", "The storm hit the coast"),
        ("", ""),
    ],
)
def test_after_credit_name(text: str, expected: str) -> None:
    assert after_credit_name(text) == expected
