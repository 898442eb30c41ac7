"""The feed-management messages (/addfeed, /removefeed, /feeds, OPML), in both languages."""

from __future__ import annotations

import re
from typing import Final

from feeds.errors import reason_kind

FEED_VI: Final[dict[str, str]] = {
    "addfeed_usage": "Cách dùng: /addfeed <địa chỉ RSS/Atom>, ví dụ /addfeed https://vnexpress.net/rss/tin-moi-nhat.rss",
    "feeds_not_allowed": "Chỉ quản trị viên của bot mới được thêm hoặc bỏ nguồn tin.",
    "feed_limit": "Nhóm/bạn đã thêm {limit} nguồn tin, mức tối đa. Hãy bỏ bớt bằng /removefeed.",
    "feed_checking": "Đang kiểm tra {url} …",
    "feed_refused": "Không thêm được nguồn tin: {reason}.",
    "feed_added": "Đã thêm nguồn tin «{title}» ({count} bài). Tin mới sẽ có trong bản tin của bạn.",
    "feed_known": "Nguồn tin «{title}» đã có sẵn.",
    "feed_enabled": "Đã bật lại nguồn tin «{title}»; bot sẽ kiểm tra ngay.",
    "removefeed_usage": "Cách dùng: /removefeed <số thứ tự trong /feeds hoặc địa chỉ>",
    "feed_unknown": "Không có nguồn tin «{feed}». Xem danh sách bằng /feeds.",
    "feed_configured": "Nguồn tin này được đặt trong cấu hình (FEEDS) của bot; hãy bỏ nó ở đó.",
    "feed_not_yours": "Chỉ nhóm/người đã thêm nguồn tin này hoặc quản trị viên bot mới bỏ được.",
    "feed_removed": "Đã bỏ nguồn tin «{title}».",
    "no_feeds": "Chưa có nguồn tin nào. Thêm bằng /addfeed <địa chỉ>.",
    "feeds_head": "Nguồn tin ({count}):",
    "feeds_more": "… và {count} nguồn khác (/export để lấy đủ danh sách).",
    "feed_ok": "✅ lần cuối thành công {last}",
    "feed_never": "⏳ chưa kiểm tra",
    "feed_errors": "⚠️ {count} lỗi liên tiếp: {reason}",
    "feed_off": "⛔ đã tạm ngừng từ {when}: {reason}",
    "feed_next": "kiểm tra tiếp {next}",
    "feed_items": "{count} bài",
    "export_caption": "Danh sách {count} nguồn tin (OPML). Gửi lại tệp này cho bot để nhập.",
    "opml_bad": "Không đọc được tệp OPML: {reason}.",
    "opml_too_big": "Tệp quá lớn (tối đa {limit}).",
    "opml_done": "Đã nhập OPML: thêm {added}, đã có {known}, bỏ qua {refused}.",
    "opml_refused_line": "• {url}: {reason}",
    "opml_skip_not_feed": "mục này không phải nguồn tin RSS/Atom",
    "opml_skip_no_url": "không có địa chỉ nguồn tin (xmlUrl)",
    "opml_skip_not_web": "không phải địa chỉ http(s)",
    "opml_skip_repeat": "trùng với một nguồn tin ở trên",
    "feed_discovered": "Địa chỉ đó là một trang web; đã dùng nguồn tin mà trang chỉ tới: {url}",
    "feed_empty": (
        "⚠️ Nguồn tin này hiện chưa có bài nào. Hãy kiểm tra lại địa chỉ; "
        "bot vẫn sẽ kiểm tra định kỳ và /removefeed để bỏ nếu nhầm."
    ),
    "feed_broken": "⚠️ Nguồn tin có lỗi định dạng XML; bot chỉ đọc được phần còn đọc được.",
    "opml_not_opml": (
        "Tệp này không phải danh sách nguồn tin OPML, nên tôi không nhập gì. "
        "Gửi tệp .opml (ví dụ tệp /export tạo ra) để nhập nguồn tin."
    ),
    "feed_disabled": (
        "⚠️ Đã tạm ngừng nguồn tin «{title}» sau {count} lần lỗi liên tiếp.\n"
        "Lỗi gần nhất: {reason}.\nGửi /addfeed {url} để bật lại."
    ),
}

