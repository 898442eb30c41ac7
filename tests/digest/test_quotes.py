"""Key quote and speaker: cue verbs, attribution forms, title resolution."""

from __future__ import annotations

import pytest

from digest.models import Quote
from digest.quotes import find_quote
from digest.speakers import names_person, resolve_speaker, resolve_title


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # A bare title after the quote, resolved from "Name - Title" elsewhere.
        (
            [
                "Đồng chí Nguyễn Xuân Sơn - Phó Bí thư Thường trực Tỉnh ủy dự hội nghị.",
                '"Nếu không học tập nghiêm túc thì không thể làm tốt nhiệm vụ" - Phó Bí thư '
                "Thường trực Tỉnh ủy nhấn mạnh.",
            ],
            Quote(
                "Nếu không học tập nghiêm túc thì không thể làm tốt nhiệm vụ",
                "Phó Bí thư Thường trực Tỉnh ủy Nguyễn Xuân Sơn",
            ),
        ),
        # A bare title resolved from "Title Name" as the article writes it.
        (
            [
                "Bộ trưởng Bộ Y tế Nguyễn Thanh Long dự họp.",
                "“Chúng ta phải chuẩn bị cho mọi tình huống xấu nhất có thể xảy ra”, Bộ trưởng "
                "Bộ Y tế nói.",
            ],
            Quote(
                "Chúng ta phải chuẩn bị cho mọi tình huống xấu nhất có thể xảy ra",
                "Bộ trưởng Bộ Y tế Nguyễn Thanh Long",
            ),
        ),
        # Speaker and cue before the quote, with an appositive title.
        (
            [
                "Ông Nguyễn Văn An, Giám đốc Sở Y tế, cho biết: “Bệnh viện đã chuẩn bị đủ "
                "giường cho các ca bệnh nặng.”"
            ],
            Quote(
                "Bệnh viện đã chuẩn bị đủ giường cho các ca bệnh nặng.",
                "Ông Nguyễn Văn An, Giám đốc Sở Y tế",
            ),
        ),
        (
            [
                "Phát biểu tại buổi lễ, ông Vũ Văn Bình chia sẻ: “Học bổng này đến đúng lúc các "
                "em cần nhất.”"
            ],
            Quote("Học bổng này đến đúng lúc các em cần nhất.", "ông Vũ Văn Bình"),
        ),
        (
            [
                'Theo ông Lê Văn Tám, "việc này cần được làm rõ trước khi đưa ra quyết định cuối '
                'cùng".'
            ],
            Quote(
                "việc này cần được làm rõ trước khi đưa ra quyết định cuối cùng", "ông Lê Văn Tám"
            ),
        ),
        # The previous sentence, ending in a colon, attributes a quote in its own paragraph.
        (
            [
                "Ông Trần Văn Bình nói:",
                "“Chúng tôi sẽ tiếp tục theo dõi sát sao diễn biến của cơn bão này.”",
            ],
            Quote(
                "Chúng tôi sẽ tiếp tục theo dõi sát sao diễn biến của cơn bão này.",
                "Ông Trần Văn Bình",
            ),
        ),
        (
            [
                "“The economy is recovering faster than anyone expected this year,” said Jane "
                "Doe, the chief economist."
            ],
            Quote("The economy is recovering faster than anyone expected this year", "Jane Doe"),
        ),
        (
            [
                '"We will not accept any deal that hurts workers," Prime Minister John Smith told '
                "reporters."
            ],
            Quote("We will not accept any deal that hurts workers", "Prime Minister John Smith"),
        ),
        (
            ['According to Maria Lopez, "the budget will be balanced within the next two years".'],
            Quote("the budget will be balanced within the next two years", "Maria Lopez"),
        ),
        (
            [
                'Council member Maria Lopez, who voted against the plan, said: "We should fix the '
                'roads we already have first."'
            ],
            Quote("We should fix the roads we already have first.", "Council member Maria Lopez"),
        ),
        (
            [
                '"Chúng tôi tin rằng năng lực phòng thủ sẽ được tăng cường rõ rệt", AFP dẫn lời '
                "ông Mã cho biết."
            ],
            Quote("Chúng tôi tin rằng năng lực phòng thủ sẽ được tăng cường rõ rệt", "ông Mã"),
        ),
        # A cue with nobody named still makes a quote.
        (
            [
                '"Tôi chưa bao giờ thấy cảnh tượng nào kinh hoàng như thế này", một người dân '
                "cho biết."
            ],
            Quote("Tôi chưa bao giờ thấy cảnh tượng nào kinh hoàng như thế này", None),
        ),
        # No cue verb after a naming noun: a programme name, not a quote.
        (['Chương trình "Vì ngày mai phát triển của các em học sinh" đã trao 100 suất.'], None),
        (['Bài hát "Người điên được ấp ủ trong một thời gian dài" ra mắt.'], None),
        # Too short to be the key quote.
        (['"Năm cải cách hành chính", ông Nguyễn Văn An nói.'], None),
        # A cue far inside a clause after the quote is no attribution, but the span is
        # still the best quotation the article has.
        (
            [
                '"Ngày hội non sông thống nhất của cả dân tộc Việt Nam" là câu mà nhiều thế hệ '
                "học sinh vẫn thường hay nói."
            ],
            Quote("Ngày hội non sông thống nhất của cả dân tộc Việt Nam", None),
        ),
        # A name or title and a colon attribute a quote, as headlines do.
        (
            ["Nguyên Chủ tịch HĐQT Vinaconex: “Thời tôi phụ trách, có vỡ ống nào không?”"],
            Quote("Thời tôi phụ trách, có vỡ ống nào không?", "Nguyên Chủ tịch HĐQT Vinaconex"),
        ),
        # A pronoun after the quote is the person the article named last.
        (
            [
                "Ông Trần Văn Hải cho rằng chiến dịch cần thêm thời gian.",
                '"Cách phản ứng của chúng ta sẽ quyết định thành công", ông nhấn mạnh.',
            ],
            Quote("Cách phản ứng của chúng ta sẽ quyết định thành công", "Ông Trần Văn Hải"),
        ),
        # A bare title after the quote is the person the article names with it.
        (
            [
                "Theo bác sĩ Đức, người nghiện game thường mất ngủ.",
                '"Người nghiện rất dễ có những cảm xúc tiêu cực", bác sĩ cho biết.',
            ],
            Quote("Người nghiện rất dễ có những cảm xúc tiêu cực", "bác sĩ Đức"),
        ),
        # A cue whose subject carries an adverb: the name before it.
        (
            ['"Ba đứa con của tôi không phải lo thất học nữa", chị Dung xúc động nói.'],
            Quote("Ba đứa con của tôi không phải lo thất học nữa", "chị Dung"),
        ),
        # Single quotes, straight or curly, quote too.
        (
            ["Ông Lê Văn Tám nói: ‘Chúng tôi sẽ hoàn thành dự án trước mùa mưa năm nay’."],
            Quote("Chúng tôi sẽ hoàn thành dự án trước mùa mưa năm nay", "Ông Lê Văn Tám"),
        ),
        # Straight quotes pair left to right even around a short quotation.
        (
            ['Việc đó "hơi lố" vì nó ảnh hưởng đến quyền lợi của người "lỡ" mua xe Nhật.'],
            None,
        ),
        ([], None),
        # Single quotes open a quotation only when no letter is glued before them.
        (
            ["The mayor said 'we will rebuild every home that the storm took' on Monday."],
            Quote("we will rebuild every home that the storm took", None),
        ),
        (["It's the city's plan and the mayor's idea, so it's done and it's final."], None),
    ],
)
def test_find_quote(paragraphs: list[str], expected: Quote | None) -> None:
    assert find_quote(paragraphs) == expected


