"""Times and dates: vague expressions, and forms the guidelines advise against.

The recommended forms: 11月21日（土曜日）, 午前9時, 午後3時30分, and a Western year
(with the era after it in brackets when the era matters: 2026年（令和8年）).
"""

import re
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
    for match in pattern.finditer(doc.text):
        entry = expressions[match.group()]
        params = {"word": entry.word, "easy": entry.easy, "english": entry.english}
        yield Finding(
            "vague_time", WARNING, *match.span(), match.group(), *_VAGUE, entry.easy, params
        )


_patterns: dict[tuple, re.Pattern] = {}


def _vague_pattern(expressions: tuple[str, ...]) -> re.Pattern:
    if expressions not in _patterns:
        ordered = sorted(expressions, key=len, reverse=True)  # longest first: 近日中 over 近日
        _patterns[expressions] = re.compile("|".join(map(re.escape, ordered)))
    return _patterns[expressions]


def _date_finding(start, end, text, ja, en, suggestion, severity=WARNING):
    return Finding("date_format", severity, start, end, text, ja, en, suggestion)


def _dates(doc):
    text = narrow = doc.text
    if not _DATE_CHARS.search(text):
        return
    for m in _CLOCK.finditer(narrow):
        hour, minute = int(m[1]), int(m[2])
        if hour <= 24 and minute < 60:
            yield _date_finding(
                m.start(),
                m.end(),
                text[m.start() : m.end()],
                "「15:30」のような書き方はわかりにくいです。「午後3時30分」のように書きましょう。",
                "Clock times like 15:30 are hard to read. Write 午後3時30分.",
                clock(hour, minute),
            )
    for m in _HOUR.finditer(narrow):
        hour, minute = int(m[1]), int(m[2] or (30 if m[0].endswith("半") else 0))
        before = narrow[max(0, m.start() - 3) : m.start()]
        if hour > 24 or minute > 59 or any(part in before for part in _DAY_PARTS):
            continue
        found = text[m.start() : m.end()]
        if hour > 12 or hour == 0:
            yield _date_finding(
                m.start(),
                m.end(),
                found,
                "24時間の書き方はわかりにくいです。「午前」「午後」を付けて書きましょう。",
                "24-hour times are hard to read. Write them with 午前 or 午後.",
                clock(hour, minute),
            )
        else:
            yield _date_finding(
                m.start(),
                m.end(),
                found,
                "午前か午後かがわかりません。「午前」「午後」を付けましょう。",
                "Morning or afternoon? Add 午前 or 午後.",
                f"{clock(hour, minute)}／{clock(hour + 12, minute)}",
                INFO,
            )
    for m in _YMD.finditer(narrow):
        year, month, day = int(m[1]), int(m[3]), int(m[4])
        if _valid(year, month, day):
            yield _date_finding(
                m.start(),
                m.end(),
                text[m.start() : m.end()],
                "「2026/11/21」のような書き方はわかりにくいです。「年・月・日」と曜日で書きましょう。",
                "Dates like 2026/11/21 are hard to read. Write 年, 月, 日 and the weekday.",
                day_label(year, month, day),
            )
    for m in _MD.finditer(narrow):
        month, day = int(m[1]), int(m[2])
        if 1 <= month <= 12 and _valid(None, month, day):
            yield _date_finding(
                m.start(),
                m.end(),
                text[m.start() : m.end()],
                "「11/21」のような書き方はわかりにくいです。「11月21日」と曜日で書きましょう。",
                "Dates like 11/21 are hard to read. Write 11月21日 and the weekday.",
                day_label(None, month, day),
            )
    yield from _eras(text, narrow)
    for m in _SHORT_WEEKDAY.finditer(narrow):
        yield _date_finding(
            m.start(),
            m.end(),
            text[m.start() : m.end()],
            "曜日は「（土曜日）」のように、省略しないで書きましょう。",
            "Write the weekday in full: （土曜日）.",
            f"（{m[1]}曜日）",
            INFO,
        )
    for m in _MONTH_DAY.finditer(narrow):
        month, day = int(m[1]), int(m[2])
        if not _valid(None, month, day):
            continue
        year_match = _YEAR_BEFORE.search(narrow, max(0, m.start() - 8), m.start())
        year = int(year_match[1]) if year_match else None
        if year is not None and not _valid(year, month, day):
            continue
        yield _date_finding(
            m.start(),
            m.end(),
            text[m.start() : m.end()],
            "日にちには曜日も書きましょう。",
            "Give the weekday with the date.",
            day_label(year, month, day).removeprefix(f"{year}年" if year else ""),
            INFO,
        )


def _eras(text, narrow):
    for m in _ERA.finditer(narrow):
        nearby = narrow[max(0, m.start() - 12) : m.end() + 12]
        if _WESTERN_YEAR.search(nearby):
            continue  # the Western year is already there: 2026年（令和8年）
        era, number = m[1], m[2]
        year = wareki.western_year(era, number)
        name = wareki.BY_NAME[era].name
        if m[3]:  # R8.11.21
            month, day = int(m[4]), int(m[5])
            if not _valid(year, month, day):
                continue
            suggestion = day_label(year, month, day)
        else:
            suggestion = f"{year}年（{name}{number}年）"
        yield _date_finding(
            m.start(),
            m.end(),
            text[m.start() : m.end()],
            "和暦だけでは、外国の人にはわかりにくいです。西暦で書きましょう。",
            "Japanese era years alone are hard for foreign readers. Give the Western year.",
            suggestion,
        )


def check(doc):
    yield from _vague(doc)
    yield from _dates(doc)
