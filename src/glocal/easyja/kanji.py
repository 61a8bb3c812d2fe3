"""Kanji levels, from the `kanji-lists` package.

Sources (checked against the package data: 1,026 kyōiku kanji split 80/160/200/202/193/191 by
grade, 2,136 jōyō kanji, 79 + 166 kanji at JLPT N5 and N4):

- 学年別漢字配当表, MEXT, as revised for 2020 (REIWA2): the grade a kanji is taught in.
- 常用漢字表, 2010 (HEISEI22): kanji for general use; those past grade 6 are taught later.
- JLPT levels as reconstructed by tanos.co.uk (the test has published no official list since
  2010). N5 + N4 corresponds to the old level 3 that Easy Japanese guidelines write for.
- data/kanji_supplement.tsv: kanji that reconstruction leaves out (分 among them) but the
  commonly published N5 (about 100) and N4 lists have; see the file.
"""

import re
from functools import cache
from pathlib import Path

from kanji_lists import JLPT, JOYO, KYOIKU

JOYO_GRADE = 7  # jōyō kanji taught after elementary school
OTHER_GRADE = 8  # outside the jōyō list (人名用漢字 and the rest)

_GRADES: dict[str, int] = {}
for _grade in range(6, 0, -1):
    for _char in getattr(KYOIKU, f"GRADE{_grade}"):
        _GRADES[_char] = _grade
for _char in JOYO:
    _GRADES.setdefault(_char, JOYO_GRADE)

_SUPPLEMENT = Path(__file__).resolve().parent / "data" / "kanji_supplement.tsv"


@cache
def jlpt_level(step: int) -> frozenset[str]:
    """The kanji of JLPT level N`step` (5–1): the package's list and the supplement."""
    chars = set(getattr(JLPT, f"N{step}"))
    for line in _SUPPLEMENT.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "kanji\t")):
            kanji, level, _note = line.split("\t")
            if level == f"N{step}":
                chars.add(kanji)
    # A kanji is at its easiest level only.
    for easier in range(step + 1, 6):
        chars -= jlpt_level(easier)
    return frozenset(chars)


KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆]")

SET_NAMES = ("jlpt-n5", "jlpt-n4", "jlpt-n3", "grade-1", "grade-2", "grade-3", "grade-4")
SET_NAMES += ("grade-5", "grade-6", "joyo")
DEFAULT_SET = "jlpt-n4"


def grade(char: str) -> int:
    """1–6 for the elementary grade it is taught in, 7 for other jōyō kanji, 8 for the rest."""
    if char == "々":  # the repeat mark takes the level of the kanji it repeats
        return 1
    return _GRADES.get(char, OTHER_GRADE)


def has_kanji(text: str) -> bool:
    return KANJI.search(text) is not None


@cache
def named_set(name: str) -> frozenset[str]:
    """A kanji set by name: `jlpt-n5`…`jlpt-n3` (cumulative), `grade-1`…`grade-6`, `joyo`."""
    if name == "joyo":
        return frozenset(JOYO) | {"々"}
    kind, _, level = name.partition("-")
    if kind == "grade" and level in {"1", "2", "3", "4", "5", "6"}:
        return frozenset(c for c, g in _GRADES.items() if g <= int(level)) | {"々"}
    if kind == "jlpt" and level in {"n5", "n4", "n3"}:
        chars: set[str] = {"々"}
        for step in range(5, int(level[1]) - 1, -1):
            chars |= jlpt_level(step)
        return frozenset(chars)
    raise ValueError(f"unknown kanji set {name!r}; choose one of {', '.join(SET_NAMES)}")
