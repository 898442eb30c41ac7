"""Near-duplicate story detection across feeds."""

from __future__ import annotations

import os
import subprocess
import sys
from random import Random

import pytest

from digest.dedup import (
    SAME_STORY,
    Fingerprint,
    cluster,
    figures_conflict,
    fingerprint,
    similarity,
    strip_dateline,
)

# (headline, lead) of stories written for these tests. "vi_flood_b" is "vi_flood_a" as another
# outlet ran it: other dateline, reworded headline, one extra clause. "vi_bridge" is a
# different story on the same topic; "vi_flood_hatinh" shares the same template sentence.
STORIES: dict[str, tuple[str, str]] = {
    "vi_flood_a": (
        "Nghệ An: Mưa lũ làm 3 người chết, hơn 1.200 ngôi nhà bị ngập",
        "(Dân trí) - Mưa lớn kéo dài từ đêm 24/12 đã khiến 3 người chết, 2 người mất tích và "
        "hơn 1.200 ngôi nhà tại các huyện miền núi Nghệ An bị ngập sâu. Theo ông Nguyễn Văn "
        "Hùng, Phó Chủ tịch UBND tỉnh, lực lượng cứu hộ đang tiếp cận 5 xã bị cô lập.",
    ),
    "vi_flood_b": (
        "Mưa lũ ở Nghệ An làm 3 người chết, hơn 1.200 ngôi nhà bị ngập",
        "NGHỆ AN - Mưa lớn kéo dài từ đêm 24/12 đã khiến 3 người chết, 2 người mất tích và "
        "hơn 1.200 ngôi nhà tại các huyện miền núi Nghệ An bị ngập sâu, nhiều tuyến đường bị "
        "chia cắt. Theo ông Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh, lực lượng cứu hộ đang "
        "tiếp cận 5 xã bị cô lập.",
    ),
    "vi_bridge": (
        "Nghệ An: Lũ cuốn trôi cầu tạm, 5 xã bị cô lập",
        "(Dân trí) - Nước lũ dâng cao trong đêm 24/12 đã cuốn trôi cây cầu tạm bắc qua sông "
        "Lam, khiến hơn 3.000 hộ dân ở 5 xã miền núi Nghệ An bị cô lập. Lực lượng cứu hộ đang "
        "dùng xuồng để tiếp tế lương thực cho người dân.",
    ),
    "vi_flood_hatinh": (
        "Hà Tĩnh: Mưa lũ làm 1 người chết, hơn 400 ngôi nhà bị ngập",
        "Mưa lớn kéo dài từ đêm 24/12 đã khiến 1 người chết và hơn 400 ngôi nhà tại các huyện "
        "ven biển Hà Tĩnh bị ngập sâu. Ông Trần Văn Bình, Chủ tịch UBND huyện Kỳ Anh, cho biết "
        "địa phương đã sơ tán 900 hộ dân.",
    ),
    "en_profit_a": (
        "Acme profit jumps 12% as cloud sales surge",
        "LONDON, March 2 (Reuters) - Acme Corp said on Monday its quarterly profit rose 12% to "
        "$1.2 billion, beating analyst estimates, as demand for its cloud services surged. "
        "Chief executive Jane Doe said the company would raise its dividend.",
    ),
    "en_profit_b": (
        "Acme's profit jumps 12% on surging cloud sales",
        "Acme Corp said on Monday its quarterly profit rose 12% to $1.2 billion, beating "
        "analyst estimates, as demand for its cloud services surged in Europe and Asia. "
        "Chief executive Jane Doe said the company would raise its dividend.",
    ),
    "en_shares": (
        "Acme shares fall as cloud sales slow",
        "Acme Corp said on Monday its cloud sales growth slowed to 4% in the quarter, and its "
        "shares fell 7% in early trading. Chief executive Jane Doe said the company would cut "
        "2,000 jobs.",
    ),
}


def story(name: str) -> Fingerprint:
    return fingerprint(*STORIES[name])


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    return len(a.shingles & b.shingles) / len(a.shingles | b.shingles)


# Measured values (overlap coefficient / Jaccard) are in the comments.
SAME_STORY_PAIRS = [
    ("vi_flood_a", "vi_flood_b"),  # 0.95 / 0.80
    ("en_profit_a", "en_profit_b"),  # 0.86 / 0.68
]
DIFFERENT_STORY_PAIRS = [
    ("vi_flood_a", "vi_bridge"),  # 0.23
    ("vi_flood_b", "vi_bridge"),  # 0.21
    ("vi_flood_a", "vi_flood_hatinh"),  # 0.33: same template sentence, other facts
    ("vi_flood_b", "vi_flood_hatinh"),  # 0.31
    ("en_profit_a", "en_shares"),  # 0.31
    ("en_profit_b", "en_shares"),  # 0.28
]


@pytest.mark.parametrize(("a", "b"), SAME_STORY_PAIRS)
def test_same_story_from_two_outlets_reaches_the_threshold(a: str, b: str) -> None:
    assert similarity(story(a), story(b)) >= SAME_STORY


