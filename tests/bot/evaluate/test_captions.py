"""Caption leakage: credit markers and caption text in a card's pieces."""

from __future__ import annotations

import pytest

from bot.evaluate.captions import caption_segments, has_caption_marker, leaks_caption

TEXT = "\n".join(
    [
        "Sáng 25/12, tỉnh Hà Tĩnh khánh thành cây cầu dài 850 m bắc qua sông Lam.",
        "Chủ tịch tỉnh Lê Thị Hoa cắt băng khánh thành cây cầu. Ảnh: Minh Châu",
        "Người dân đi qua cầu trong ngày đầu. (Ảnh: Hải Yến) Cây cầu giúp rút ngắn đường đi.",
        "Ông Nguyễn Văn An (phải) bắt tay kỹ sư trưởng công trình",
        "Mayor Ana Lopez rides along Main Street. Photo: Sam Reed",
    ]
)


@pytest.mark.parametrize(
    ("piece", "marked"),
    [
        ("Người dân đi qua cầu. Ảnh: Minh Châu", True),
        ("Cây cầu mới (Ảnh minh họa)", True),
        ("Mayor Ana Lopez. Photo: Sam Reed", True),
        ("Nguồn ảnh: Internet", True),
        ("Bức ảnh chụp cây cầu mới rất đẹp.", False),
        ("The photo shows a bridge.", False),
    ],
)
def test_has_caption_marker(piece: str, marked: bool) -> None:
    assert has_caption_marker(piece) is marked


def test_caption_segments_find_lines_and_inline_captions() -> None:
    assert caption_segments(TEXT) == [
        "chủ tịch tỉnh lê thị hoa cắt băng khánh thành cây cầu.",
        "người dân đi qua cầu trong ngày đầu.",
        "ông nguyễn văn an (phải) bắt tay kỹ sư trưởng công trình",
        "mayor ana lopez rides along main street.",
    ]


@pytest.mark.parametrize(
    ("pieces", "leak"),
    [
        (["Sáng 25/12, tỉnh Hà Tĩnh khánh thành cây cầu dài 850 m bắc qua sông Lam."], False),
        (["Chủ tịch tỉnh Lê Thị Hoa cắt băng khánh thành cây cầu."], True),
        (["Người dân đi qua cầu trong ngày đầu."], True),  # the sentence before "(Ảnh:"
        (["Cây cầu giúp rút ngắn đường đi."], False),  # text after the credit is body
        (["Ông Nguyễn Văn An (phải) bắt tay kỹ sư trưởng công trình"], True),
        (["Mayor Ana Lopez rides along Main Street…"], True),  # a cut summary still leaks
        (["Ana Lopez"], False),  # too short to judge
        (["Cây cầu mới. Ảnh: Minh Châu"], True),
        ([], False),
    ],
)
def test_leaks_caption(pieces: list[str], leak: bool) -> None:
    assert leaks_caption(pieces, TEXT) is leak


def test_a_caption_repeating_a_body_sentence_is_not_a_leak() -> None:
    text = "Cây cầu dài 850 m bắc qua sông Lam.\nCây cầu dài 850 m bắc qua sông Lam. Ảnh: Minh Châu"
    assert not leaks_caption(["Cây cầu dài 850 m bắc qua sông Lam."], text)
