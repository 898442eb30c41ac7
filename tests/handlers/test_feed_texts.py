"""Feed failures are told in the member's language, with only neutral detail."""

from __future__ import annotations

import pytest

from handlers.feed_texts import REASONS, feed_reason, opml_reason


def test_every_kind_is_worded_in_both_languages() -> None:
    assert REASONS["vi"].keys() == REASONS["en"].keys()


def test_an_unforeseen_reason_is_cut() -> None:
    worded = feed_reason("x" * 4000, lang="vi")
    assert len(worded) < 120 and worded.endswith("…)")


@pytest.mark.parametrize(
    ("reason", "lang", "expected"),
    [
        ("the server answered 404", "vi", "máy chủ trả lời mã lỗi 404"),
        ("the server answered 404", "en", "the server answered with error code 404"),
        ("could not connect (ConnectError: boom)", "vi", "không kết nối được tới máy chủ"),
        ("not a feed (HTML page)", "vi", "đây là một trang web, không phải nguồn tin RSS/Atom"),
        ("timed out after 30 s", "en", "the server did not answer in time (30 s)"),
    ],
)
def test_reasons_are_worded(reason: str, lang: str, expected: str) -> None:
    assert feed_reason(reason, lang=lang) == expected


@pytest.mark.parametrize(
    ("reason", "lang", "expected"),
    [
        ("not an OPML file (HTML page)", "vi", "đây là một trang web"),
        ("not an OPML file (broken XML on line 3)", "vi", "XML hỏng ở dòng 3"),
        ("not an OPML file (broken XML on line 3)", "en", "broken XML on line 3"),
        (
            "not an OPML file (it declares a DOCTYPE, which is refused for safety)",
            "vi",
            "tệp có DOCTYPE, bị từ chối vì an toàn",
        ),
        ("not an OPML file", "vi", "không phải tệp OPML"),
        ("the file lists more than 500 feeds", "vi", "tệp có hơn 500 nguồn tin"),
        ("the file is empty", "en", "the file is empty"),
        ("the file is larger than 1 MB", "vi", "tệp lớn hơn 1 MB"),
        ("something new", "vi", "không đọc được tệp"),
    ],
)
def test_opml_reasons_are_worded(reason: str, lang: str, expected: str) -> None:
    assert opml_reason(reason, lang=lang) == expected
