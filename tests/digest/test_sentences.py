"""Sentence splitting that keeps numbers, abbreviations and quotations whole."""

from __future__ import annotations

import pytest

from digest.sentences import QUOTE_SPAN_MAX, split_sentences


@pytest.mark.parametrize(
    "expected",
    [
        ["Câu một.", "Câu hai!", "Câu ba?"],
        ["Dự án ở TP. Hải Phòng đã xong.", "Ông A nói vậy."],
        ["Ở Tp. Hồ Chí Minh trời mưa."],
        ["Doanh thu đạt 1.234,5 tỷ đồng.", "Lãi 3.2 triệu."],
        ["Sáng 25/12.", "Chiều 26/12."],
        ["PGS. TS. Nguyễn Văn A phát biểu.", "Hội nghị bế mạc."],
        ["GS.TS. Võ Tòng Xuân nhấn mạnh.", "Tiếp theo."],
        ["Ông ở TP.HCM.", "Bà ở Hà Nội."],
        ["Mr. Smith met Dr. Jones.", "They talked."],
        ["The U.S. economy grew.", "Then it slowed."],
        ["Sanctions on the U.S.", "The move angered Beijing."],
        ["U.S. President Biden spoke."],
        ["John F. Kennedy spoke.", "Crowds cheered."],
        ['He said "It is done."', "Then he left."],
        ["Ông nói: “Việc này. Rất khó.”", "Rồi ông về."],
        ['"Một câu. Hai câu," ông A nói.', "Hết."],
        ["Chờ đợi... và hy vọng.", "Xong."],
        ["Giá tăng 12.5%.", "Lãi suất giữ nguyên."],
        ["(Ảnh: TTXVN) Câu sau.", "Câu cuối"],
        ["KTS. Trần Văn C và Cty. Vinaconex thắng thầu.", "Xong."],
        ["Theo văn bản No. 12 của Bộ.", "Bà B, ĐH. Bách Khoa, nói."],
        ["Cô giáo N. ở trường bị phạt.", "Chị Moong Thị M. (SN 1994) khai."],
        ["Ông A (Q. Hải An) nói.", "Saigon Co. op tăng giá."],
        # Quotes opened and closed across several candidate boundaries.
        ['Ông nói: "Một. Hai."', "Rồi đi.", "Bà nói: “Ba! Bốn?”", "Rồi về.", "Hết."],
        ["Anh ấy “hứa. Rồi quên. Thế thôi.”", "Xong."],
    ],
)
def test_split_sentences(expected: list[str]) -> None:
    assert split_sentences(" ".join(expected)) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_a_stray_quote_does_not_swallow_the_paragraph() -> None:
    sentence = "Câu này có nhiều chữ để kéo dài đoạn văn. "
    text = '"' + sentence * (QUOTE_SPAN_MAX // len(sentence) + 5)
    assert len(split_sentences(text)) > 1
