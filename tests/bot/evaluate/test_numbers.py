"""Number normalisation and date/year detection behind figure recall and precision."""

from __future__ import annotations

import pytest

from bot.evaluate.numbers import (
    classify,
    is_calendar_value,
    is_date,
    is_year,
    key_numbers,
    normalize_number,
)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1.234,5", "1234.5"),  # Vietnamese: dot groups thousands, comma is the decimal
        ("1,234.5", "1234.5"),  # English
        ("97.500", "97500"),
        ("1.234.567", "1234567"),
        ("1,234,000", "1234000"),
        ("1,234", "1234"),
        ("2,7", "2.7"),
        ("85,3", "85.3"),
        ("3.2", "3.2"),
        ("12.5", "12.5"),
        ("0.125", "0.125"),  # a lone leading zero makes three digits a decimal part
        ("5,0", "5"),
        ("0,50", "0.5"),
        ("007", "7"),
        ("100", "100"),
        ("40.000", "40000"),
    ],
)
def test_normalize_number(raw: str, value: str) -> None:
    assert normalize_number(raw) == value


@pytest.mark.parametrize(
    ("raw", "year"),
    [("2019", True), ("1800", True), ("2100", True), ("1799", False), ("2101", False),
     ("201", False), ("20190", False), ("2.019", False)],
)  # fmt: skip
def test_is_year(raw: str, year: bool) -> None:
    assert is_year(raw) is year


@pytest.mark.parametrize(
    ("raw", "before", "date"),
    [
        ("25/12", "", True),
        ("24/6", "", True),
        ("1/4/2017", "", True),
        ("12/2016", "", True),
        ("30-10-2013", "", True),
        ("2-2018", "tháng ", True),
        ("1-11", "Sáng ", True),
        ("2-9", "ngày ", True),
        ("1-11", "từ ", False),  # without a day word, d-m reads as a range
        ("5-10", "", False),
        ("32/12", "", False),
        ("12/13", "", False),
        ("22.10", "Ngày ", True),  # d.m after a day word
        ("10.11", "ngày chủ nhật (", True),
        ("22.10", "tăng ", False),  # without a day word, a decimal
        ("1.500", "ngày ", False),  # grouped thousands never read as d.m
    ],
)
def test_is_date(raw: str, before: str, date: bool) -> None:
    assert is_date(raw, before=before) is date


@pytest.mark.parametrize(
    ("raw", "after", "date"),
    [
        ("5", " đến 9/12.", True),  # the day opening a day range
        ("5", " - 9/12", True),
        ("5", " đến 9 người", False),
        ("40", " đến 9/12", False),  # no day of the month
    ],
)
def test_is_date_opening_a_day_range(raw: str, after: str, date: bool) -> None:
    assert is_date(raw, after=after) is date


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("doanh thu 1.234,5 tỷ đồng, tăng 18%.", {"1234.5", "18"}),
        ("Sáng 24/6, năm 2019, lúc 7:30, có 97.500 người.", {"97500"}),
        ("Ngày 1/4/2017 và sáng 1-11 không phải số liệu.", set()),
        ("tăng từ 5,8-6,2% GDP", {"5.8", "6.2"}),
        ("giai đoạn 2016-2020 chi 300 tỷ", {"300"}),
        ("Đội U22, máy bay F-16, mạng 4G lúc 22h", set()),
        ("revenue of $3.2 billion, up 12.5%.", {"3.2", "12.5"}),
        ("recycled 1,234.5 tonnes in 2023", {"1234.5"}),
        ("The council voted 7-2.", {"7", "2"}),
        # A unit glued on leaves the number a number; codes and times stay out.
        ("mưa từ 200-300mm, rộng 5ha, dài 45km", {"200", "300", "5", "45"}),
        ("máy 2x600MW, mạng 5G lúc 22h", set()),
        ("Ngày 22.10 và chủ nhật (10.11), từ 5 đến 9/12", set()),
        ("gần 200/800 điều ước, tỷ số 3/1", set()),  # ratios are no figures either
    ],
)
def test_key_numbers(text: str, numbers: set[str]) -> None:
    assert key_numbers(text) == numbers


def test_classify_names_each_kind() -> None:
    kinds = list(classify("Ngày 25/12 năm 2019 lúc 7:30 có 1.500 người"))
    assert kinds == [("date", "25/12"), ("year", "2019"), ("time", "7:30"), ("number", "1.500")]


@pytest.mark.parametrize(
    ("value", "calendar"),
    [
        ("2019", True),
        ("25/12", True),
        ("7:30", True),
        ("2019 tỷ đồng", False),  # an amount, not a bare year
        ("1.750 tỷ đồng", False),
        ("$3.2 billion", False),
        ("40%", False),
    ],
)
def test_is_calendar_value(value: str, calendar: bool) -> None:
    assert is_calendar_value(value) is calendar
