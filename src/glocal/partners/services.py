"""Writing partnerships: affiliations and their exchanges, partner requests, partner-seeking
profiles. The API, the staff pages, the importer and the command all call these.

Each write checks the actor's role (and, for a profile, that the organisation acts for the
place), checks every value, and only then saves, in one transaction with its audit event
(glocal.orgs.audit writes it when an owned record is saved). Nothing is half-written.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glocal import wareki
from glocal.core import registry
from glocal.orgs import actors, audit, scoping
from glocal.orgs.actors import Actor
from glocal.orgs.models import AuditEvent, Organisation, Role
from glocal.partners import importer
from glocal.partners.models import (
    Affiliation,
    AffiliationImport,
    Exchange,
    PartnerProfile,
    PartnerRequest,
    validate_field_codes,
)
from glocal.places import codes
from glocal.places.models import Country, ForeignLocalGovernment, LocalGovernment

# --- values as people write them ---------------------------------------------------------


def parse_date(name: str, raw) -> datetime.date | None:
    """A date as offices write it (2002-04-20, R3.4.1, 平成元年4月1日), or None for blank."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime.date):
        return raw
    try:
        return wareki.parse_date(str(raw))
    except ValueError as exc:
        raise ValidationError({name: str(exc)}) from exc


def country_code(value: str, field: str = "countries") -> str:
    """An ISO code, or a country's Japanese or English name or alias."""
    found = list(Country.objects.search(value)[:2]) if value.strip() else []
    if len(found) != 1:
        raise ValidationError({field: _("Unknown country: %(name)s") % {"name": value}})
    return found[0].code


def fields_of(values, name: str = "fields") -> list[str]:
    try:
        return validate_field_codes(values)
    except ValidationError as exc:
        raise ValidationError({name: exc.messages}) from exc


def prefectures_by_code(raw_codes) -> list[LocalGovernment]:
    """The prefectures named by their codes (six digits, or five without the check digit), in
    one query; every code that names no prefecture is listed in the error."""
    wanted = {str(raw): _normalised(str(raw)) for raw in raw_codes}
    found = {
        p.code: p
        for p in LocalGovernment.objects.prefectures().filter(code__in=set(wanted.values()))
    }
    unknown = [raw for raw, code in wanted.items() if code not in found]
    if unknown:
        raise ValidationError(
            {"preferred_prefectures": _("No prefecture has the code %(code)s.")
             % {"code": ", ".join(unknown)}}
        )  # fmt: skip
    return [found[code] for code in dict.fromkeys(wanted.values())]


def _normalised(code: str) -> str:
    code = code.strip()
    if len(code) == 5 and code.isascii() and code.isdigit():
        code += codes.check_digit(code)
    return code


# --- affiliations --------------------------------------------------------------------------

CHANGEABLE = ("kind", "status", "notes", "source", "is_public")


def _apply(affiliation: Affiliation, data: dict) -> None:
    for name in CHANGEABLE:
        if data.get(name) is not None:
            setattr(affiliation, name, data[name])
    for name in ("signed_on", "ended_on"):
        if name in data:
            setattr(affiliation, name, parse_date(name, data[name]))
    if data.get("fields") is not None:
        affiliation.fields = fields_of(data["fields"])
    affiliation.full_clean(exclude=["owner", "local_government", "partner"])


@transaction.atomic
def create_affiliation(
    actor: Actor, organisation_id: int, local_government, partner, data: dict
) -> Affiliation:
    """The partner must be one the actor may see. An organisation records a pair once; another
    organisation's record of the same pair is neither in the way nor mentioned."""
    scoping.require(actor, organisation_id, Role.EDITOR)
    scoping.require_place(actor, Organisation.objects.get(pk=organisation_id), local_government)
    if not scoping.visible(ForeignLocalGovernment.objects.filter(pk=partner.pk), actor).exists():
        raise PermissionDenied(_("This foreign local government is not yours to use."))
    mine = Affiliation.objects.filter(
        owner_id=organisation_id, local_government=local_government, partner=partner
    )
    if mine.exists():
        raise ValidationError(
            {"partner": _("Your organisation has already registered this affiliation.")}
        )
    affiliation = Affiliation(
        owner_id=organisation_id, local_government=local_government, partner=partner
    )
    _apply(affiliation, data)
    affiliation.save()
    return affiliation


@transaction.atomic
def change_affiliation(actor: Actor, affiliation: Affiliation, data: dict) -> Affiliation:
    scoping.require(actor, affiliation.owner_id, Role.EDITOR)
    _apply(affiliation, data)
    affiliation.save()
    return affiliation


@transaction.atomic
def delete_affiliation(actor: Actor, affiliation: Affiliation) -> None:
    scoping.require(actor, affiliation.owner_id, Role.EDITOR)
    affiliation.delete()


