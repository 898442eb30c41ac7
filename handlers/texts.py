"""Every message the bot says, in Vietnamese and English."""

from __future__ import annotations

from typing import Final

from handlers.feed_texts import FEED_EN, FEED_VI

COMMANDS: Final[tuple[tuple[str, str, str], ...]] = (
    # (command, Vietnamese description, English description)
    (
        "subscribe",
        "Theo dõi từ khóa: /subscribe giá vàng",
        "Follow keywords: /subscribe gold price",
    ),
    ("unsubscribe", "Bỏ theo dõi một từ khóa", "Stop following a keyword"),
    ("list", "Các từ khóa đang theo dõi", "Your keywords"),
    ("latest", "Bài mới nhất về một chủ đề: /latest đảng ủy", "Newest article on a topic"),
    ("digest", "Bản tin của tôi ngay bây giờ", "My digest now"),
    ("time", "Giờ nhận bản tin: /time 07:00", "Digest time: /time 07:00"),
    ("timezone", "Múi giờ: /timezone Asia/Ho_Chi_Minh", "Time zone: /timezone Europe/London"),
    (
        "frequency",
        "Tần suất: /frequency daily|weekly|instant|off",
        "How often: /frequency daily|weekly|instant|off",
    ),
    ("pause", "Tạm dừng gửi tin", "Pause all pushes"),
    ("resume", "Tiếp tục gửi tin", "Resume pushes"),
    ("lang", "Ngôn ngữ: /lang vi|en", "Language: /lang vi|en"),
    ("feeds", "Các nguồn tin và tình trạng", "Feeds and their status"),
    ("addfeed", "Thêm nguồn tin: /addfeed <địa chỉ RSS>", "Add a feed: /addfeed <RSS URL>"),
    ("removefeed", "Bỏ nguồn tin: /removefeed <số>", "Remove a feed: /removefeed <number>"),
    ("export", "Xuất danh sách nguồn tin (OPML)", "Export the feeds (OPML)"),
    ("help", "Hướng dẫn", "Help"),
)

_VI: Final[dict[str, str]] = {
    "welcome": (
        "Xin chào! Tôi đọc các trang tin và gửi bạn bản tin ngắn: tiêu đề, tóm tắt, "
        "câu trích dẫn chính và các con số quan trọng.\n\n"
        "Bản tin hằng ngày lúc {time} ({tz}).\n\n{commands}"
    ),
    "help": (
        "Các lệnh:\n{commands}\n\n"
        'Từ khóa: các từ (phải có đủ), "cụm từ trong ngoặc kép", -từ_loại_trừ, OR (hoặc). '
        "Không phân biệt dấu: «dang uy» tìm được «Đảng ủy»; bài đúng dấu được xếp trước. "
        'Ví dụ: /subscribe "giá vàng" -USD OR "lãi suất"'
    ),
    "subscribe_usage": "Cách dùng: /subscribe <từ khóa>, ví dụ /subscribe giá vàng",
    "latest_usage": "Cách dùng: /latest <chủ đề>, ví dụ /latest đảng ủy",
    "time_usage": "Cách dùng: /time HH:MM, ví dụ /time 07:30",
    "timezone_usage": "Cách dùng: /timezone Khu_vực/Thành_phố, ví dụ /timezone Asia/Ho_Chi_Minh",
    "too_long": "Từ khóa dài quá {limit} ký tự. Hãy rút gọn.",
    "no_words": "Tôi không thấy chữ hay số nào trong từ khóa đó.",
    "too_many": "Bạn đã theo dõi {limit} từ khóa, mức tối đa. Hãy bỏ bớt bằng /unsubscribe.",
    "subscribed": "Đã theo dõi «{query}». Bạn có {count}/{limit} từ khóa.",
    "already": "Bạn đã theo dõi «{query}» rồi.",
    "no_subs": "Bạn chưa theo dõi từ khóa nào. Dùng /subscribe <từ khóa>.",
    "list": "Từ khóa bạn theo dõi ({count}/{limit}):\n{items}",
    "unsub_pick": "Chọn từ khóa muốn bỏ theo dõi:",
    "unsubscribed": "Đã bỏ theo dõi «{query}».",
    "stale": "Nút này đã cũ. Dùng /list để xem danh sách hiện tại.",
    "no_match": "Chưa có bài nào về «{query}».",
    "nothing_new": "Không có tin mới khớp với từ khóa của bạn kể từ bản tin trước.",
    "digest_head": "📰 Bản tin của bạn, {date}: {count} bài",
    "digest_head_one": "📰 Bản tin của bạn, {date}: {count} bài",
    "time_set": "Đã đặt giờ nhận bản tin: {time} ({tz}).",
    "timezone_set": "Đã đặt múi giờ: {tz}. Bản tin lúc {time} giờ địa phương.",
    "bad_timezone": "Tôi không biết múi giờ «{value}». Ví dụ: Asia/Ho_Chi_Minh, Europe/London.",
    "bad_time": "«{value}» không phải giờ hợp lệ. Ví dụ: /time 07:30",
    "unknown": "Tôi không hiểu lệnh đó. Gõ /help để xem các lệnh.",
    "error": "Xin lỗi, có lỗi xảy ra. Hãy thử lại sau ít phút.",
    "read": "Đọc bài",
    "figures": "Số liệu",
    "admins_only": "Chỉ quản trị viên của nhóm mới thay đổi được cài đặt này.",
    "frequency_usage": "Cách dùng: /frequency daily (hằng ngày) | weekly (thứ Hai) | instant | off",
    "frequency_daily": "Bạn sẽ nhận bản tin mỗi ngày.",
    "frequency_weekly": "Bạn sẽ nhận bản tin mỗi thứ Hai.",
    "frequency_instant": "Bạn sẽ nhận từng bài ngay khi có bài khớp từ khóa.",
    "frequency_off": "Đã tắt bản tin tự động. /digest vẫn dùng được.",
    "paused": "Đã tạm dừng. Gõ /resume để tiếp tục.",
    "resumed": "Đã tiếp tục gửi tin.",
    "lang_usage": "Cách dùng: /lang vi hoặc /lang en",
    "lang_set": "Đã chuyển sang tiếng Việt.",
    "mute": "🔇 Ẩn nguồn {source}",
    "muted": "Đã ẩn tin từ {source}.",
    "more": "Xem thêm ▸",
    "no_more": "Không còn bài nào khác.",
    "understood": "Tôi hiểu là: {describe}",
    "query_empty": "Từ khóa trống: hãy gõ ít nhất một từ.",
    "query_too_long": "Từ khóa dài quá {limit} ký tự (của bạn: {length}). Hãy rút gọn.",
    "query_no_words": "Tôi không thấy chữ hay số nào trong từ khóa đó.",
    "query_only_exclusions": "Cần ít nhất một từ muốn tìm, không chỉ các từ loại trừ (-từ).",
    "query_contradiction": "Từ khóa vừa tìm vừa loại trừ cùng một từ, nên không khớp bài nào.",
    "query_too_many_terms": "Tối đa {limit} từ hoặc cụm từ (của bạn: {count}).",
    "queued": "Bản tin của bạn đang được gửi.",
}