FEED_EN: Final[dict[str, str]] = {
    "addfeed_usage": "Usage: /addfeed <RSS/Atom URL>, e.g. /addfeed https://www.theguardian.com/world/rss",
    "feeds_not_allowed": "Only the bot's admins can add or remove feeds.",
    "feed_limit": "This chat has added {limit} feeds, the maximum. Remove one with /removefeed.",
    "feed_checking": "Checking {url} …",
    "feed_refused": "Could not add the feed: {reason}.",
    "feed_added": "Added the feed “{title}” ({count} items). New articles will be in your digests.",
    "feed_known": "The feed “{title}” is already followed.",
    "feed_enabled": "Turned the feed “{title}” back on; it will be checked right away.",
    "removefeed_usage": "Usage: /removefeed <number from /feeds, or URL>",
    "feed_unknown": "There is no feed “{feed}”. See the list with /feeds.",
    "feed_configured": "This feed is set in the bot's configuration (FEEDS); remove it there.",
    "feed_not_yours": "Only the chat that added this feed or a bot admin can remove it.",
    "feed_removed": "Removed the feed “{title}”.",
    "no_feeds": "No feeds yet. Add one with /addfeed <URL>.",
    "feeds_head": "Feeds ({count}):",
    "feeds_more": "… and {count} more (/export gives the full list).",
    "feed_ok": "✅ last success {last}",
    "feed_never": "⏳ not checked yet",
    "feed_errors": "⚠️ {count} failures in a row: {reason}",
    "feed_off": "⛔ disabled since {when}: {reason}",
    "feed_next": "next check {next}",
    "feed_items": "{count} items",
    "export_caption": "{count} feeds as OPML. Send this file back to the bot to import it.",
    "opml_bad": "Could not read the OPML file: {reason}.",
    "opml_too_big": "The file is too big (at most {limit}).",
    "opml_done": "OPML imported: {added} added, {known} already known, {refused} skipped.",
    "opml_refused_line": "• {url}: {reason}",
    "opml_skip_not_feed": "not an RSS/Atom feed entry",
    "opml_skip_no_url": "no feed address (xmlUrl)",
    "opml_skip_not_web": "not an http(s) address",
    "opml_skip_repeat": "listed twice",
    "feed_discovered": "That address is a web page; added the feed it points to: {url}",
    "feed_empty": (
        "⚠️ This feed has no items right now. Check the address; the bot keeps checking it, "
        "and /removefeed removes it if it was a mistake."
    ),
    "feed_broken": "⚠️ The feed's XML is broken; the bot reads only the part it can.",
    "opml_not_opml": (
        "This file is not an OPML feed list, so nothing was imported. "
        "Send an .opml file (like the one /export makes) to import feeds."
    ),
    "feed_disabled": (
        "⚠️ The feed “{title}” was disabled after {count} failures in a row.\n"
        "Last error: {reason}.\nSend /addfeed {url} to turn it back on."
    ),
}

# Why a feed failed, by `feeds.errors.reason_kind`; only a neutral detail (a status code, a
# duration, a size) from the English reason is shown, never exception names.
REASONS: Final[dict[str, dict[str, str]]] = {
    "vi": {
        "timeout": "máy chủ không trả lời kịp ({detail})",
        "connect": "không kết nối được tới máy chủ",
        "dns": "không tìm thấy tên miền này",
        "private": "địa chỉ trỏ vào mạng nội bộ, không được phép",
        "bad_url": "địa chỉ không hợp lệ (chỉ nhận http:// và https://)",
        "redirects": "bị chuyển hướng quá nhiều lần",
        "status": "máy chủ trả lời mã lỗi {detail}",
        "too_big": "tệp quá lớn (trên {detail})",
        "decode": "dữ liệu nén bị hỏng",
        "html_page": "đây là một trang web, không phải nguồn tin RSS/Atom",
        "empty": "máy chủ trả về nội dung trống",
        "not_feed": "không đọc được như RSS, Atom hay JSON Feed",
        "other": "lỗi khác ({detail})",
    },
    "en": {
        "timeout": "the server did not answer in time ({detail})",
        "connect": "could not connect to the server",
        "dns": "this host name does not exist",
        "private": "the address points into a private network, which is not allowed",
        "bad_url": "not a valid address (only http:// and https:// are accepted)",
        "redirects": "too many redirects",
        "status": "the server answered with error code {detail}",
        "too_big": "the file is too large (over {detail})",
        "decode": "the compressed data is damaged",
        "html_page": "this is a web page, not an RSS/Atom feed",
        "empty": "the server sent an empty response",
        "not_feed": "could not read it as RSS, Atom or JSON Feed",
        "other": "another error ({detail})",
    },
}
MAX_DETAIL = 80


def feed_reason(reason: str, *, lang: str) -> str:
    """Say why a feed failed in `lang`, from a FeedError reason (stored or fresh)."""
    kind, detail = reason_kind(reason)
    table = REASONS.get(lang, REASONS["vi"])
    cut = detail if len(detail) <= MAX_DETAIL else detail[: MAX_DETAIL - 1] + "…"
    return table[kind].format(detail=cut)


# Why an OPML upload was refused, by the start of `feeds.opml.OpmlError`'s English reason
# (first match wins); the line number of broken XML is the only detail carried over.
_OPML_REASONS: Final[tuple[tuple[re.Pattern[str], str, str], ...]] = tuple(
    (re.compile(pattern), vi, en)
    for pattern, vi, en in (
        (r"^not an OPML file \(HTML page\)", "đây là một trang web", "this is a web page"),
        (
            r"^not an OPML file \(it declares a DOCTYPE",
            "tệp có DOCTYPE, bị từ chối vì an toàn",
            "it declares a DOCTYPE, refused for safety",
        ),
        (
            r"^not an OPML file \(broken XML on line (?P<line>\d+)\)",
            "XML hỏng ở dòng {line}",
            "broken XML on line {line}",
        ),
        (r"^not an OPML file", "không phải tệp OPML", "not an OPML file"),
        (
            r"^the file lists more than (?P<n>\d+) feeds",
            "tệp có hơn {n} nguồn tin",
            "the file lists more than {n} feeds",
        ),
        (r"^the file is empty", "tệp trống", "the file is empty"),
        (
            r"^the file is larger than (?P<n>\d+ MB)",
            "tệp lớn hơn {n}",
            "the file is larger than {n}",
        ),
    )
)


def opml_reason(reason: str, *, lang: str) -> str:
    """Say why an OPML file was refused in `lang`, from an OpmlError reason."""
    for pattern, vi, en in _OPML_REASONS:
        match = pattern.match(reason)
        if match is not None:
            return (en if lang == "en" else vi).format(**match.groupdict())
    return "không đọc được tệp" if lang != "en" else "the file could not be read"
