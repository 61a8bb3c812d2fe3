"""What partnerships offer the rest of the platform (see glocal.core.registry)."""

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from glocal.core.registry import (
    DashboardItem,
    country_section,
    dashboard_item,
    market_factor,
    offer_indicator,
    public_link,
)
from glocal.orgs.models import Role
from glocal.partners.models import Affiliation, Exchange, PartnerRequest
from glocal.places.models import shown_name
from glocal.wareki import fiscal_year_dates

AFFILIATIONS = (("partners.Affiliation", lambda affiliation: affiliation.owner_id),)
EXCHANGES = (("partners.Exchange", lambda exchange: exchange.affiliation.owner_id),)


@offer_indicator(
    "partners.active_affiliations", "Active sister and friendship affiliations", AFFILIATIONS
)
def active_affiliations(organisation_id: int, fiscal_year: int):
    """Affiliations signed by the end of the year and not ended before it began."""
    start, end = fiscal_year_dates(fiscal_year)
    found = Affiliation.objects.filter(owner_id=organisation_id, signed_on__lte=end).exclude(
        status=Affiliation.Status.ENDED, ended_on__lt=start
    )
    return found.count(), f"affiliations {sorted(found.values_list('pk', flat=True))}"


def _exchanges(organisation_id: int, fiscal_year: int):
    return Exchange.objects.filter(
        affiliation__owner_id=organisation_id, started_on__range=fiscal_year_dates(fiscal_year)
    )


@offer_indicator("partners.exchanges", "Exchange activities in the fiscal year", EXCHANGES)
def exchanges(organisation_id: int, fiscal_year: int):
    found = _exchanges(organisation_id, fiscal_year)
    return found.count(), f"exchanges {sorted(found.values_list('pk', flat=True))}"


@offer_indicator("partners.exchange_participants", "Participants in exchange activities", EXCHANGES)
def exchange_participants(organisation_id: int, fiscal_year: int):
    found = _exchanges(organisation_id, fiscal_year)
    total = found.aggregate(n=Sum("participants"))["n"] or 0
    return total, f"exchanges {sorted(found.values_list('pk', flat=True))}"


public_link(gettext_lazy("Sister-city affiliations"), "public_partners", order=20)
public_link(gettext_lazy("Foreign governments seeking a partner"), "public_partner_requests", 30)


@dashboard_item
def requests_to_approve(actor, organisation):
    """Administrators approve the partner requests their organisation entered."""
    if not actor.has_role(organisation.pk, Role.ADMIN):
        return []
    pending = PartnerRequest.objects.filter(
        owner=organisation, status=PartnerRequest.Status.PENDING
    )
    return [
        DashboardItem(
            _("Partner requests awaiting approval"), pending.count(), reverse("partners:requests")
        )
    ]


# -- the country profile and the focus-market score (glocal.markets) ----------------------------

SECTION_ROWS = 50  # a country may have hundreds of affiliations across Japan


@country_section(
    "partners.affiliations",
    gettext_lazy("Affiliations and recent exchanges"),
    "core/country_section.html",
    order=10,
)
def affiliations_with(actor, country):
    """The affiliations the actor may see with places in the country (their own
    organisations' first), and the exchanges of the last two years."""
    from datetime import timedelta

    from django.utils import timezone

    from glocal.orgs import scoping

    found = scoping.visible(
        Affiliation.objects.filter(partner__country=country), actor
    ).select_related("local_government", "partner")
    count = found.count()
    if not count:
        return None
    mine = actor.organisation_ids()
    listed = sorted(
        found[: SECTION_ROWS * 4],
        key=lambda a: (a.owner_id not in mine, a.local_government.code, a.partner.name_en),
    )[:SECTION_ROWS]
    since = timezone.localdate() - timedelta(days=730)
    exchanges = (
        Exchange.objects.filter(affiliation__in=found, started_on__gte=since)
        .select_related("affiliation__local_government", "affiliation__partner")
        .order_by("-started_on")[:10]
    )
    rows = [
        [
            a.local_government.name,
            a.partner.shown_name(),
            a.get_kind_display(),
            a.signed_on.isoformat() if a.signed_on else "",
            a.get_status_display(),
        ]
        for a in listed
    ]
    rows += [
        [
            e.affiliation.local_government.name,
            e.affiliation.partner.shown_name(),
            e.get_kind_display(),
            e.started_on.isoformat(),
            _("exchange"),
        ]
        for e in exchanges
    ]
    return {
        "summary": _("%(count)s affiliations with %(country)s.")
        % {"count": count, "country": country.shown_name()},
        "headers": [_("Japanese side"), _("Partner"), _("Kind"), _("Date"), _("Status")],
        "rows": rows,
    }


TIE_POINTS, PREFECTURE_TIE_POINTS, TIES_MAX = 5, 10, 20


@market_factor("partners.sister_ties", gettext_lazy("Sister-city ties"))
def sister_ties(prefecture, countries):
    """Public, active affiliations of the prefecture (10 each) and its municipalities (5
    each) with places in the country, at most 20; the same pair recorded by two
    organisations counts once."""
    found = (
        Affiliation.objects.filter(is_public=True)
        .exclude(status=Affiliation.Status.ENDED)
        .filter(
            Q(local_government=prefecture) | Q(local_government__prefecture=prefecture),
            partner__country__code__in=countries,
        )
        .values_list(
            "local_government_id",
            "local_government__name",
            "partner_id",
            "partner__name_ja",
            "partner__name_local",
            "partner__name_en",
            "partner__country__code",
        )
        .distinct()
    )
    by_country: dict[str, list] = {}
    for lg_id, lg_name, _partner_id, *names, code in sorted(set(found)):
        by_country.setdefault(code, []).append((lg_id, f"{lg_name}–{shown_name(*names)}"))
    scored = {}
    for code, ties in by_country.items():
        points = sum(
            PREFECTURE_TIE_POINTS if lg_id == prefecture.pk else TIE_POINTS for lg_id, _name in ties
        )
        names = ", ".join(name for _id, name in ties[:5])
        scored[code] = (
            min(TIES_MAX, points),
            _("%(n)s sister or friendship ties: %(names)s") % {"n": len(ties), "names": names},
        )
    return scored
