"""Offline language detection."""

from __future__ import annotations

import unicodedata

import pytest

from digest.lang import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tránh qua loa, đại khái trong học tập các chủ trương, chỉ thị của Đảng", "vi"),
        (unicodedata.normalize("NFD", "Người dân Hà Nội đổ xô đi mua thực phẩm"), "vi"),
        ("Nguoi dan Ha Noi cho biet gia thuc pham da tang manh trong tuan nay", "vi"),
        ("The city council approved the plan on Monday after a long debate.", "en"),
        ("Acme reported revenue of $3.2 billion for the quarter, and said it was pleased.", "en"),
        ("Le gouvernement a annoncé une réforme des retraites la semaine dernière.", "other"),
        ("El presidente anunció nuevas medidas económicas para el próximo año.", "other"),
        ("Die Regierung hat heute neue Maßnahmen beschlossen.", "other"),
        ("这是一个中文句子，讲的是经济新闻。", "other"),
        ("Это русский текст о новостях экономики.", "other"),
        ("12345 67.89 !!! ???", "other"),
        ("", "other"),
        # Vietnamese letters in mostly Cyrillic or Chinese text do not make it Vietnamese.
        ("Это русский текст о новостях экономики, Hà Nội.", "other"),
        ("这是一个中文句子，讲的是经济新闻。Đà Nẵng", "other"),
        # A few Vietnamese letters among many others still count, by share of letters.
        ("Wir essen " + "gern und viel " * 10 + "phở", "other"),
        ("Thủ tướng chủ trì cuộc họp với " + "các bộ ngành " * 5, "vi"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected
