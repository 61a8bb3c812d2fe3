"""Entering actuals and locking years: all checked first, nothing half-written."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from glocal.core.tables import parse_number
from glocal.orgs import scoping
from glocal.orgs.models import Role
from glocal.plans.models import Actual, Indicator, Plan, Review, YearLock

# The longest comment, evaluation or next step, however it comes in (page, API, importer).
TEXT_MAX = 20_000


def check_in_period(plan: Plan, fiscal_year: int) -> None:
    if not plan.start_fy - 1 <= fiscal_year <= plan.end_fy:
        raise ValidationError(
            {"fiscal_year": _("FY%(fy)s is outside the plan (FY%(start)s–FY%(end)s).")
             % {"fy": fiscal_year, "start": plan.start_fy, "end": plan.end_fy}}
        )  # fmt: skip


def _check_year(plan: Plan, fiscal_year: int) -> None:
    check_in_period(plan, fiscal_year)
    if YearLock.objects.filter(plan=plan, fiscal_year=fiscal_year).exists():
        raise ValidationError(
            {"fiscal_year": _("FY%(fy)s is locked after review.") % {"fy": fiscal_year}}
        )


@transaction.atomic
def enter_actuals(actor, plan: Plan, fiscal_year: int, values: dict, notes=None) -> int:
    """values: indicator id → text as typed; notes: indicator id → {"comment", "evidence"}.
    Every value is checked before any is saved; an empty value leaves the year's actual as it
    is."""
    scoping.require(actor, plan.owner_id, Role.EDITOR)
    _check_year(plan, fiscal_year)
    indicators = {i.pk: i for i in Indicator.objects.filter(node__plan=plan)}
    problems, parsed = {}, {}
    for key, raw in values.items():
        indicator = indicators.get(_id(key))
        if indicator is None:
            problems[f"indicator {key}"] = _("not an indicator of this plan")
            continue
        if indicator.derived:
            problems[indicator.code] = _("computed from records; it is not entered")
            continue
        if str(raw).strip() == "":
            continue
        try:
            parsed[indicator] = parse_number(raw)
        except ValueError:
            problems[indicator.code] = _("%(value)r is not a number") % {"value": raw}
    notes = notes or {}
    limit = Actual._meta.get_field("evidence").max_length
    for indicator in indicators.values():
        note = _note(notes, indicator)
        if len(str(note.get("evidence", ""))) > limit:
            problems[indicator.code] = _("the evidence is longer than %(n)s characters") % {
                "n": limit
            }
        if len(str(note.get("comment", ""))) > TEXT_MAX:
            problems[indicator.code] = _("the comment is longer than %(n)s characters") % {
                "n": TEXT_MAX
            }
    if problems:
        raise ValidationError(problems)
    user = _user(actor)
    for indicator, value in parsed.items():
        note = _note(notes, indicator)
        defaults = {"value": value, "entered_by": user, "sample": False, "provenance": ""}
        defaults |= {key: str(note[key]).strip() for key in ("comment", "evidence") if key in note}
        Actual.objects.update_or_create(
            indicator=indicator, fiscal_year=fiscal_year, defaults=defaults
        )
    return len(parsed)


def _note(notes: dict, indicator) -> dict:
    """An indicator's comment and evidence, keyed by its id as a number (forms) or text (JSON)."""
    return notes.get(indicator.pk) or notes.get(str(indicator.pk)) or {}


def _id(key) -> int | None:
    """A record id from a form or JSON key; None for anything else (², -1, text)."""
    text = str(key)
    return int(text) if text.isascii() and text.isdigit() else None


def _user(actor):
    return actor.user if getattr(actor.user, "is_authenticated", False) else None


@transaction.atomic
def save_reviews(actor, plan: Plan, fiscal_year: int, texts: dict, confirm: bool = False) -> int:
    """texts: node id → {"evaluation", "next_step"}. Editors write; confirming the year's
    reviews is for administrators. A locked year's reviews no longer change."""
    scoping.require(actor, plan.owner_id, Role.ADMIN if confirm else Role.EDITOR)
    _check_year(plan, fiscal_year)
    nodes = {n.pk: n for n in plan.nodes.all()}
    _check_review_lengths(nodes, texts)
    saved = 0
    for key, text in texts.items():
        node = nodes.get(_id(key))
        if node is None:
            raise ValidationError({f"node {key}": _("not a node of this plan")})
        evaluation = str(text.get("evaluation", "")).strip()
        next_step = str(text.get("next_step", "")).strip()
        review = Review.objects.filter(node=node, fiscal_year=fiscal_year).first()
        if review is None and not (evaluation or next_step):
            continue
        review = review or Review(node=node, fiscal_year=fiscal_year)
        if (review.evaluation, review.next_step) != (evaluation, next_step):
            review.evaluation, review.next_step = evaluation, next_step
            review.written_by = _user(actor)
            review.status = Review.Status.DRAFT
        if confirm:
            review.status, review.confirmed_by = Review.Status.CONFIRMED, _user(actor)
        review.save()
        saved += 1
    return saved


def _check_review_lengths(nodes: dict, texts: dict) -> None:
    problems = {}
    for key, text in texts.items():
        node = nodes.get(_id(key))
        for part in ("evaluation", "next_step"):
            if len(str(text.get(part, ""))) > TEXT_MAX:
                problems[node.code if node else f"node {key}"] = _(
                    "the evaluation and the next step may have at most %(n)s characters each"
                ) % {"n": TEXT_MAX}
    if problems:
        raise ValidationError(problems)


def lock_year(actor, plan: Plan, fiscal_year: int) -> None:
    if not (actor.is_superuser or actor.has_role(plan.owner_id, Role.ADMIN)):
        raise PermissionDenied(_("Only administrators lock a fiscal year."))
    check_in_period(plan, fiscal_year)
    YearLock.objects.get_or_create(plan=plan, fiscal_year=fiscal_year)


def publish(actor, plan: Plan, published: bool) -> None:
    """Show (or hide) the plan's public dashboard; administrators decide."""
    if not scoping.is_admin(actor, plan.owner):
        raise PermissionDenied(_("Only administrators publish a plan."))
    plan.is_public = published
    plan.save(update_fields=["is_public"])
