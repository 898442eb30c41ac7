"""Cleaning scraped bodies: datelines, captions, markers, repeats, headings."""

from __future__ import annotations

import pytest

from digest.clean import (
    MAX_CHARS,
    Block,
    body_blocks,
    clean_lead,
    has_credit_hint,
    is_caption_line,
    is_marker,
    normalize_text,
    strip_dateline,
)

# Every character `str.split` splits on: the fast path of `normalize_text` must see them all.
WHITESPACE = [chr(code) for code in range(0x3001) if chr(code).isspace()]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("(Baonghean.vn) - Phát biểu chỉ đạo tại hội nghị", "Phát biểu chỉ đạo tại hội nghị"),
        ("(Dân trí) – Sáng nay, mưa lớn", "Sáng nay, mưa lớn"),
        ("TTO - Sáng 1-11, báo Tuổi Trẻ trao học bổng", "Sáng 1-11, báo Tuổi Trẻ trao học bổng"),
        ("VOV.VN - Chiều 23/10, Quốc hội thảo luận", "Chiều 23/10, Quốc hội thảo luận"),
        ("HÀ NỘI - Giá vàng tăng mạnh", "Giá vàng tăng mạnh"),
        ("WASHINGTON (Reuters) - The Fed held rates", "The Fed held rates"),
        ("LONDON, May 3 (AP) — Prices rose", "Prices rose"),
        ("TP - Sáng nay, UBND thành phố họp", "Sáng nay, UBND thành phố họp"),
        ("(PLO) - Chiều 5/6, tòa tuyên án", "Chiều 5/6, tòa tuyên án"),
        ("(TBKTSG Online) - Ngân hàng cho vay", "Ngân hàng cho vay"),
        ("SGTT.VN - Theo tin từ Cổng thông tin", "Theo tin từ Cổng thông tin"),
        # Not datelines: a mixed-case subject, a name and its title, plain text.
        ("Hà Nội - Hải Phòng là tuyến cao tốc", "Hà Nội - Hải Phòng là tuyến cao tốc"),
        ("Ông Lê A (Bộ Y tế) - người phát ngôn", "Ông Lê A (Bộ Y tế) - người phát ngôn"),
        ("Nguyễn Xuân Sơn - Phó Bí thư Tỉnh ủy", "Nguyễn Xuân Sơn - Phó Bí thư Tỉnh ủy"),
        ("Giá xăng giảm 500 đồng", "Giá xăng giảm 500 đồng"),
    ],
)
def test_strip_dateline(line: str, expected: str) -> None:
    assert strip_dateline(line) == expected


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Đồng chí Nguyễn Nam Đình phát biểu tại hội nghị. Ảnh: Mai Hoa", True),
        ("Bộ trưởng trình bày báo cáo. (Ảnh: Phương Hoa/TTXVN)", True),
        ("Ảnh: Quỳnh Trần", True),
        ("Ảnh:TTXVN", True),
        ("Quốc lộ 1A ngập nặng chiều 23-10 - Ảnh: N.T.Phúc", True),
        ("Ảnh minh họa", True),
        ("Jane Doe at the conference. Photo: Reuters", True),
        ("Người dân đi đổi giấy phép lái xe tại trụ sở. " * 9 + "Ảnh: Mai Hoa", True),
        ("Người dân đi đổi giấy phép lái xe tại trụ sở. " * 9 + "Ảnh hưởng lớn.", False),
        ("(Photo by Alex Kim)", True),
        ("Chủ tịch nước Trần Đại Quang (phải) hội đàm với Tổng thống Putin.", True),
        ("Ảnh hưởng của bão số 5 tới các tỉnh miền Trung là rất lớn.", False),
        ("Mô hình: mỗi xã một sản phẩm đã được nhân rộng.", False),
        ("Sáng 25/12, hội nghị tổng kết công tác xây dựng Đảng năm 2019.", False),
    ],
)
def test_is_caption_line(line: str, caption: bool) -> None:
    assert is_caption_line(line) is caption


def test_body_blocks_rule_order() -> None:
    text = "\n".join(
        [
            "(Baonghean.vn) - Câu mở đầu của bài báo có đủ nhiều chữ.",
            "Hội nghị tổng kết năm 2019 diễn ra sáng nay tại Nghệ An.",
            "Hội nghị tổng kết năm 2019 diễn ra sáng nay tại Nghệ An. Ảnh: Mai Hoa",
            "",
            "Đổi mới lãnh đạo, chỉ đạo",
            "Câu mở đầu của bài báo có đủ nhiều chữ.",
            "Người dân đi đổi giấy phép lái xe.",
            "Ảnh: Quỳnh Trần",
            "Đoạn cuối của bài báo.",
            "Tin mới",
            "Một bài khác hoàn toàn.",
        ]
    )
    assert body_blocks(text) == [
        Block(text="Câu mở đầu của bài báo có đủ nhiều chữ.", heading=False),
        Block(text="Đổi mới lãnh đạo, chỉ đạo", heading=True),
        Block(text="Đoạn cuối của bài báo.", heading=False),
    ]


