"""Key figures: numbers as written, what they count, and what is never a figure."""

from __future__ import annotations

import pytest

from digest.figures import extract_figures


def pairs(sentences: list[str]) -> list[tuple[str, str]]:
    return [(figure.value, figure.label) for figure in extract_figures(sentences)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Toàn Đảng bộ đã kết nạp 152 đảng viên mới.", [("152", "đảng viên mới")]),
        (
            "Nâng tổng số đảng viên được kết nạp từ đầu nhiệm kỳ đến nay là 837 người.",
            [("837", "đảng viên được kết nạp từ đầu nhiệm kỳ")],
        ),
        (
            "Kiểm tra dấu hiệu vi phạm đối với 2 tổ chức đảng và 7 đảng viên.",
            [("2", "tổ chức đảng"), ("7", "đảng viên")],
        ),
        ("Lợi nhuận sau thuế ở mức 420 tỷ đồng.", [("420 tỷ đồng", "Lợi nhuận sau thuế")]),
        (
            "Doanh thu hợp nhất dự kiến đạt 1.750 tỷ đồng, tăng 22% so với năm ngoái.",
            [("1.750 tỷ đồng", "Doanh thu hợp nhất")],
        ),
        ("Tỷ trọng xe đầu kéo chiếm 85,3% doanh thu.", [("85,3%", "doanh thu")]),
        ("Trên 14.000 tỷ đồng là nợ thuế chưa thu.", [("14.000 tỷ đồng", "nợ thuế")]),
        ("Mỗi năm có 1-2 triệu đồng tiền thưởng.", [("1-2 triệu đồng", "tiền thưởng")]),
        ("Ông bị kết án 12 năm tù vì tội gián điệp.", [("12", "năm tù")]),
        ("Trong sân có gần 20 “chú heo” tạo hình từ cây tắc.", [("20", "chú heo")]),
        ("The company reported revenue of $3.2 billion.", [("$3.2 billion", "revenue")]),
        ("Exports rose 12.5% in March.", [("12.5%", "Exports")]),
        ("It shipped 1,234.5 tonnes of coffee.", [("1,234.5 tonnes", "coffee")]),
        ("About 12,000 people were evacuated.", [("12,000", "people")]),
        # An age belongs to the person named just before it.
        ("Nghi phạm Võ Đình Quý - 33 tuổi, bị bắt.", [("33 tuổi", "Võ Đình Quý")]),
        ("Ông Nguyễn Văn Thân (51 tuổi) đang ngồi.", [("51 tuổi", "Nguyễn Văn Thân")]),
        # "trong số N" counts, where "số N" alone designates.
        ("Trong số 20 lần vỡ ống có 12 lần do lỗi.", [("20", "lần vỡ ống"), ("12", "lần")]),
        # A bare magnitude counts the noun after it, not the verb before it.
        (
            "Bà My vừa mua vào 20 triệu cổ phiếu SBT.",
            [("20 triệu", "cổ phiếu")],
        ),
        ("Khớp lệnh gần 2,5 triệu đơn vị.", [("2,5 triệu", "đơn vị")]),
        # Seats count even right after a model's name.
        ("Xe Ford Transit 16 chỗ bị lật.", [("16", "chỗ")]),
        ("Máy bay Airbus A321 có 220 ghế.", [("220", "ghế")]),
        # A span of time the words around mark as one.
        ("Số hươu giảm 40% trong vòng 30 năm qua.", [("40%", "Số hươu"), ("30", "năm qua")]),
        ("Quyết định ban hành từ 7 năm trước.", [("7", "năm trước")]),
        ("Sau 3 năm Uber Việt Nam phát triển.", [("3", "năm")]),
        ("Phiên xử dự kiến kéo dài 5-7 ngày.", [("5-7", "ngày")]),
        ("The plant closed 30 years ago.", [("30", "years ago")]),
        # A label read past the first few dozen characters after the number.
        (
            "It shipped 1,234.5 tonnes of extraordinarily-expensive single-origin arabica beans.",
            [("1,234.5 tonnes", "extraordinarily-expensive single-origin arabica beans")],
        ),
    ],
)
def test_figures_and_labels(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert pairs([sentence]) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Sáng 25/12, hội nghị tổng kết được tổ chức.",  # date
        "Dự kiến tổ chức vào ngày 28/9 tới.",  # date
        "Tháng 12/2016, người dân đi đổi bằng lái.",  # month/year
        "Sáng 1-11, báo Tuổi Trẻ trao học bổng.",  # hyphen date
        "Ngày 30-10-2013 trường khai giảng.",  # full hyphen date
        "Công tác xây dựng Đảng năm 2019 và năm 2020.",  # years
        "In 2023 the company grew.",  # bare year
        "The vote is on 12 May in the capital.",  # day + month
        "Thực hiện Nghị quyết Trung ương 4 (khóa XI, XII).",  # resolution number
        "Kỳ họp thứ 6 của Quốc hội khóa 13 bế mạc.",  # designators
        "Nâng cao chỉ số PCI 2019 và PAPI của tỉnh.",  # index names
        "Dự án BOT 91 ở Quận 1 gặp khó.",  # names and codes
        "Đội U22 thắng đội F-16 lúc 22h30 hoặc 7:30.",  # glued codes, times
        "Thông tư liên tịch 01 đã quy định rõ.",  # leading-zero code
        "Giải đấu Games 27 sẽ khai mạc.",  # number after a name
        "1. Tăng cường công tác kiểm tra.",  # list marker
        '"2. Tăng cường công tác kiểm tra.',  # list marker after a quote mark
        "Nội dung (2) được bổ sung.",  # list marker
        "Ông ấy thọ 86 tuổi.",  # an age nobody is named with
        "Cháu bé 3 tuổi bị lạc.",  # an age nobody is named with
        "Ông đã làm việc 10 năm ở đây.",  # a duration nothing marks as a span
        "Họp trong 2 ngày liên tục.",  # ditto
        "Đội tuyển vào vòng 2 của giải.",  # "vòng 2" is a round, only "trong vòng" counts
        "Tỉnh ủy tiếp tục thực hiện 3 rồi thôi.",  # no counted noun
    ],
)
def test_not_figures(sentence: str) -> None:
    assert pairs([sentence]) == []