@pytest.mark.parametrize(("a", "b"), SAME_STORY_PAIRS)
def test_jaccard_would_miss_the_same_story(a: str, b: str) -> None:
    # Why the overlap coefficient: the extra clause alone pushes Jaccard under the threshold.
    assert jaccard(story(a), story(b)) < SAME_STORY <= similarity(story(a), story(b))


@pytest.mark.parametrize(("a", "b"), DIFFERENT_STORY_PAIRS)
def test_different_stories_on_one_topic_stay_clearly_below(a: str, b: str) -> None:
    assert 0.0 < similarity(story(a), story(b)) < 0.5


@pytest.mark.parametrize(("a", "b"), SAME_STORY_PAIRS + DIFFERENT_STORY_PAIRS)
def test_similarity_is_symmetric(a: str, b: str) -> None:
    assert similarity(story(a), story(b)) == similarity(story(b), story(a))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("Đảng ủy họp", "Hà Nội: giá vàng tăng."), ("DANG UY HOP!", "ha noi: gia vang, tang")),
        (("Acme Profit", "It rose 12%."), ("acme profit", "it rose 12 %")),
    ],
)
def test_fingerprint_ignores_diacritics_case_and_inner_punctuation(
    left: tuple[str, str], right: tuple[str, str]
) -> None:
    assert fingerprint(*left) == fingerprint(*right)


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("(Dân trí) - Mưa lớn kéo dài", "Mưa lớn kéo dài"),
        ("NGHỆ AN - Mưa lớn", "Mưa lớn"),
        ("TTO – Sáng 25/12, đoàn", "Sáng 25/12, đoàn"),
        ("VOV.VN - Chiều nay", "Chiều nay"),
        ("LONDON, March 2 (Reuters) - Acme said", "Acme said"),
        ("(NLĐO)— Giá xăng", "Giá xăng"),
        ("Giá vàng - hôm nay tăng", "Giá vàng - hôm nay tăng"),  # not capitals, no parenthesis
        ("Covid-19 cases rose", "Covid-19 cases rose"),  # a hyphen is no dateline dash
        (
            "Ông Nguyễn Văn Hùng cho biết lực lượng cứu hộ đã - đến",
            "Ông Nguyễn Văn Hùng cho biết lực lượng cứu hộ đã - đến",
        ),  # too far in to be a dateline
        ("", ""),
    ],
)
def test_strip_dateline(lead: str, expected: str) -> None:
    assert strip_dateline(lead) == expected


def test_a_different_dateline_changes_nothing() -> None:
    body = "Mưa lớn kéo dài từ đêm 24/12 đã khiến 3 người chết."
    assert fingerprint("Mưa lũ", f"(Dân trí) - {body}") == fingerprint("Mưa lũ", f"TTO - {body}")


def test_empty_text_is_similar_to_nothing() -> None:
    empty = fingerprint("", "")
    assert empty.shingles == frozenset()
    assert similarity(empty, empty) == 0.0


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        # 3 shingles, all inside the long story: the floor of 8 keeps the score at 3/8.
        ("Nghệ An bị ngập sâu", 3 / 8),
        # 7 contained shingles score 7/8: a fragment this long is taken as the same story.
        ("làm 3 người chết, hơn 1.200 ngôi nhà", 7 / 8),
    ],
)
def test_the_floor_keeps_short_fragments_apart(fragment: str, expected: float) -> None:
    assert similarity(fingerprint(fragment, ""), story("vi_flood_b")) == expected


def test_a_bare_headline_matches_itself() -> None:
    headline = STORIES["vi_flood_a"][0]
    assert similarity(fingerprint(headline, ""), fingerprint(headline, "")) == 1.0


def test_fingerprints_do_not_depend_on_the_process_hash_seed() -> None:
    code = (
        "from digest.dedup import fingerprint;"
        "print(sorted(fingerprint('Giá vàng tăng mạnh', 'Hà Nội hôm nay').shingles))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
    assert (
        str(sorted(fingerprint("Giá vàng tăng mạnh", "Hà Nội hôm nay").shingles)) in outputs.pop()
    )


def by_name(name: str) -> Fingerprint:
    return story(name.split("#")[0])


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ([], []),
        (["vi_flood_a"], [["vi_flood_a"]]),
        (
            ["vi_bridge", "vi_flood_a", "en_profit_b", "vi_flood_b", "en_profit_a"],
            [["vi_bridge"], ["vi_flood_a", "vi_flood_b"], ["en_profit_b", "en_profit_a"]],
        ),
        (
            ["en_shares", "vi_flood_hatinh", "vi_flood_b", "vi_flood_a#2", "vi_flood_a"],
            [["en_shares"], ["vi_flood_hatinh"], ["vi_flood_b", "vi_flood_a#2", "vi_flood_a"]],
        ),
    ],
)
def test_cluster_keeps_input_order_within_and_across(
    names: list[str], expected: list[list[str]]
) -> None:
    assert cluster(names, key=by_name) == expected


