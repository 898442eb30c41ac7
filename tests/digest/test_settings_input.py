"""What members may type for /frequency, /time and /timezone."""

from __future__ import annotations

from datetime import time

import pytest

from digest.settings_input import ZoneChoice, parse_frequency, parse_time, parse_timezone


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("daily", "daily"),
        ("DAILY", "daily"),
        ("hằng ngày", "daily"),
        ("Hàng  ngày", "daily"),
        ("mỗi ngày", "daily"),
        ("hang ngay", "daily"),
        ("every day", "daily"),
        ("hàng tuần", "weekly"),
        ("Weekly", "weekly"),
        ("ngay", "instant"),  # "ngay" is at once; "ngày" is a day
        ("ngay lập tức", "instant"),
        ("instant", "instant"),
        ("tắt", "off"),
        ("Off", "off"),
        ("never", "off"),
        ("hourly", None),
        ("", None),
        ("daily weekly", None),
    ],
)
def test_reads_frequencies(typed: str, expected: str | None) -> None:
    assert parse_frequency(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("07:00", time(7, 0)),
        ("7:05", time(7, 5)),
        ("7h30", time(7, 30)),
        ("7h", time(7, 0)),
        ("7H", time(7, 0)),
        ("7g30", time(7, 30)),
        ("18.30", time(18, 30)),
        ("6:30 PM", time(18, 30)),
        ("6:30pm", time(18, 30)),
        ("6 pm", time(18, 0)),
        ("6 a.m.", time(6, 0)),
        ("12 am", time(0, 0)),
        ("12:15 PM", time(12, 15)),
        ("0h", time(0, 0)),
        (" 23:59 ", time(23, 59)),
    ],
)
def test_reads_times(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["7", "24:00", "07:60", "13 pm", "0 am", "7:", "7.", "seven", "", "07:00:00", "7h3"],
)
def test_refuses_ambiguous_or_bad_times(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_time(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Asia/Ho_Chi_Minh", ZoneChoice("Asia/Ho_Chi_Minh")),
        ("asia/ho_chi_minh", ZoneChoice("Asia/Ho_Chi_Minh")),
        ("asia/ho chi minh", ZoneChoice("Asia/Ho_Chi_Minh")),
        ("EUROPE/LONDON", ZoneChoice("Europe/London")),
        ("Hanoi", ZoneChoice("Asia/Ho_Chi_Minh")),
        ("Hà Nội", ZoneChoice("Asia/Ho_Chi_Minh")),
        ("Saigon", ZoneChoice("Asia/Ho_Chi_Minh")),
        ("Sài Gòn", ZoneChoice("Asia/Ho_Chi_Minh")),
        ("HCM", ZoneChoice("Asia/Ho_Chi_Minh")),
        ("TP.HCM", ZoneChoice("Asia/Ho_Chi_Minh")),
        ("New York", ZoneChoice("America/New_York")),
        ("UTC", ZoneChoice("UTC")),
        ("+07:00", ZoneChoice("Etc/GMT-7", fixed_offset=True)),
        ("UTC+7", ZoneChoice("Etc/GMT-7", fixed_offset=True)),
        ("GMT+7", ZoneChoice("Etc/GMT-7", fixed_offset=True)),
        ("utc +0700", ZoneChoice("Etc/GMT-7", fixed_offset=True)),
        ("-05:00", ZoneChoice("Etc/GMT+5", fixed_offset=True)),
        ("UTC+14", ZoneChoice("Etc/GMT-14", fixed_offset=True)),
        ("+00:00", ZoneChoice("UTC", fixed_offset=True)),
    ],
)
def test_reads_time_zones(typed: str, expected: ZoneChoice) -> None:
    assert parse_timezone(typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["Mars/Olympus", "+05:30", "UTC+15", "-13", "7", "../../etc/passwd", "", "Hanoi Saigon"],
)
def test_refuses_unknown_or_ambiguous_zones(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_timezone(typed)
