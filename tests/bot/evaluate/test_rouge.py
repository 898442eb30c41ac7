"""ROUGE on Unicode syllables through rouge-score with our tokenizer."""

from __future__ import annotations

import pytest

from bot.evaluate.rouge import RougeScores, SyllableTokenizer, rouge_f1


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Hà Nội mưa to", ["hà", "nội", "mưa", "to"]),
        ("ĐẢNG ỦY, 1.234,5 tỷ!", ["đảng", "ủy", "1", "234", "5", "tỷ"]),
        ("Ha\u0300 N\u00f4\u0323i", ["hà", "nội"]),  # decomposed input is recomposed (NFC)
        ("", []),
    ],
)
def test_syllable_tokenizer(text: str, tokens: list[str]) -> None:
    assert SyllableTokenizer().tokenize(text) == tokens


@pytest.mark.parametrize(
    ("candidate", "reference", "expected"),
    [
        ("Hà Nội mưa to", "Hà Nội mưa to", RougeScores(1.0, 1.0, 1.0)),
        ("", "Hà Nội mưa to", RougeScores(0.0, 0.0, 0.0)),
        # the default tokenizer would keep only "h", "n", "i", "m", "a" and score these alike
        ("Học sinh đi học", "Hạc sính đĩ hộc", RougeScores(0.0, 0.0, 0.0)),
        # unigrams 3/4 vs 3/6, bigrams 1/3 vs 1/5, LCS "mưa ở huế" 3
        ("mưa to ở Huế", "mưa lớn ở Huế hôm nay", RougeScores(0.6, 0.25, 0.6)),
    ],
)
def test_rouge_f1(candidate: str, reference: str, expected: RougeScores) -> None:
    scores = rouge_f1(candidate, reference)
    assert scores.rouge1 == pytest.approx(expected.rouge1)
    assert scores.rouge2 == pytest.approx(expected.rouge2)
    assert scores.rouge_l == pytest.approx(expected.rouge_l)
