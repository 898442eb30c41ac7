"""Every message the bot says, in Vietnamese and English."""

from __future__ import annotations

from typing import Final

from handlers.feed_texts import FEED_EN, FEED_VI
from handlers.settings_texts import SETTINGS_EN, SETTINGS_VI

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
    ("muted", "Các nguồn đã ẩn, kèm nút bỏ ẩn", "Muted sources, with unmute buttons"),
    ("settings", "Xem mọi cài đặt và bản tin tiếp theo", "All settings and the next digest"),
    ("feeds", "Các nguồn tin và tình trạng", "Feeds and their status"),
    ("addfeed", "Thêm nguồn tin: /addfeed <địa chỉ RSS>", "Add a feed: /addfeed <RSS URL>"),
    ("removefeed", "Bỏ nguồn tin: /removefeed <số>", "Remove a feed: /removefeed <number>"),
    ("export", "Xuất danh sách nguồn tin (OPML)", "Export the feeds (OPML)"),
    ("help", "Hướng dẫn", "Help"),
)

# Shown only to who may manage feeds (handlers.feed_cmds.feed_refusal).
FEED_COMMANDS: Final[frozenset[str]] = frozenset({"addfeed", "removefeed", "export"})

_VI: Final[dict[str, str]] = {
    "welcome": (
        "Xin chào! Tôi đọc các trang tin và gửi bạn bản tin ngắn: tiêu đề, tóm tắt, "
        "câu trích dẫn chính và các con số quan trọng.\n\n"
        "{schedule}\n\n{commands}"
    ),
    "help": (
        "Các lệnh:\n{commands}\n\n"
        'Từ khóa: các từ (phải có đủ), "cụm từ trong ngoặc kép", -từ_loại_trừ, OR (hoặc). '
        "Gõ không dấu thì tìm mọi cách viết («dang uy» tìm được «Đảng ủy»); gõ có dấu thì "
        "tìm đúng dấu («bão» không tìm «báo»). "
        'Ví dụ: /subscribe "giá vàng" -USD OR "lãi suất"'
    ),
    "subscribe_usage": "Cách dùng: /subscribe <từ khóa>, ví dụ /subscribe giá vàng",
    "latest_usage": "Cách dùng: /latest <chủ đề>, ví dụ /latest đảng ủy",
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
    "unknown": "Tôi không hiểu lệnh đó. Gõ /help để xem các lệnh.",
    "error": "Xin lỗi, có lỗi xảy ra. Hãy thử lại sau ít phút.",
    "read": "Đọc bài",
    "figures": "Số liệu",
    "admins_only": "Chỉ quản trị viên của nhóm mới thay đổi được cài đặt này.",
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
    "latest_stale": "Lượt tìm này đã cũ. Hãy gửi lại /latest <chủ đề>.",
    "muted_none": "Bạn chưa ẩn nguồn nào. Nút 🔇 dưới mỗi bài /latest ẩn nguồn của bài đó.",
    "muted_list": "Các nguồn đã ẩn (bấm để hiện lại):\n{items}",
    "unmute": "🔊 Hiện lại {source}",
    "unmuted": "Đã hiện lại tin từ {source}.",
    "stale_muted": "Nút này đã cũ. Gửi /muted để xem các nguồn đang ẩn.",
    "slow_down": (
        "Bạn gửi nhanh quá. Tôi sẽ bỏ qua tin nhắn của bạn trong {seconds} giây tới; "
        "hãy chờ một chút rồi gửi lại."
    ),
    "instant_folded": "📰 Thêm {count} bài khớp từ khóa của bạn (đến nhiều quá nên gộp lại):",
}

_EN: Final[dict[str, str]] = {
    "welcome": (
        "Hello! I read news sites and send you short digests: headline, summary, the key "
        "quote and the key figures.\n\n{schedule}\n\n{commands}"
    ),
    "help": (
        "Commands:\n{commands}\n\n"
        'Keywords: words (all must occur), "quoted phrases", -exclusions, OR. '
        "Words typed without diacritics match every spelling (“dang uy” finds “Đảng ủy”); "
        "words typed with them match only that spelling (“bão” never finds “báo”). "
        'Example: /subscribe "interest rate" -mortgage OR inflation'
    ),
    "subscribe_usage": "Usage: /subscribe <keywords>, e.g. /subscribe gold price",
    "latest_usage": "Usage: /latest <topic>, e.g. /latest inflation",
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
    "unknown": "I don't know that command. Send /help to see what I can do.",
    "error": "Sorry, something went wrong. Please try again in a few minutes.",
    "read": "Read",
    "figures": "Figures",
    "admins_only": "Only the group's admins can change this setting.",
    "mute": "🔇 Mute {source}",
    "muted": "Muted {source}.",
    "more": "More ▸",
    "no_more": "No more articles.",
    "understood": "I read this as: {describe}",
    "queued": "Your digest is on its way.",
    "latest_stale": "This search is out of date. Send /latest <topic> again.",
    "muted_none": "You have muted no source. The 🔇 button under a /latest card mutes its source.",
    "muted_list": "Muted sources (press to unmute):\n{items}",
    "unmute": "🔊 Unmute {source}",
    "unmuted": "Unmuted {source}.",
    "stale_muted": "This button is out of date. Send /muted to see the muted sources.",
    "slow_down": (
        "You are sending messages too fast. I will ignore your messages for the next "
        "{seconds} seconds; please wait a moment, then send again."
    ),
    "instant_folded": "📰 More articles matching your keywords ({count}), too many to send singly:",
}

_TABLES: Final[dict[str, dict[str, str]]] = {
    "vi": _VI | FEED_VI | SETTINGS_VI,
    "en": _EN | FEED_EN | SETTINGS_EN,
}
LANGUAGES: Final[tuple[str, ...]] = tuple(_TABLES)


def language_for(code: str | None) -> str:
    """Map a Telegram `language_code` to one of our interface languages."""
    return "vi" if (code or "vi").lower().startswith("vi") else "en"


def t(lang: str, key: str, **values: object) -> str:
    """Return message `key` in `lang` (Vietnamese when unknown) with `values` filled in."""
    table = _TABLES.get(lang, _VI)
    return table[key].format(**values)


def command_lines(lang: str, *, feeds: bool = True) -> str:
    """Return the command list, one `/command — description` per line (feed ones if `feeds`)."""
    index = 1 if lang == "vi" else 2
    rows = (row for row in COMMANDS if feeds or row[0] not in FEED_COMMANDS)
    return "\n".join(f"/{row[0]} — {row[index]}" for row in rows)


MAX_ECHO = 60


def clip(value: str, limit: int = MAX_ECHO) -> str:
    """Cut member input to `limit` characters (with "…") before a reply echoes it back."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"