_EN: Final[dict[str, str]] = {
    "welcome": (
        "Hello! I read news sites and send you short digests: headline, summary, the key "
        "quote and the key figures.\n\nDaily digest at {time} ({tz}).\n\n{commands}"
    ),
    "help": (
        "Commands:\n{commands}\n\n"
        'Keywords: words (all must occur), "quoted phrases", -exclusions, OR. '
        "Diacritics are optional: “dang uy” finds “Đảng ủy”, exact spellings rank first. "
        'Example: /subscribe "interest rate" -mortgage OR inflation'
    ),
    "subscribe_usage": "Usage: /subscribe <keywords>, e.g. /subscribe gold price",
    "latest_usage": "Usage: /latest <topic>, e.g. /latest inflation",
    "time_usage": "Usage: /time HH:MM, e.g. /time 07:30",
    "timezone_usage": "Usage: /timezone Area/City, e.g. /timezone Europe/London",
    "too_long": "That keyword is longer than {limit} characters. Please shorten it.",
    "no_words": "I found no letters or digits in that keyword.",
    "too_many": "You already follow {limit} keywords, the maximum. Remove one with /unsubscribe.",
    "subscribed": "Now following “{query}”. You have {count}/{limit} keywords.",
    "already": "You already follow “{query}”.",
    "no_subs": "You follow no keywords yet. Use /subscribe <keywords>.",
    "list": "Your keywords ({count}/{limit}):\n{items}",
    "unsub_pick": "Pick a keyword to stop following:",
    "unsubscribed": "Stopped following “{query}”.",
    "stale": "This button is out of date. Use /list to see your keywords now.",
    "no_match": "No article about “{query}” yet.",
    "nothing_new": "Nothing new matches your keywords since your last digest.",
    "digest_head": "📰 Your digest, {date}: {count} articles",
    "digest_head_one": "📰 Your digest, {date}: {count} article",
    "time_set": "Digest time set to {time} ({tz}).",
    "timezone_set": "Time zone set to {tz}. Digest at {time} local time.",
    "bad_timezone": "I don't know the time zone “{value}”. Try Asia/Ho_Chi_Minh or Europe/London.",
    "bad_time": "“{value}” is not a valid time. Example: /time 07:30",
    "unknown": "I don't know that command. Send /help to see what I can do.",
    "error": "Sorry, something went wrong. Please try again in a few minutes.",
    "read": "Read",
    "figures": "Figures",
    "admins_only": "Only the group's admins can change this setting.",
    "frequency_usage": "Usage: /frequency daily | weekly (Mondays) | instant | off",
    "frequency_daily": "You will get a digest every day.",
    "frequency_weekly": "You will get a digest every Monday.",
    "frequency_instant": "You will get each matching article as soon as it arrives.",
    "frequency_off": "Scheduled digests are off. /digest still works.",
    "paused": "Paused. Send /resume to start again.",
    "resumed": "Resumed.",
    "lang_usage": "Usage: /lang vi or /lang en",
    "lang_set": "Switched to English.",
    "mute": "🔇 Mute {source}",
    "muted": "Muted {source}.",
    "more": "More ▸",
    "no_more": "No more articles.",
    "understood": "I read this as: {describe}",
    "queued": "Your digest is on its way.",
}

_TABLES: Final[dict[str, dict[str, str]]] = {"vi": _VI | FEED_VI, "en": _EN | FEED_EN}
LANGUAGES: Final[tuple[str, ...]] = tuple(_TABLES)


def language_for(code: str | None) -> str:
    """Map a Telegram `language_code` to one of our interface languages."""
    return "vi" if (code or "vi").lower().startswith("vi") else "en"


def t(lang: str, key: str, **values: object) -> str:
    """Return message `key` in `lang` (Vietnamese when unknown) with `values` filled in."""
    table = _TABLES.get(lang, _VI)
    return table[key].format(**values)


def command_lines(lang: str) -> str:
    """Return the command list, one `/command — description` per line."""
    index = 1 if lang == "vi" else 2
    return "\n".join(f"/{row[0]} — {row[index]}" for row in COMMANDS)
