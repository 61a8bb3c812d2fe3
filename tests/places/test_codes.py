import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from glocal.places import codes


@pytest.mark.parametrize(
    ("code", "name"),
    [("011002", "札幌市"), ("072028", "会津若松市"), ("131016", "千代田区"), ("070009", "福島県")],
)
def test_known_codes_have_valid_check_digits(code, name):
    assert codes.is_valid(code), name


def test_remainder_zero_gives_check_digit_one():
    # 01213 苫小牧市: weighted sum 22 is divisible by 11, and the code is 012131.
    assert codes.check_digit("01213") == "1"


def test_a_code_missing_its_leading_zero_is_padded():
    assert codes.normalise("11002") == "011002"
    assert codes.normalise(72028) == "072028"


def test_wrong_check_digit_names_the_right_one():
    with pytest.raises(ValidationError) as raised:
        codes.validate("072029")
    assert "8" in raised.value.messages[0]


def test_non_digits_are_refused():
    with translation.override("en"), pytest.raises(ValidationError, match="six digits"):
        codes.validate("07202X")


@given(st.from_regex(r"\A[0-9]{5}\Z"))
def test_every_five_digits_get_exactly_one_valid_check_digit(first_five):
    valid = [d for d in "0123456789" if codes.is_valid(first_five + d)]
    assert valid == [codes.check_digit(first_five)]
