"""extract_page: the article body without page chrome, and the sapo from the meta tags."""

from __future__ import annotations

import unicodedata

import pytest

from feeds.extract import extract_page
from feeds.models import ExtractedPage
from tests.feeds.conftest import data_file

PAGE_URL = "https://baovidu.example/kinh-te/cau-hung-duc-thong-xe.html"


def article() -> ExtractedPage:
    """Extract the Vietnamese article fixture."""
    page = extract_page(data_file("article_vi.html"), url=PAGE_URL)
    assert page is not None
    return page


def test_body_paragraphs_one_per_line() -> None:
    lines = article().text.split("\n")
    assert len(lines) == 4
    assert lines[0].startswith("Công trình cầu Hưng Đức có tổng mức đầu tư 1.234,5 tỷ đồng")
    assert lines[1].endswith("dọc hai bên đường dẫn.")
    assert "“Cây cầu không chỉ nối đôi bờ sông Lam" in lines[1]
    assert lines[3].startswith("Người dân xã Hưng Đạo cho biết")


@pytest.mark.parametrize(
    "chrome",
    [
        "Trang chủ",  # nav
        "Đăng nhập tài khoản bạn đọc",  # nav
        "Tin liên quan",  # related block
        "Khởi công xây dựng cầu Hưng Đức",  # related link
        "Đọc nhiều nhất",  # sidebar
        "Bản quyền thuộc về",  # footer
        "Tổng biên tập",  # footer
        "Ảnh: Thanh Lê",  # figcaption
        "dataLayer",  # script
    ],
)
def test_page_chrome_dropped(chrome: str) -> None:
    assert chrome not in article().text


def test_lead_and_title_from_meta() -> None:
    page = article()
    assert page.lead == (
        "(BVD) - Sáng 25/12, cầu Hưng Đức bắc qua sông Lam chính thức thông xe, rút ngắn"
        " quãng đường từ trung tâm thành phố sang huyện Hưng Nguyên khoảng 7 km."
    )
    assert page.title == "Cầu Hưng Đức thông xe sau 18 tháng thi công"


def page_with_head(head: str) -> bytes:
    """Return a small article page with `head` inside <head>."""
    body = "".join(
        f"<p>Đoạn văn thứ {i} của bài báo có đủ chữ để được giữ lại.</p>" for i in range(6)
    )
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>".encode()


@pytest.mark.parametrize(
    ("head", "lead", "title"),
    [
        ('<meta name="description" content="Mô tả  ngắn.">', "Mô tả ngắn.", None),
        (
            '<meta property="og:description" content="">'
            '<meta name="description" content="Dự phòng">'
            "<title>Tiêu đề trang</title>",
            "Dự phòng",
            "Tiêu đề trang",
        ),
        ("<title>Chỉ có tiêu đề</title>", None, "Chỉ có tiêu đề"),
    ],
)
def test_lead_fallbacks(head: str, lead: str | None, title: str | None) -> None:
    page = extract_page(page_with_head(head), url=PAGE_URL)
    assert page is not None
    assert (page.lead, page.title) == (lead, title)
    assert page.text.startswith("Đoạn văn thứ 0")


def test_decomposed_text_is_normalised_to_nfc() -> None:
    html = unicodedata.normalize("NFD", page_with_head("").decode()).encode()
    page = extract_page(html, url=PAGE_URL)
    assert page is not None
    assert "Đoạn văn thứ 0 của bài báo" in page.text


@pytest.mark.parametrize(
    "html",
    [b"", b"<html><head><title>Empty</title></head><body></body></html>", b"\x00\xff\xfe"],
)
def test_nothing_useful_is_none(html: bytes) -> None:
    assert extract_page(html, url=PAGE_URL) is None
