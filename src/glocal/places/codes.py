"""全国地方公共団体コード (local government codes): five digits and a check digit."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(first_five: str) -> str:
    """The check digit for the first five digits: 11 minus (weighted sum mod 11), last digit."""
    total = sum(int(digit) * weight for digit, weight in zip(first_five, _WEIGHTS, strict=True))
    return str((11 - total % 11) % 10)


def is_valid(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit() and check_digit(code[:5]) == code[5]


def normalise(raw: str | int) -> str:
    """A code as offices write it, possibly without its leading zero (11002 for 011002)."""
    text = str(raw).strip()
    return text.zfill(6) if text.isdigit() and len(text) in (5, 6) else text


def validate(code: str) -> None:
    """Model and form validator: raises ValidationError saying what is wrong with the code."""
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        raise ValidationError(
            _("%(code)s is not a local government code: it must be six digits."),
            code="format",
            params={"code": code},
        )
    if check_digit(code[:5]) != code[5]:
        raise ValidationError(
            _("%(code)s has a wrong check digit: the last digit should be %(digit)s."),
            code="check_digit",
            params={"code": code, "digit": check_digit(code[:5])},
        )