def test_repeated_figures_count_once() -> None:
    sentences = [
        "Dự án có tổng diện tích 5,7 ha ven biển.",
        "Khu đất rộng 5,7 ha nằm ở phía bắc.",
        "Có 2 người bị thương và 2 xe máy bị hỏng.",
        "Thêm 2 người khác được đưa đi cấp cứu.",
    ]
    assert pairs(sentences) == [
        ("5,7 ha", "tổng diện tích"),
        ("2", "người"),
        ("2", "xe máy"),
    ]


def test_limit_keeps_the_most_salient_in_article_order() -> None:
    sentences = [f"Đội có {n} cầu thủ dự bị." for n in range(2, 10)]
    sentences.insert(5, "Doanh thu đạt 1.500 tỷ đồng.")
    figures = extract_figures(sentences, limit=3)
    assert len(figures) == 3
    assert [figure.value for figure in figures] == ["2", "3", "1.500 tỷ đồng"]


def test_lead_figures_come_first_and_count_once() -> None:
    lead = ["Tỉnh kết nạp 152 đảng viên mới trong năm."]
    body = ["Trong năm, toàn Đảng bộ đã kết nạp 152 đảng viên mới.", "Có 71 tổ chức đảng."]
    figures = extract_figures(body, lead_sentences=lead)
    assert [(f.value, f.sentence) for f in figures] == [("152", lead[0]), ("71", body[1])]


def test_ages_are_capped() -> None:
    sentences = [
        "Nhóm gồm Võ Chí Trung (28 tuổi), Nguyễn Đình Tuấn (23 tuổi), Lê Văn Duẩn (22 tuổi)."
    ]
    assert [f.value for f in extract_figures(sentences)] == ["28 tuổi", "23 tuổi"]


def test_headline_numbers_and_key_sentences_raise_salience() -> None:
    sentences = [
        "Doanh thu đạt 1.500 tỷ đồng.",
        "Lợi nhuận đạt 300 tỷ đồng.",
        "Công ty có 2.000 nhân viên.",
        "Nhập khẩu 27 xe tải trong tháng.",
    ]
    plain = extract_figures(sentences, limit=3)
    assert [f.value for f in plain] == ["1.500 tỷ đồng", "300 tỷ đồng", "2.000"]
    headline = extract_figures(sentences, headline="Vỏn vẹn 27 xe nhập về", limit=3)
    assert [f.value for f in headline] == ["1.500 tỷ đồng", "300 tỷ đồng", "27"]
    key = extract_figures(sentences, key_sentences={sentences[3]}, limit=3)
    assert [f.value for f in key] == ["1.500 tỷ đồng", "300 tỷ đồng", "27"]


def test_default_limit_is_eight() -> None:
    sentences = [f"Đội có {n} cầu thủ dự bị và {n + 20} cổ động viên." for n in range(2, 12)]
    assert len(extract_figures(sentences)) == 8


@pytest.mark.parametrize(
    ("headline", "kept"),
    [
        ("Công ty có 2.000 nhân viên", ["1.500 tỷ đồng", "300 tỷ đồng", "2.000"]),
        # A headline rounds: its "500" repeats "500,57".
        ("Vn-Index giữ mốc 500", ["1.500 tỷ đồng", "300 tỷ đồng", "500,57"]),
    ],
)
def test_headline_numbers_match_when_rounded(headline: str, kept: list[str]) -> None:
    sentences = [
        "Doanh thu đạt 1.500 tỷ đồng.",
        "Lợi nhuận đạt 300 tỷ đồng.",
        "Công ty có 2.000 nhân viên.",
        "Chỉ số chốt tại 500,57 điểm.",
    ]
    figures = extract_figures(sentences, headline=headline, limit=3)
    assert [f.value for f in figures] == kept


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Công ty 30 năm qua có 20 nhân viên.", [("20", "nhân viên")]),
        ("Công ty có 20 nhân viên và 30 cửa hàng.", [("20", "nhân viên")]),
    ],
)
def test_spans_of_time_rank_below_counts(sentence: str, kept: list[tuple[str, str]]) -> None:
    figures = extract_figures([sentence], limit=1)
    assert [(f.value, f.label) for f in figures] == kept
