"""The feed-management messages (/addfeed, /removefeed, /feeds, OPML), in both languages."""

from __future__ import annotations

from typing import Final

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
