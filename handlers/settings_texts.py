"""What the bot says about a chat's schedule and settings, in Vietnamese and English."""

from __future__ import annotations

from typing import Final

SETTINGS_VI: Final[dict[str, str]] = {
    "time_usage": "Cách dùng: /time 07:30 (cũng nhận 7h30, 7h, 18.30, 6:30 PM)",
    "timezone_usage": (
        "Cách dùng: /timezone Asia/Ho_Chi_Minh (cũng nhận tên thành phố như Hà Nội, "
        "Sài Gòn, HCM, hoặc độ lệch giờ như UTC+7)"
    ),
    "time_set": "Đã đặt giờ nhận bản tin: {time} ({tz}).",
    "timezone_set": "Đã đặt múi giờ: {tz}. Bản tin lúc {time} giờ địa phương.",
    "bad_timezone": (
        "Tôi không biết múi giờ «{value}». Hãy gõ tên IANA (Asia/Ho_Chi_Minh, Europe/London), "
        "một thành phố (Hà Nội, Sài Gòn, Tokyo) hoặc độ lệch giờ tròn (UTC+7, -05:00)."
    ),
    "bad_time": (
        "«{value}» không phải giờ rõ ràng. Ví dụ: /time 07:30, 7h30, 7h, 18.30, 6:30 PM "
        "(một số trơn như «7» có thể là sáng hoặc tối)."
    ),
    "timezone_fixed": "Đây là độ lệch giờ cố định, không đổi theo giờ mùa hè.",
    "schedule_daily": "Bản tin hằng ngày lúc {time} ({tz}).",
    "schedule_weekly": "Bản tin hằng tuần vào thứ Hai lúc {time} ({tz}).",
    "schedule_instant": "Mỗi bài khớp từ khóa được gửi ngay khi có.",
    "schedule_off": "Bản tin tự động đang tắt; /digest vẫn dùng được.",
    "schedule_paused": "Đang tạm dừng: không gửi tin cho đến khi bạn gõ /resume.",
    "next_digest": "Bản tin tiếp theo: {when}",
    "settings": (
        "⚙️ Cài đặt\nTần suất: {frequency}\nGiờ nhận: {time}\nMúi giờ: {tz}\n"
        "Ngôn ngữ: {language}\nTạm dừng: {paused}\nBản tin tiếp theo: {next}\n"
        "Từ khóa: {count}/{limit}"
    ),
    "frequency_name_daily": "hằng ngày",
    "frequency_name_weekly": "hằng tuần (thứ Hai)",
    "frequency_name_instant": "ngay khi có bài",
    "frequency_name_off": "tắt",
    "language_name": "Tiếng Việt (vi)",
    "yes": "có",
    "no": "không",
    "frequency_usage": (
        "Cách dùng: /frequency hằng ngày | hằng tuần (thứ Hai) | ngay (từng bài) | tắt "
        "— hoặc daily | weekly | instant | off"
    ),
    "frequency_daily": "Bạn sẽ nhận bản tin mỗi ngày.",
    "frequency_weekly": "Bạn sẽ nhận bản tin mỗi thứ Hai.",
    "frequency_instant": "Bạn sẽ nhận từng bài ngay khi có bài khớp từ khóa.",
    "frequency_off": "Đã tắt bản tin tự động. /digest vẫn dùng được.",
    "paused": "Đã tạm dừng. Gõ /resume để tiếp tục.",
    "resumed": "Đã tiếp tục gửi tin.",
    "lang_usage": "Cách dùng: /lang vi hoặc /lang en",
    "lang_set": "Đã chuyển sang tiếng Việt.",
}

SETTINGS_EN: Final[dict[str, str]] = {
    "time_usage": "Usage: /time 07:30 (also 7h30, 7h, 18.30, 6:30 PM)",
    "timezone_usage": (
        "Usage: /timezone Europe/London (also a city such as Hanoi or Saigon, "
        "or an offset such as UTC+7)"
    ),
    "time_set": "Digest time set to {time} ({tz}).",
    "timezone_set": "Time zone set to {tz}. Digest at {time} local time.",
    "bad_timezone": (
        "I don't know the time zone “{value}”. Send an IANA name (Asia/Ho_Chi_Minh, "
        "Europe/London), a city (Hanoi, Saigon, Tokyo) or a whole-hour offset (UTC+7, -05:00)."
    ),
    "bad_time": (
        "“{value}” is not a clear time. Examples: /time 07:30, 7h30, 7h, 18.30, 6:30 PM "
        "(a bare number like “7” could be morning or evening)."
    ),
    "timezone_fixed": "This is a fixed offset: it does not follow daylight saving time.",
    "schedule_daily": "Daily digest at {time} ({tz}).",
    "schedule_weekly": "Weekly digest on Monday at {time} ({tz}).",
    "schedule_instant": "Each matching article is sent at once.",
    "schedule_off": "Scheduled digests are off; /digest still works.",
    "schedule_paused": "Paused: nothing is sent until you send /resume.",
    "next_digest": "Next digest: {when}",
    "settings": (
        "⚙️ Settings\nFrequency: {frequency}\nTime: {time}\nTime zone: {tz}\n"
        "Language: {language}\nPaused: {paused}\nNext digest: {next}\n"
        "Keywords: {count}/{limit}"
    ),
    "frequency_name_daily": "daily",
    "frequency_name_weekly": "weekly (Mondays)",
    "frequency_name_instant": "each article at once",
    "frequency_name_off": "off",
    "language_name": "English (en)",
    "yes": "yes",
    "no": "no",
    "frequency_usage": "Usage: /frequency daily | weekly (Mondays) | instant | off",
    "frequency_daily": "You will get a digest every day.",
    "frequency_weekly": "You will get a digest every Monday.",
    "frequency_instant": "You will get each matching article as soon as it arrives.",
    "frequency_off": "Scheduled digests are off. /digest still works.",
    "paused": "Paused. Send /resume to start again.",
    "resumed": "Resumed.",
    "lang_usage": "Usage: /lang vi or /lang en",
    "lang_set": "Switched to English.",
}