def test_a_named_quote_beats_an_anonymous_one() -> None:
    paragraphs = [
        '"Tôi chưa bao giờ thấy cảnh tượng nào kinh hoàng như thế này", một người dân cho biết.',
        '"Chúng tôi đã huy động toàn bộ lực lượng cứu hộ tới hiện trường", ông Lê Văn Tám nói.',
    ]
    quote = find_quote(paragraphs)
    assert quote is not None and quote.speaker == "ông Lê Văn Tám"


def test_a_cued_quote_beats_a_longer_uncued_one() -> None:
    paragraphs = [
        'Nhiều người nhắc câu "Tất cả vì sự phát triển bền vững của quê hương đất nước".',
        '"Chúng tôi sẽ làm đúng cam kết với người dân", ông Lê Văn Tám nói.',
    ]
    quote = find_quote(paragraphs)
    assert quote is not None and quote.speaker == "ông Lê Văn Tám"


def test_headline_overlap_breaks_ties() -> None:
    paragraphs = [
        '"Chúng tôi sẽ tiếp tục hỗ trợ người dân vùng lũ trong thời gian tới", ông A Lê nói.',
        '"Giá điện sẽ không tăng trong năm nay theo đúng cam kết của ngành", ông B Lê nói.',
    ]
    quote = find_quote(paragraphs, headline="Giá điện không tăng trong năm nay")
    assert quote is not None and quote.text.startswith("Giá điện")


@pytest.mark.parametrize(
    ("phrase", "named"),
    [
        ("ông Thống", True),
        ("Nguyễn Xuân Sơn", True),
        ("đại biểu Trần Ngọc Vinh", True),
        ("Mayor John Smith", True),
        ("Phó Bí thư Thường trực Tỉnh ủy", False),
        ("Giám đốc Sở Y tế Hà Nội", False),
        ("Prime Minister", False),
        ("người dân", False),
    ],
)
def test_names_person(phrase: str, named: bool) -> None:
    assert names_person(phrase) is named


@pytest.mark.parametrize(
    ("title", "context", "expected"),
    [
        ("Phó Bí thư", "Phó Bí thư Nguyễn Văn An phát biểu.", "Phó Bí thư Nguyễn Văn An"),
        ("Phó Bí thư", "Đồng chí Nguyễn Văn An - Phó Bí thư dự họp.", "Phó Bí thư Nguyễn Văn An"),
        ("Giám đốc Sở", "Ông Lê Tám, Giám đốc Sở, cho biết.", "Giám đốc Sở Lê Tám"),
        ("Phó Bí thư", "Phó Bí thư phát biểu. Không ai được nêu tên.", None),
    ],
)
def test_resolve_title(title: str, context: str, expected: str | None) -> None:
    assert resolve_title(title, context) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (" - ông Thống ", "ông Thống"),
        ("AFP dẫn lời ông Mã", "ông Mã"),
        ("Tổng thống Pháp Emmanuel Macron đã", "Tổng thống Pháp Emmanuel Macron"),
        ("Mayor John Smith on Monday", "Mayor John Smith"),
        ("một người dân", None),
        ("", None),
        (None, None),
        ("Ông " + "rất " * 30 + "Tám", None),
        ("Tổng thống", "Tổng thống"),
    ],
)
def test_resolve_speaker(phrase: str | None, expected: str | None) -> None:
    assert resolve_speaker(phrase, "Không có tên ai ở đây.") == expected
