"""Fiscal years as offices write them."""

import pytest

from glocal import wareki


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2025", 2025),
        (2025, 2025),
        ("FY2025", 2025),
        ("2025年度", 2025),
        ("令和7年度", 2025),
        ("R7", 2025),
        ("ｒ７年度", 2025),  # full-width, as typed with a Japanese input method
        ("令和元年度", 2019),
        ("平成31年度", 2019),  # the same year, named by the era it began in
        ("H30", 2018),
    ],
)
def test_parse_fiscal_year(text, year):
    assert wareki.parse_fiscal_year(text) == year


@pytest.mark.parametrize("text", ["", "昭和", "FY25", "令和0年度", "2025-04-01"])
def test_parse_fiscal_year_refuses_what_is_not_a_year(text):
    with pytest.raises(ValueError, match=r"not a fiscal year|start at 1"):
        wareki.parse_fiscal_year(text)


def test_fiscal_year_label_names_both_calendars():
    assert wareki.fiscal_year_label(2025) == "FY2025（令和7年度）"
    assert wareki.fiscal_year_label(2019) == "FY2019（令和元年度）"
