"""Word lists the digest rules read: data only, no rules.

Kept in one place so tuning a list never touches the rule that reads it. Vietnamese words
are NFC and lowercase; multi-word entries use "|" as the separator.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in text.split("|") if part.strip())


# Words that end a counted noun phrase read forwards from a number.
LABEL_STOP = _words(
    "a after an and are as at before by bị chiếm cho chưa chỉ could các còn có cùng cũng của "
    "do down during dưới each for from giảm gồm had has have he her his hiện hoặc hơn i in "
    "into is it its khi không kể là lên mà mỗi một nay như nhưng nhằm những này nên nếu nữa "
    "of on or over per phải ra rất rồi sau she since so sẽ than that the their them theo "
    "these they this those thuộc thì to trong trên trước tăng tại tới từ up và vào vì vẫn về "
    "với vừa was we were which who will with would xuống you đang đi đã được đạt đến đều để ở"
)

# Verbs, prepositions and adverbs dropped from the end (and start) of a label read backwards.
LABEL_TRAIL = _words(
    "about almost approximately are around at be by chiếm chỉ chừng climbed cost costs could "
    "còn có cũng cần cộng declined decreased dropped dưới fell gained giảm grew gần hit hơn "
    "hết increased is jumped just khoảng less là lên may might more mất mới mức nearly of "
    "only over phải posted reached reported rose roughly should some sẽ than thêm to totaled "
    "totalled trên tăng tốn tới under vẫn với was were will would xuống đang đã đạt đến đều ở"
)

# Two-word forms of the same.
LABEL_TRAIL_PAIRS = _phrases(
    "con số|dự kiến|giá trị|trị giá|tương đương|tổng cộng|vào khoảng|xấp xỉ|ước tính|ước đạt"
)

# Words that end a label read backwards from a number.
LABEL_BACK_STOP = _words(
    "mỗi hàng each every "
    "a an and at by bị cho could có của for from had has have her his hiện hoặc in its khi là "
    "may might mà nay như nhưng này on posted reported riêng said says should sẽ that the "
    "their thì trong tại từ và với which will with would đang đây đã đó được ở"
)

# Bare classifiers: "837 người" says less than the "số X là" phrase before it.
CLASSIFIERS = _phrases(
    "ca|cases|chiếc|con|cái|em|hộ|lượt|lần|người|people|persons|times|trường hợp|units|vụ"
)

# A label starting with these is a duration or an age, not a key figure.
TIME_UNITS = _words(
    "day days decade decades giây giờ hour hours minute minutes month months ngày năm phút "
    "second seconds tháng tuần tuổi week weeks year years"
)

# Time units a span of time is counted in ("trong vòng 30 năm qua", "7 năm trước").
DURATION_UNITS = _words("day days month months năm ngày tháng tuần week weeks year years")

# A word right after a duration that makes it a span, not a date part ("30 năm qua").
SPAN_AFTER = _words("ago liền qua trước")

# A number right after these names a thing ("khóa 12", "quận 1") or a date part.
DESIGNATORS = _words(
    "article bản bảng chapter chiều chương grade highway hôm hạng khoá khoản khu khóa khóm km "
    "kỳ level lô lúc lớp mã mục ngày no no. number năm page phase phiên phòng phường ql quý "
    "quận room route section sáng số tháng thôn thứ top trang trưa tuyến tuổi tầng tập tối tổ "
    "version vòng xã xóm điều đêm ấp"
)

# Two-word forms of the same ("Trung ương 4", "lần thứ 360").
DESIGNATOR_PAIRS = _phrases(
    "chỉ thị|hội nghị|khu phố|kỳ họp|lần thứ|nghị quyết|nghị định|quyết định|quốc lộ|"
    "rạng sáng|thông tư|trung ương|tỉnh lộ|tổ dân|đại hội"
)

# Two-word forms before a number that make it a count after all ("trong số 20 lần",
# "trong vòng 30 năm").
COUNTING_PAIRS = _phrases("trong số|trong vòng|tổng số|con số|among the")

# Nouns after a number that make it a count even right after a name ("Ford Transit 16 chỗ").
NAME_COUNTED = _words("chỗ ghế giường seats seater")

# Vietnamese surnames, lowercased: a capitalised run starting with one is a name.
SURNAMES = _words(
    "bùi bế cao chu châu chử cù diệp doãn dương giang hoàng huỳnh hà hầu hồ hứa khúc kim kiều "
    "la lâm lê lò lý lưu lương lại lục mai mạc nguyễn ngô ninh nông phan phí phùng phạm quách "
    "thái thân thạch triệu trương trần trịnh tô tôn tăng tạ tống từ vi võ vũ vương âu đinh "
    "đoàn đàm đào đặng đỗ"
)

# Surname-initial pairs that are places or words, not people.
PLACE_PAIRS = _phrases(
    "cao bằng|châu mỹ|châu phi|châu á|châu âu|giang tây|hà giang|hà nam|hà nội|hà tĩnh|"
    "kim ngân|lâm đồng|thái bình|thái lan|thái nguyên|đào tạo"
)

# Words before a capitalised run that make it a place or an organisation, not a person.
PLACE_WORDS = _words("của cho tại ở từ đến tới sang về với và in at from to of for by on")

# Honorifics that precede a name: "ông Thống", "Mr Smith".
HONORIFICS = _words(
    "anh bs bà bác chú chị cô cụ dame dr em gs ks lady ls mr mrs ms pgs prof sir ths thầy ts "
    "ông đồng"
)

# Two-word titles used like an honorific before a name: "bác sĩ Đức", "luật sư Hà".
TITLE_PAIRS = _phrases(
    "bác sĩ|ca sĩ|giáo sư|kỹ sư|luật sư|nghệ sĩ|nhà báo|nhạc sĩ|nhân chứng|thạc sĩ|tiến sĩ|"
    "đại biểu|điều dưỡng"
)

# First word(s) of a title phrase: "Phó Bí thư …", "Chủ tịch …", "Mayor …".
TITLE_HEADS = _phrases(
    "ambassador|bác sĩ|bí thư|bộ trưởng|chairman|chief|chuyên gia|chánh|chủ nhiệm|chủ tịch|"
    "cựu|director|general|giám đốc|giáo sư|governor|hiệu trưởng|hlv|luật sư|mayor|minister|"
    "nguyên|người phát ngôn|phát ngôn|phó|president|prime|professor|secretary|senator|spokesman|"
    "spokesperson|spokeswoman|thiếu tá|thiếu tướng|thượng tá|thượng tướng|thủ tướng|"
    "thứ trưởng|tiến sĩ|trung tá|trung tướng|trưởng|tổng|tổng thống|viện trưởng|đại biểu|"
    "đại sứ|đại tá|đại tướng|đồng chí"
)

# Capitalised English words that are titles, not names.
EN_TITLE_WORDS = _words(
    "a an ceo cfo chair chairman chairwoman chief col coo deputy director dr eu executive "
    "foreign gen general gov governor head judge justice king lt mayor minister minister's mr "
    "mrs ms national officer pope president prime prince princess prof professor queen rep "
    "representative secretary sen senator sir spokesman spokesperson spokeswoman state the "
    "u.s. uk un us vice"
)

# Vietnamese function words typed without diacritics.
VI_PLAIN_WORDS = _words(
    "ba bi cac cho co cua cung da den duoc khi khong la mot nam nay nguoi nhieu nhu nhung ong "
    "tai theo thi trong tu va ve viec voi"
)

# English function words.
EN_FUNCTION_WORDS = _words(
    "an and are as at be been by for from has have her his in is it not of on or said that "
    "the their they this to was were which will with would"
)

# Capitalised words that open a sentence and are never part of a photo credit's name:
# "Ảnh: An Nhơn Theo kết luận …" starts again at "Theo".
SENTENCE_OPENERS = _words(
    "Bên Các Chiều Cùng Cũng Cả Dù Hiện Hôm Khi Lúc Mặc Ngay Ngoài Ngày Nhưng Những Nếu "
    "Riêng Sau Theo Trong Trên Trước Tuy Tại Tối Từ Vào Vì Với Để Điều Đây Đêm Đến Đặc "
    "Bà Ông Một Việc Hàng Nhiều Trao Trả "
    "A According After An As At But For He In It On She The They This We When While"
)

# Lowercase words a photo credit may carry after its name ("Ảnh: Vietinbank cung cấp").
CREDIT_NAME_WORDS = _words("cung cấp chụp minh họa minh hoạ tư liệu internet nguồn theo st")

# Nouns that introduce a quoted name rather than speech: 'chương trình "Vì ngày mai"'.
NAMING_WORDS = "|".join(
    _phrases(
        "bài hát|bộ phim|ca khúc|chiến dịch|chương trình|chủ đề|cuộc thi|cuốn sách|cụm từ|dự án|"
        "giải|gọi là|khẩu hiệu|mang tên|phong trào|thông điệp|tiêu đề|tác phẩm|tên|từ khóa|đề án|"
        "called|named|titled|campaign|programme|program|slogan|song|book|film"
    )
)
