"""Times and dates: vague expressions, and forms the guidelines advise against.

The recommended forms: 11月21日（土曜日）, 午前9時, 午後3時30分, and a Western year
(with the era after it in brackets when the era matters: 2026年（令和8年）).
"""

import re
from bisect import bisect_left
from datetime import date

from ... import wareki
from .. import wordlists
from ..findings import INFO, WARNING, Finding

RULES = ("vague_time", "date_format")

WEEKDAYS = "月火水木金土日"
# \d matches full-width digits too, and int() reads them; separators come in both widths.
_CLOCK = re.compile(r"(?<![\d:：])(\d{1,2})[:：](\d{2})(?![\d:：])")
_HOUR = re.compile(r"(?<![\d:：.．])(\d{1,2})時(?!間)(?:(\d{1,2})分|半)?")
_DAY_PARTS = ("午前", "午後", "朝", "夜", "夕方", "昼", "夜中", "深夜")
_YMD = re.compile(r"(?<![\d/／.．\-－])(\d{4})([/／\-－.．])(\d{1,2})\2(\d{1,2})(?![\d/／.．\-－])")
_MD = re.compile(r"(?<![\d/／.．])(\d{1,2})[/／](\d{1,2})(?![\d/／.．])")
_ERA = re.compile(
    r"(?<![A-Za-zＡ-Ｚａ-ｚ])(令和|平成|昭和|R|H|S)(元|\d{1,2})"
    r"(?:年|([.．/／])(\d{1,2})\3(\d{1,2})(?!\d))"
)
_SHORT_WEEKDAY = re.compile(r"[（(]([月火水木金土日])[）)]")
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日(?!\s*[（(][月火水木金土日])(?!\d)")
_WESTERN_YEAR = re.compile(r"\d{4}年")
_YEAR_BEFORE = re.compile(r"(\d{4})年\s*$")
_DATE_CHARS = re.compile(r"[\d（(元]")


def clock(hour: int, minute: int) -> str:
    """午前9時, 午後3時30分 (noon is 午後0時, midnight 午前0時)."""
    half = "午前" if hour < 12 or hour == 24 else "午後"
    shown = hour % 12
    return f"{half}{shown}時" + (f"{minute}分" if minute else "")


def day_label(year: int | None, month: int, day: int) -> str:
    if year is None:
        return f"{month}月{day}日（◯曜日）"
    weekday = WEEKDAYS[date(year, month, day).weekday()]
    return f"{year}年{month}月{day}日（{weekday}曜日）"


def _valid(year, month, day) -> bool:
    try:
        date(year or 2000, month, day)
    except ValueError:
        return False
    return True


_VAGUE = (
    "「{word}」はいつのことか、はっきりしません。「{easy}」のように、日にちや時間を書きましょう。",
    "「{word}」 ({english}) is vague. Give the date or time: 「{easy}」.",
)


def _vague(doc):
    expressions = wordlists.vague_times()
    pattern = _vague_pattern(tuple(expressions))
    starts, ends = doc.tagged.starts, doc.tagged.ends
    for match in pattern.finditer(doc.text):
        if not (_at(starts, match.start()) and _at(ends, match.end())):
            continue  # whole words only: not 後日 inside 最後日
        entry = expressions[match.group()]
        params = {"word": entry.word, "easy": entry.easy, "english": entry.english}
        yield Finding(
            "vague_time", WARNING, *match.span(), match.group(), *_VAGUE, entry.easy, params
        )


def _at(offsets: list[int], offset: int) -> bool:
    i = bisect_left(offsets, offset)
    return i < len(offsets) and offsets[i] == offset


_patterns: dict[tuple, re.Pattern] = {}


def _vague_pattern(expressions: tuple[str, ...]) -> re.Pattern:
    if expressions not in _patterns:
        ordered = sorted(expressions, key=len, reverse=True)  # longest first: 近日中 over 近日
        _patterns[expressions] = re.compile("|".join(map(re.escape, ordered)))
    return _patterns[expressions]


# Each judge reads a match and returns (severity, message key, suggestion), or None to pass.
_MESSAGES = {
    "clock": (
        "「15:30」のような書き方はわかりにくいです。「午後3時30分」のように書きましょう。",
        "Clock times like 15:30 are hard to read. Write 午後3時30分.",
    ),
    "24_hour": (
        "24時間の書き方はわかりにくいです。「午前」「午後」を付けて書きましょう。",
        "24-hour times are hard to read. Write them with 午前 or 午後.",
    ),
    "half_day": (
        "午前か午後かがわかりません。「午前」「午後」を付けましょう。",
        "Morning or afternoon? Add 午前 or 午後.",
    ),
    "slashes": (
        "「2026/11/21」のような書き方はわかりにくいです。「年・月・日」と曜日で書きましょう。",
        "Dates like 2026/11/21 are hard to read. Write 年, 月, 日 and the weekday.",
    ),
    "month_slash_day": (
        "「11/21」のような書き方はわかりにくいです。「11月21日」と曜日で書きましょう。",
        "Dates like 11/21 are hard to read. Write 11月21日 and the weekday.",
    ),
    "era": (
        "和暦だけでは、外国の人にはわかりにくいです。西暦で書きましょう。",
        "Japanese era years alone are hard for foreign readers. Give the Western year.",
    ),
    "short_weekday": (
        "曜日は「（土曜日）」のように、省略しないで書きましょう。",
        "Write the weekday in full: （土曜日）.",
    ),
    "no_weekday": ("日にちには曜日も書きましょう。", "Give the weekday with the date."),
}


def _clock(m, text):
    hour, minute = int(m[1]), int(m[2])
    if hour <= 24 and minute < 60:
        return WARNING, "clock", clock(hour, minute)
    return None


def _hour(m, text):
    hour, minute = int(m[1]), int(m[2] or (30 if m[0].endswith("半") else 0))
    before = text[max(0, m.start() - 3) : m.start()]
    if hour > 24 or minute > 59 or any(part in before for part in _DAY_PARTS):
        return None
    if hour > 12 or hour == 0:
        return WARNING, "24_hour", clock(hour, minute)
    return INFO, "half_day", f"{clock(hour, minute)}／{clock(hour + 12, minute)}"


def _slashes(m, text):
    year, month, day = int(m[1]), int(m[3]), int(m[4])
    return (WARNING, "slashes", day_label(year, month, day)) if _valid(year, month, day) else None


def _month_slash_day(m, text):
    month, day = int(m[1]), int(m[2])
    if _valid(None, month, day):
        return WARNING, "month_slash_day", day_label(None, month, day)
    return None


def _era(m, text):
    if _WESTERN_YEAR.search(text, max(0, m.start() - 12), m.end() + 12):
        return None  # the Western year is already there: 2026年（令和8年）
    era, number = m[1], m[2]
    year = wareki.western_year(era, number)
    if not m[3]:
        return WARNING, "era", f"{year}年（{wareki.BY_NAME[era].name}{number}年）"
    month, day = int(m[4]), int(m[5])  # R8.11.21
    return (WARNING, "era", day_label(year, month, day)) if _valid(year, month, day) else None


def _short_weekday(m, text):
    return INFO, "short_weekday", f"（{m[1]}曜日）"


def _no_weekday(m, text):
    month, day = int(m[1]), int(m[2])
    year_match = _YEAR_BEFORE.search(text, max(0, m.start() - 8), m.start())
    year = int(year_match[1]) if year_match else None
    if not _valid(year, month, day):
        return None
    return INFO, "no_weekday", day_label(year, month, day).removeprefix(f"{year}年" if year else "")


# Patterns that start with a number are tried only where a run of digits starts: one fast pass
# finds those, instead of each pattern's look-behind being tried at every character.
_FROM_DIGITS = (
    (_CLOCK, _clock),
    (_HOUR, _hour),
    (_YMD, _slashes),
    (_MD, _month_slash_day),
    (_MONTH_DAY, _no_weekday),
)
_ANYWHERE = ((_ERA, _era), (_SHORT_WEEKDAY, _short_weekday))
_DIGIT_RUN = re.compile(r"\d+")


def _matches(text):
    digit_runs = [run.start() for run in _DIGIT_RUN.finditer(text)]
    for pattern, judge in _FROM_DIGITS:
        reached = -1  # like finditer, matches of one pattern do not overlap
        for start in digit_runs:
            if start >= reached and (match := pattern.match(text, start)):
                reached = match.end()
                yield match, judge
    for pattern, judge in _ANYWHERE:
        for match in pattern.finditer(text):
            yield match, judge


def _dates(doc):
    text = doc.text
    if not _DATE_CHARS.search(text):
        return
    for match, judge in _matches(text):
        verdict = judge(match, text)
        if verdict is not None:
            severity, key, suggestion = verdict
            pasteable = suggestion if "◯" not in suggestion and "／" not in suggestion else None
            yield Finding(
                "date_format",
                severity,
                *match.span(),
                match[0],
                *_MESSAGES[key],
                suggestion,
                None,
                pasteable,
            )


def check(doc):
    yield from _vague(doc)
    yield from _dates(doc)
