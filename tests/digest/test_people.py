"""People named in a passage, and who said a quote whose cue names nobody."""

from __future__ import annotations

import pytest

from digest.people import nearby_speaker, people_in, title_holder


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Theo ông Thống, dự án chậm.", ["ông Thống"]),
        ("Ông Nguyễn Văn An nói vậy.", ["Ông Nguyễn Văn An"]),
        ("Ngoài ra, theo bác sĩ Đức, người nghiện mất ngủ.", ["bác sĩ Đức"]),
        ("Tổng thống Mỹ Donald Trump phát biểu.", ["Donald Trump"]),
        ("Nhóm gồm Võ Chí Trung (28 tuổi), trú huyện Đức Thọ), Nguyễn Văn Duẩn.", None),
        ("Ông Thống về. Ông Tám đi.", ["Ông Thống", "Ông Tám"]),
        ("Một người đàn ông Trung Quốc xưng tên Yahang.", []),
        ("Ông sang New Delhi dự họp.", []),
        ("Theo AdvanFort, tàu được cấp phép.", []),
        ("Jane Doe met Mr Smith in Paris.", ["Jane Doe", "Mr Smith"]),
        ("Không có ai cả.", []),
        ("", []),
    ],
)
def test_people_in(text: str, people: list[str] | None) -> None:
    found = people_in(text)
    if people is None:  # a name never runs across punctuation
        assert found == ["Võ Chí Trung", "Nguyễn Văn Duẩn"]
    else:
        assert found == people
    assert all(person in text for person in found)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("bác sĩ", "bác sĩ Đức"),
        ("Ông", "ông Thống"),
        ("luật sư", None),
        ("", None),
        (None, None),
    ],
)
def test_title_holder(title: str | None, expected: str | None) -> None:
    assert title_holder(title, ["ông Thống", "bác sĩ Đức"]) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # A person in the same sentence, after the quote.
        (['"Câu trích dẫn đủ dài để làm trích dẫn", chị Dung xúc động nói.'], "chị Dung"),
        # Before the quote in the same sentence.
        (['Trả lời báo chí, ông Lê Văn Tám nêu "câu trích dẫn đủ dài để làm".'], "ông Lê Văn Tám"),
        # The previous sentence.
        (['Bà Hằng kể lại. "Câu trích dẫn đủ dài để làm trích dẫn", theo lời kể.'], "Bà Hằng"),
        # A pronoun: the last person named earlier, in an earlier paragraph.
        (
            [
                "Ông Trần Văn Hải cho rằng cần thêm thời gian.",
                "Ý kiến khác.",
                '"Câu nói", ông nói.',
            ],
            "Ông Trần Văn Hải",
        ),
        # Nobody named and no pronoun.
        (['"Câu trích dẫn đủ dài để làm trích dẫn", một người dân nói.'], None),
    ],
)
def test_nearby_speaker(paragraphs: list[str], expected: str | None) -> None:
    paragraph = paragraphs[-1]
    start = paragraph.index('"')
    span = (start, paragraph.index('"', start + 1) + 1)
    previous = paragraphs[-2] if len(paragraphs) > 1 else ""
    assert nearby_speaker(paragraphs, len(paragraphs) - 1, span, previous) == expected