@transaction.atomic
def add_exchange(actor: Actor, affiliation: Affiliation, data: dict) -> Exchange:
    """Record an exchange activity; the affiliation's log says so."""
    scoping.require(actor, affiliation.owner_id, Role.EDITOR)
    values = dict(data)
    for name in ("started_on", "ended_on"):
        values[name] = parse_date(name, values.get(name))
    values["field"] = values.get("field") or ""
    values["outcomes"] = values.get("outcomes") or ""
    exchange = Exchange(affiliation=affiliation, **values)
    exchange.full_clean()
    exchange.save()
    audit.write(affiliation, AuditEvent.Action.UPDATE, {"exchange": [None, str(exchange)[:200]]})
    return exchange


# --- partner requests ----------------------------------------------------------------------


@transaction.atomic
def create_request(
    actor: Actor,
    organisation_id: int,
    *,
    name: str,
    country,
    population=None,
    latitude=None,
    profile: str = "",
    fields=(),
    preferred_prefectures=(),
) -> PartnerRequest:
    """A request waits for moderation before it is public. `country` is a Country or an ISO
    code; `preferred_prefectures` are LocalGovernments or codes. Everything is checked before
    the request is saved."""
    scoping.require(actor, organisation_id, Role.EDITOR)
    if not isinstance(country, Country):
        country = Country.objects.filter(code=str(country).strip().upper()).first()
        if country is None:
            raise ValidationError({"country": _("No country has this ISO code.")})
    by_code = [p for p in preferred_prefectures if not isinstance(p, LocalGovernment)]
    places = [p for p in preferred_prefectures if isinstance(p, LocalGovernment)]
    places += prefectures_by_code(by_code) if by_code else []
    found = PartnerRequest(
        owner_id=organisation_id,
        name=name,
        country=country,
        population=population,
        latitude=latitude,
        profile=profile or "",
        fields=fields_of(fields),
    )
    found.full_clean()
    found.save()
    audit.set_related(actor, found, "preferred_prefectures", places)
    return found


@transaction.atomic
def approve_request(actor: Actor, partner_request: PartnerRequest) -> PartnerRequest:
    """Moderation: an administrator of the organisation that entered it approves it."""
    scoping.require(actor, partner_request.owner_id, Role.ADMIN)
    partner_request.status = PartnerRequest.Status.APPROVED
    partner_request.is_public = True
    partner_request.save()
    return partner_request


# --- partner-seeking profiles --------------------------------------------------------------


@transaction.atomic
def save_profile(
    actor: Actor,
    organisation: Organisation,
    local_government: LocalGovernment,
    *,
    countries=(),
    fields=(),
    conditions: str = "",
    pr: str = "",
) -> PartnerProfile:
    """An organisation keeps the profiles of the places it acts for (see
    scoping.represents): its own and, for a prefecture, its municipalities. Editors write.
    Countries are ISO codes or names (米国, Canada)."""
    scoping.require(actor, organisation.pk, Role.EDITOR)
    scoping.require_place(actor, organisation, local_government)
    wanted = []
    for value in countries:
        code = country_code(str(value))
        if code not in wanted:
            wanted.append(code)
    profile = PartnerProfile.objects.filter(local_government=local_government).first()
    profile = profile or PartnerProfile(local_government=local_government)
    profile.owner = organisation
    profile.countries = wanted
    profile.fields = fields_of(fields)
    profile.conditions = conditions or ""
    profile.pr = pr or ""
    profile.full_clean()
    profile.save()
    return profile


def profile_of(place: LocalGovernment | None) -> PartnerProfile | None:
    return PartnerProfile.objects.filter(local_government=place).first() if place else None


# --- imports -------------------------------------------------------------------------------

BATCH = 1000


def place_problems(actor: Actor, organisation_id: int, rows) -> list[importer.Problem]:
    """The rows whose Japanese side the organisation does not act for (scoping.represents), as
    import problems: an organisation records its own places' affiliations only."""
    if actor.is_superuser:
        return []
    organisation = Organisation.objects.select_related("local_government").get(pk=organisation_id)
    return [
        importer.Problem(
            row.number,
            "municipality",
            _("%(organisation)s does not act for %(place)s.")
            % {"organisation": organisation, "place": row.local_government},
        )
        for row in rows
        if not scoping.represents(organisation, row.local_government)
    ]