@pytest.mark.parametrize(
    "marker", ["Tin liên quan", "Tin mới:", "Related", "READ MORE", "Đọc thêm"]
)
def test_markers_cut_the_rest(marker: str) -> None:
    blocks = body_blocks(f"Nội dung chính của bài.\n{marker}\nTin khác không liên quan.")
    assert [block.text for block in blocks] == ["Nội dung chính của bài."]


@pytest.mark.parametrize(
    "text",
    [
        "Nội dung chính của bài. Thanh Hoài Từ khóa: Đấu thầu, vàng miếng\nDòng sau.",
        "Nội dung chính của bài.\nTags: economy, gold\nDòng sau.",
        "Nội dung chính của bài. TỪ KHÓA: Đấu thầu\nDòng sau.",
        "Nội dung chính của bài. Keywords : gold\nDòng sau.",
    ],
)
def test_a_tag_list_cuts_the_rest(text: str) -> None:
    blocks = body_blocks(text)
    assert blocks[0].text.startswith("Nội dung chính của bài.")
    assert all("Đấu thầu" not in b.text and "gold" not in b.text for b in blocks)
    assert "Dòng sau." not in [block.text for block in blocks]


def test_marker_on_the_first_line_is_not_a_cut() -> None:
    blocks = body_blocks("Xem thêm\nNội dung chính của bài.")
    assert [block.text for block in blocks][-1] == "Nội dung chính của bài."


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("(Baonghean.vn) - Tóm tắt bài.", "Tóm tắt bài."),
        ("<p>TTO - Sáng 1-11, <b>báo</b> trao &amp; tặng</p>", "Sáng 1-11, báo trao & tặng"),
        ("Tóm tắt (Ảnh: TTXVN) bài báo.", "Tóm tắt bài báo."),
        ("", ""),
    ],
)
def test_clean_lead(lead: str, expected: str) -> None:
    assert clean_lead(lead) == expected


def test_normalize_text() -> None:
    decomposed = "Đa\u0300 Na\u0306\u0303ng"  # NFD "Đà Nẵng"
    assert normalize_text(decomposed) == "Đà Nẵng"
    assert normalize_text("a\x00b\u200bc\r\nd\te  f") == "abc\nd e f"
    assert normalize_text(" a\u2028b\xa0 c\u2029d\x85e\rf ") == "a\nb c\nd\ne\nf"
    assert len(normalize_text("x" * (MAX_CHARS * 3))) == MAX_CHARS


@pytest.mark.parametrize(
    "text",
    [
        "Giá vàng hôm nay.ATags: economy",  # "Tags" glued to a word is no tag list
        "Nội dung chính: Từ khóa của năm là chuyển đổi số",  # no colon after the word
    ],
)
def test_tag_words_without_a_tag_list_are_kept(text: str) -> None:
    assert [block.text for block in body_blocks(text)] == [text]


@pytest.mark.parametrize("space", WHITESPACE)
def test_normalize_text_collapses_every_whitespace(space: str) -> None:
    newline = space in "\n\r\x85\u2028\u2029"
    assert normalize_text(f"a {space} b") == ("a\nb" if newline else "a b")
    assert normalize_text(f"{space}a{space}") == ("\na\n" if newline else "a")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đã sạch.\nHai dòng.", "Đã sạch.\nHai dòng."),  # already normal: returned as is
        ("a  b", "a b"),
        ("a \nb", "a\nb"),
        ("a\n b", "a\nb"),
        (" a", "a"),
        ("a ", "a"),
        ("a\n\nb", "a\n\nb"),  # blank lines stay for the caller to drop
        ("a\ufeffb\u200dc", "abc"),
    ],
)
def test_normalize_text_spaces(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("Tin mới", True),
        ("—— Tin liên quan ——", True),
        ("» CÓ THỂ BẠN QUAN TÂM:", True),
        ("Tin mới nhất về giá vàng hôm nay", False),
        ("Tin mới " + "x" * 40, False),
    ],
)
def test_is_marker(line: str, marker: bool) -> None:
    assert is_marker(line) is marker


@pytest.mark.parametrize(
    ("lowered", "hint"),
    [
        ("đồng chí a phát biểu. ảnh: mai hoa", True),
        ("the mayor. photo: reuters", True),
        ("nguồn: vnexpress", True),
        ("cảnh sát giao thông", True),  # a hint only: the credit rule decides
        ("giá vàng tăng mạnh", False),
    ],
)
def test_has_credit_hint(lowered: str, hint: bool) -> None:
    assert has_credit_hint(lowered) is hint
