"""Summary sentences: substantial ones, guided by the headline, within the length limit."""

from __future__ import annotations

import pytest

from digest.summary import cut, is_substantial, lead_summary, pick_summary

OPENING = "Sáng nay, hội nghị tổng kết công tác năm của tỉnh đã khai mạc tại hội trường lớn."
POLICY = "Tỉnh quyết định miễn học phí cho toàn bộ học sinh trung học cơ sở từ năm học tới."
DETAIL = "Hội nghị có sự tham dự của đại diện các sở, ban, ngành và các huyện trong tỉnh."
FUNDS = "Kinh phí miễn học phí cho học sinh trung học cơ sở lấy từ ngân sách của tỉnh."


@pytest.mark.parametrize(
    ("sentence", "substantial"),
    [
        (OPENING, True),
        ("Hội nghị bế mạc.", False),  # too few words
        ("Đặc phái viên của Mỹ về chính sách Triều Tiên Joseph Yun.", False),  # a caption
        ("Chủ tịch nước hội đàm với Tổng thống Nga tại Điện Kremlin chiều qua.", True),
        ("The council approved the plan after a long debate.", True),
    ],
)
def test_is_substantial(sentence: str, substantial: bool) -> None:
    assert is_substantial(sentence) is substantial


@pytest.mark.parametrize(
    ("headline", "sentences", "expected"),
    [
        # The sentences that restate the headline win over the opening, in text order.
        (
            "Miễn học phí cho học sinh trung học cơ sở",
            [OPENING, DETAIL, POLICY, FUNDS],
            f"{POLICY} {FUNDS}",
        ),
        # Without a headline the lead bonus keeps the first two sentences.
        ("", [OPENING, DETAIL, POLICY], f"{OPENING} {DETAIL}"),
        # Short or caption-like sentences are never picked.
        (
            "Miễn học phí",
            ["Ảnh tư liệu.", "Đặc phái viên Joseph Yun.", OPENING],
            OPENING,
        ),
        # A piece of a quotation spanning sentences reads badly on its own.
        (
            "Miễn học phí",
            ['" Tỉnh sẽ miễn học phí cho học sinh ở mọi xã trong tỉnh.', OPENING],
            OPENING,
        ),
        ("Tin", [], ""),
        ("Tin", ["Ngắn quá."], ""),
    ],
)
def test_pick_summary(headline: str, sentences: list[str], expected: str) -> None:
    assert pick_summary(sentences, headline=headline, limit=300) == expected


def test_second_sentence_is_the_best_one_that_fits() -> None:
    long = "Tỉnh miễn học phí cho học sinh " + "ở các xã vùng sâu vùng xa " * 8 + "từ năm tới."
    summary = pick_summary([POLICY, long, DETAIL], headline="Miễn học phí cho học sinh", limit=200)
    assert summary == f"{POLICY} {DETAIL}"


def test_a_best_sentence_over_the_limit_is_cut_at_a_word() -> None:
    long = "Tỉnh miễn học phí cho học sinh " + "ở các xã vùng sâu vùng xa " * 20 + "từ năm tới."
    summary = pick_summary([long], headline="Miễn học phí", limit=120)
    assert len(summary) <= 120 and summary.endswith("…")
    assert long.startswith(summary[:-1])


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        ([OPENING, DETAIL], f"{OPENING} {DETAIL}"),
        (["Ngắn.", OPENING, "Cũng ngắn."], OPENING),
        ([OPENING, "Ngắn."], OPENING),
        ([], ""),
    ],
)
def test_lead_summary(sentences: list[str], expected: str) -> None:
    assert lead_summary(sentences, limit=300) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Ngắn gọn.", 20, "Ngắn gọn."),
        ("Một hai ba bốn năm sáu bảy tám chín mười", 20, "Một hai ba bốn năm…"),
        ("Giá tăng 1.234,5 tỷ đồng, rồi giảm", 27, "Giá tăng 1.234,5 tỷ đồng…"),
    ],
)
def test_cut(text: str, limit: int, expected: str) -> None:
    assert cut(text, limit) == expected


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        # A doubled word ("từ từ") makes a shared pair out of one shared word.
        ("Giảm từ từ", "Một hai ba bốn năm sáu từ từ bảy tám."),
        ("Giá xăng", "Một hai ba bốn năm sáu từ bảy tám chín."),  # no overlap: the lead wins
    ],
)
def test_word_pairs_count_doubled_words(headline: str, expected: str) -> None:
    sentences = ["Một hai ba bốn năm sáu từ bảy tám chín.", "Một hai ba bốn năm sáu từ từ bảy tám."]
    assert pick_summary(sentences, headline=headline, limit=45) == expected