def test_cluster_links_transitively() -> None:
    # b overlaps a by 25 of 28 shingles, c overlaps b so too, a and c share 22: one cluster.
    words = [f"từ{i}" for i in range(36)]
    a, b, c = (" ".join(words[start : start + 30]) for start in (0, 3, 6))
    prints = {text: fingerprint(text, "") for text in (a, b, c)}
    assert similarity(prints[a], prints[c]) < SAME_STORY
    assert similarity(prints[a], prints[b]) >= SAME_STORY <= similarity(prints[b], prints[c])
    assert cluster([a, c, b], key=prints.__getitem__) == [[a, c, b]]


@pytest.mark.parametrize("threshold", [0.0, -1.0, 1.5])
def test_cluster_refuses_a_meaningless_threshold(threshold: float) -> None:
    with pytest.raises(ValueError):
        cluster(["a"], key=lambda text: fingerprint(text, ""), threshold=threshold)


def random_story(rng: Random, vocabulary: list[str]) -> str:
    return " ".join(rng.choices(vocabulary, k=40))


def test_cluster_finds_every_copy_among_hundreds() -> None:
    rng = Random(7)
    vocabulary = [f"{a}{b}" for a in "bcdghklmnpqrstvx" for b in ("a", "ơ", "ương", "iêu")]
    originals = [random_story(rng, vocabulary) for _ in range(250)]
    # 50 copies with the last word replaced and a clause appended: each joins its original.
    copies = [text.rsplit(" ", 1)[0] + " khác, theo báo cáo." for text in originals[:50]]
    texts = originals + copies
    groups = cluster(texts, key=lambda text: fingerprint("", text))
    assert len(groups) == 250
    assert groups[:50] == [
        [original, copy] for original, copy in zip(originals[:50], copies, strict=True)
    ]
    assert all(len(group) == 1 for group in groups[50:])


@pytest.mark.parametrize(
    ("left", "right", "conflict"),
    [
        # A templated series: same words, other numbers on each side.
        (("Giá vàng hôm nay 25/12", "SJC bán 92,5 triệu"), ("Giá vàng hôm nay 26/12", ""), True),
        (("Covid-19: 3 ca mới", ""), ("Covid-19: 5 ca mới", ""), True),
        # One side's numbers within the other's: an outlet adding a figure, or giving none.
        (("Acme profit jumps 12%", "to $1.2 billion"), ("Acme profit jumps 12%", ""), False),
        (("Mưa lũ ở Nghệ An", ""), ("Mưa lũ ở Nghệ An", "3 người chết"), False),
        # Separators are one number however written; digits glued to letters are names.
        (("Hơn 1.200 nhà bị ngập", ""), ("More than 1,200 homes flooded", ""), False),
        (("U23 Việt Nam thắng", ""), ("U22 Việt Nam thắng", ""), False),
        (("", ""), ("", ""), False),
    ],
)
def test_figures_conflict_when_each_side_has_a_number_the_other_lacks(
    left: tuple[str, str], right: tuple[str, str], conflict: bool
) -> None:
    assert figures_conflict(fingerprint(*left), fingerprint(*right)) is conflict
    assert figures_conflict(fingerprint(*right), fingerprint(*left)) is conflict


@pytest.mark.parametrize(("a", "b"), SAME_STORY_PAIRS)
def test_the_same_story_from_two_outlets_has_no_conflicting_figures(a: str, b: str) -> None:
    assert not figures_conflict(story(a), story(b))


def lottery(draw: int, *, ticket: bool = True) -> tuple[str, str]:
    prize = f"The special prize of draw {draw} went to ticket {draw * 7919 % 100000:05d}. "
    return (
        f"Northern lottery results, draw {draw}" if ticket else "Northern lottery results",
        (prize if ticket else "")
        + "Winners have 30 days to claim their prizes at the lottery company office in Hanoi, "
        "the operator said on its website, and unclaimed prizes go to the state budget.",
    )


def test_templated_stories_with_other_figures_are_similar_but_never_clustered() -> None:
    draws = [lottery(draw) for draw in range(101, 126)]
    assert similarity(fingerprint(*draws[0]), fingerprint(*draws[1])) >= SAME_STORY
    assert cluster(draws, key=lambda pair: fingerprint(*pair)) == [[pair] for pair in draws]


def test_a_version_without_figures_does_not_bridge_two_templated_ones() -> None:
    first, bare, second = lottery(101), lottery(0, ticket=False), lottery(102)
    prints = {first: fingerprint(*first), bare: fingerprint(*bare), second: fingerprint(*second)}
    assert similarity(prints[first], prints[bare]) >= SAME_STORY
    assert similarity(prints[bare], prints[second]) >= SAME_STORY
    # 30 is in all three: the bare version's numbers are a subset of each draw's.
    assert cluster([first, bare, second], key=prints.__getitem__) == [[first, bare], [second]]
