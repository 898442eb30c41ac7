"""Digest cards end to end: the seed article, English fixtures, leads and hostile input."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from digest.card import SUMMARY_MAX, summarize
from digest.jsoncard import card_to_dict
from digest.models import Card, Figure, Quote

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seed" / "baonghean-2019-12-25.txt"
DATA = Path(__file__).resolve().parent / "data"


def load(path: Path) -> tuple[str, str]:
    """Split a fixture into its title (first line) and body."""
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return title, body


def card_text(card: Card) -> str:
    """Every string a reader could see on the card, as one JSON text."""
    return json.dumps(card_to_dict(card), ensure_ascii=False)


def test_seed_card_is_exact() -> None:
    card = summarize(*load(SEED))
    assert card.headline == "Tránh qua loa, đại khái trong học tập các chủ trương, chỉ thị của Đảng"
    assert card.summary.startswith("Phát biểu chỉ đạo tại hội nghị, đồng chí Nguyễn Xuân Sơn")
    assert len(card.summary) <= SUMMARY_MAX
    assert card.quote == Quote(
        text=(
            "Nếu không thấm nhuần các chủ trương, nghị quyết, chỉ thị của Đảng thì khó bảo vệ "
            "nền tảng của Đảng và chuyển tải đến với nhân dân"
        ),
        speaker="Phó Bí thư Thường trực Tỉnh ủy Nguyễn Xuân Sơn",
    )
    assert [(f.value, f.label) for f in card.figures] == [
        ("152", "đảng viên mới"),
        ("837", "đảng viên được kết nạp từ đầu nhiệm kỳ"),
        ("277", "lượt tổ chức đảng"),
        ("71", "tổ chức đảng"),
        ("2", "tổ chức đảng"),
        ("7", "đảng viên"),
    ]
    assert card.lang == "vi"


def test_seed_figures_quote_their_sentences() -> None:
    card = summarize(*load(SEED))
    for figure in card.figures:
        assert figure.value in figure.sentence
        assert figure.label in figure.sentence
    assert "Ủy ban Kiểm tra hai cấp" in card.figures[-1].sentence


@pytest.mark.parametrize(
    "absent",
    ["Ảnh", "Mai Hoa", "Tin mới", "Baonghean", "5 năm liền", "28/9", "25/12", "PCI", "PAPI"],
)
def test_seed_card_has_no_caption_or_marker_text(absent: str) -> None:
    assert absent not in card_text(summarize(*load(SEED)))


@pytest.mark.parametrize(
    ("fixture", "summary_start", "quote", "figures"),
    [
        (
            "en-acme-earnings.txt",
            "Acme Corp reported revenue of $3.2 billion",
            Quote(
                text=(
                    "We are seeing demand for our platform that we have never seen before "
                    "in our history"
                ),
                speaker="Jane Doe",
            ),
            [
                ("$3.2 billion", "revenue"),
                ("12.5%", "Cloud sales"),
                ("1,234.5 tonnes", "old hardware"),
                ("2,400", "engineers"),
                ("3", "new data centres"),
            ],
        ),
        (
            "en-council-bikes.txt",
            "The city council on Monday approved a plan",
            Quote(
                text=(
                    "This is the most important investment in safety that this city has made "
                    "in a decade"
                ),
                speaker="Mayor John Smith",
            ),
            [("45 km", "protected bike lanes"), ("$45 million", "plan"), ("60%", "money")],
        ),
    ],
)
def test_english_fixtures(
    fixture: str, summary_start: str, quote: Quote, figures: list[tuple[str, str]]
) -> None:
    card = summarize(*load(DATA / fixture))
    assert card.lang == "en"
    assert card.summary.startswith(summary_start)
    assert card.quote == quote
    assert [(f.value, f.label) for f in card.figures] == figures
    text = card_text(card)
    assert "Photo" not in text and "Related" not in text and "record high" not in text


def test_glued_caption_never_reaches_the_card_and_the_headline_guides_the_summary() -> None:
    title = "Hố phun lửa ở Bình Thạnh không chứa khí gây cháy"
    body = (
        "Cán bộ lấy mẫu đất tại hiện trường ở Bình Thạnh. Ảnh: An Nhơn Theo kết luận của Sở "
        "Khoa học, hố phun lửa ở Bình Thạnh không chứa khí gây cháy. Các mẫu nước được phân "
        "tích trong ba ngày liên tiếp tại phòng thí nghiệm. Người dân vẫn lo lắng vì ngọn "
        "lửa từng bùng lên nhiều lần trong tuần qua."
    )
    card = summarize(title, body)
    assert card.summary.startswith("Theo kết luận của Sở Khoa học, hố phun lửa")
    assert "Ảnh" not in card_text(card) and "Cán bộ lấy mẫu" not in card_text(card)


def test_lead_is_preferred_and_cleaned() -> None:
    title, body = load(SEED)
    lead = "<p>(Dân trí) - Hội nghị tổng kết công tác xây dựng Đảng năm 2019 đã diễn ra.</p>"
    card = summarize(title, body, lead=lead)
    assert card.summary == "Hội nghị tổng kết công tác xây dựng Đảng năm 2019 đã diễn ra."
    assert card.quote is not None and card.quote.speaker is not None


@pytest.mark.parametrize("lead", ["", "   ", "<br/>", "Ảnh: Mai Hoa", "Tin mới"])
def test_empty_or_junk_lead_falls_back_to_body(lead: str) -> None:
    card = summarize(*load(SEED), lead=lead)
    assert card.summary.startswith("Phát biểu chỉ đạo tại hội nghị")


def test_long_first_sentence_is_cut_at_a_word() -> None:
    body = "Ông A cho biết " + "dự án mới sẽ hoàn thành đúng tiến độ và " * 30 + "đúng hạn."
    card = summarize("Tin", body)
    assert len(card.summary) <= SUMMARY_MAX
    assert card.summary.endswith("…")
    assert body.startswith(card.summary[:-1])


def test_empty_title_falls_back_to_the_first_sentence() -> None:
    card = summarize("", "Hôm nay Hà Nội mưa to trên diện rộng, nhiều tuyến phố bị ngập sâu.")
    assert card.headline == "Hôm nay Hà Nội mưa to trên diện rộng, nhiều tuyến phố bị ngập sâu."


def _junk() -> str:
    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(50_000)).decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("title", "body", "lang"),
    [
        ("Tiêu đề", "", "vi"),
        ("Tiêu đề", " \n\t\n ", "vi"),
        ("Tiêu đề", "!!! ??? … ,,, ---", "vi"),
        ("Tiêu đề", _junk(), "other"),
        ("Tiêu đề", "\x00\x01\ufeff\u200b", "vi"),
        (
            "中文标题",
            "这是一个中文句子。他说：“这是非常重要的事情，我们必须认真对待。”" * 9,
            "other",
        ),
        ("Заголовок", "Он сказал: «Это очень важно для всех нас сегодня». " * 50, "other"),
    ],
)
def test_odd_input_still_gives_a_headline_card(title: str, body: str, lang: str) -> None:
    card = summarize(title, body)
    assert card.headline == title
    assert card.lang == lang
    assert len(card.summary) <= SUMMARY_MAX
    json.dumps(card_to_dict(card))


def test_five_megabytes_is_capped_and_quick() -> None:
    title, body = load(SEED)
    huge = body * (5_000_000 // len(body) + 1)
    started = time.perf_counter()
    card = summarize(title, huge)
    assert time.perf_counter() - started < 2.0
    assert card.quote is not None
    assert [f.value for f in card.figures] == ["152", "837", "277", "71", "2", "7"]


def test_card_to_dict_shape() -> None:
    card = Card(
        headline="H",
        summary="S",
        quote=None,
        figures=(Figure(value="12,5%", label="tăng trưởng", sentence="GDP tăng 12,5%."),),
        lang="vi",
    )
    assert card_to_dict(card) == {
        "headline": "H",
        "summary": "S",
        "quote": None,
        "figures": [{"value": "12,5%", "label": "tăng trưởng", "sentence": "GDP tăng 12,5%."}],
        "lang": "vi",
    }
    seed = summarize(*load(SEED))
    assert seed.quote is not None
    quoted = card_to_dict(seed)
    assert quoted["quote"] == {"text": seed.quote.text, "speaker": seed.quote.speaker}
    assert json.loads(json.dumps(quoted)) == quoted
