"""Writes to place records, shared by the API, staff pages and importers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from glocal.orgs import scoping
from glocal.orgs.actors import Actor
from glocal.orgs.models import Role
from glocal.places import codes
from glocal.places.models import Country, ForeignLocalGovernment, LocalGovernment, Subdivision


def local_government_by_code(raw: str) -> LocalGovernment:
    """Look up by a six-digit code, or by the five digits offices write without the check digit.

    Raises ValidationError for malformed codes and Http404 for well-formed unknown ones.
    """
    code = raw.strip()
    if len(code) == 5 and code.isascii() and code.isdigit():
        code += codes.check_digit(code)
    codes.validate(code)
    try:
        return LocalGovernment.objects.select_related("prefecture", "parent").get(code=code)
    except LocalGovernment.DoesNotExist:
        raise Http404(_("No local government has the code %(code)s.") % {"code": code}) from None


def country_by_code(raw: str) -> Country:
    code = raw.strip().upper()
    country = (
        Country.objects.filter(code=code).first() or Country.objects.filter(alpha3=code).first()
    )
    if country is None:
        raise Http404(_("No country has the ISO code %(code)s.") % {"code": raw})
    return country


def _subdivision(country: Country, code: str | None) -> Subdivision | None:
    if not code:
        return None
    subdivision = Subdivision.objects.filter(code=code.strip().upper()).first()
    if subdivision is None:
        raise ValidationError(
            {"subdivision": _("%(code)s is not an ISO 3166-2 code.") % {"code": code}}
        )
    if subdivision.country_id != country.pk:
        raise ValidationError(
            {
                "subdivision": _("%(code)s is not in %(country)s.")
                % {"code": code, "country": country.name_en}
            }
        )
    return subdivision


def _country(code: str) -> Country:
    try:
        return country_by_code(code)
    except Http404 as exc:
        raise ValidationError({"country": str(exc)}) from None


@transaction.atomic
def create_foreign_government(actor: Actor, data: dict) -> ForeignLocalGovernment:
    scoping.require(actor, data["owner_id"], Role.EDITOR)
    country = _country(data.pop("country"))
    data["subdivision"] = _subdivision(country, data.pop("subdivision", None))
    record = ForeignLocalGovernment(country=country, **data)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def update_foreign_government(
    actor: Actor, record: ForeignLocalGovernment, changes: dict
) -> ForeignLocalGovernment:
    scoping.require(actor, record.owner_id, Role.EDITOR)
    if "subdivision" in changes:
        changes["subdivision"] = _subdivision(record.country, changes["subdivision"])
    for name, value in changes.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def delete_foreign_government(actor: Actor, record: ForeignLocalGovernment) -> None:
    scoping.require(actor, record.owner_id, Role.EDITOR)
    record.delete()