def import_rows(actor: Actor, organisation_id: int, rows) -> importer.Report:
    """Write checked import rows (glocal.partners.importer.check) for an organisation: its
    foreign partners by country and name, and its affiliations by place and partner, created
    or updated. Existing records are read in one query per table before the transaction; the
    transaction itself only inserts and updates in batches, with one audit event per record,
    so other writers wait seconds at most."""
    scoping.require(actor, organisation_id, Role.EDITOR)
    refused = place_problems(actor, organisation_id, rows)
    if refused:
        raise ValidationError([str(problem) for problem in refused])
    report = importer.Report()
    partners = _partners_for(organisation_id, rows)
    existing = {
        (a.local_government_id, a.partner_id): a
        for a in Affiliation.objects.filter(
            owner_id=organisation_id, partner__in=[p for p in partners.values() if p.pk]
        )
    }
    new_partners = [p for p in partners.values() if p.pk is None]
    changed_partners = [p for p in partners.values() if p.pk is not None]
    with transaction.atomic():
        ForeignLocalGovernment.objects.bulk_create(new_partners, batch_size=BATCH)
        ForeignLocalGovernment.objects.bulk_update(
            changed_partners,
            ["name_en", "name_ja", "subdivision", "region_as_written"],
            batch_size=BATCH,
        )
        created, updated = {}, {}
        for row in rows:
            partner = partners[(row.country.pk, row.partner)]
            key = (row.local_government.pk, partner.pk)
            affiliation = existing.get(key) or created.get(key)
            if affiliation is None:
                affiliation = Affiliation(
                    owner_id=organisation_id,
                    local_government=row.local_government,
                    partner=partner,
                )
                created[key] = affiliation
                report.created += 1
            else:
                updated.setdefault(key, affiliation)
                report.updated += 1
            affiliation.kind = row.kind
            affiliation.signed_on = row.signed_on
            affiliation.fields = row.fields
            affiliation.notes = row.notes
        Affiliation.objects.bulk_create(created.values(), batch_size=BATCH)
        now = timezone.now()
        for affiliation in updated.values():
            affiliation.updated_at = now
        Affiliation.objects.bulk_update(
            [a for key, a in updated.items() if key not in created],
            ["kind", "signed_on", "fields", "notes", "updated_at"],
            batch_size=BATCH,
        )
        audit.write_bulk(actor, new_partners, AuditEvent.Action.CREATE)
        audit.write_bulk(actor, list(created.values()), AuditEvent.Action.CREATE)
        audit.write_bulk(
            actor, [a for k, a in updated.items() if k not in created], AuditEvent.Action.UPDATE
        )
        if created or updated:  # bulk writes send no post_save: say so to whoever counts them
            registry.records_written.send(sender=Affiliation, organisation_id=organisation_id)
    return report


def _partners_for(organisation_id: int, rows) -> dict:
    """(country id, name) → the organisation's foreign partner, found or new (not yet saved),
    with the names and region the file gives."""
    names = {row.partner for row in rows}
    found = {}
    for partner in ForeignLocalGovernment.objects.filter(
        owner_id=organisation_id, name_local__in=names
    ).order_by("pk"):
        found.setdefault((partner.country_id, partner.name_local), partner)
    for row in rows:
        key = (row.country.pk, row.partner)
        partner = found.get(key)
        if partner is None:
            partner = ForeignLocalGovernment(
                owner_id=organisation_id, country=row.country, name_local=row.partner,
                is_public=True,
            )  # fmt: skip
            found[key] = partner
        partner.name_en = partner.name_en or row.partner
        if not row.partner.isascii():
            partner.name_ja = row.partner
        partner.subdivision = row.subdivision or partner.subdivision
        partner.region_as_written = "" if partner.subdivision else row.region
    return {key: found[key] for key in {(row.country.pk, row.partner) for row in rows}}


# --- big imports in the background ---------------------------------------------------------

PROBLEMS_KEPT = 200


@transaction.atomic
def queue_import(actor: Actor, organisation_id: int, name: str, data: bytes, rows: int):
    """Keep the file and import it in the background once this transaction commits."""
    from glocal.partners import tasks

    scoping.require(actor, organisation_id, Role.EDITOR)
    user = actor.user if getattr(actor.user, "is_authenticated", False) else None
    job = AffiliationImport.objects.create(
        owner_id=organisation_id, name=name[:200], data=data, rows_total=rows, started_by=user
    )
    transaction.on_commit(lambda: tasks.import_affiliations.enqueue(job.pk))
    return job


def run_import(job_id: int) -> None:
    """Check every row (the counter moves every importer.PROGRESS_EVERY rows), then write all
    or nothing as the person who started it, if they still may."""
    waiting = AffiliationImport.objects.filter(pk=job_id, status=AffiliationImport.Status.QUEUED)
    if not waiting.update(status=AffiliationImport.Status.CHECKING):
        return  # already taken by another worker, or gone
    job = AffiliationImport.objects.select_related("started_by").get(pk=job_id)
    found = AffiliationImport.objects.filter(pk=job_id)
    try:
        table = importer.read_table(bytes(job.data), job.name)
        checked = importer.check(table, progress=lambda n: found.update(rows_checked=n))
        actor = Actor(user=job.started_by, via="task")
        checked.problems += place_problems(actor, job.owner_id, checked.rows)
        if checked.problems:
            _finish(job, problems=checked.problems)
            return
        found.update(status=AffiliationImport.Status.WRITING)
        with actors.acting_as(actor):
            report = import_rows(actor, job.owner_id, checked.rows)
    except (importer.UnreadableFile, PermissionDenied, ValidationError) as exc:
        _finish(job, problems=[importer.Problem(0, "file", _message(exc))])
        return
    _finish(job, report=report)


def _message(exc: Exception) -> str:
    return "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _finish(job, problems=(), report=None) -> None:
    AffiliationImport.objects.filter(pk=job.pk).update(
        status=AffiliationImport.Status.FAILED if problems else AffiliationImport.Status.DONE,
        problems=[[p.row, p.field, str(p.reason)] for p in problems[:PROBLEMS_KEPT]],
        created=report.created if report else 0,
        updated=report.updated if report else 0,
        data=b"",
        finished_at=timezone.now(),
    )
