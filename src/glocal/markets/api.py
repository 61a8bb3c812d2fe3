"""/api/v1/markets: official statistics as series (public), focus-market scores with their
reasons, and the country profile (its parts by permission)."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from glocal.api.auth import OptionalActor, actor_of
from glocal.api.limits import Code
from glocal.markets import periods, profile, scoring
from glocal.markets import series as reading
from glocal.markets.models import PeriodKind
from glocal.places.models import Country

router = Router(tags=["markets"])


class SeriesFilter(Schema):
    measure: str = Field(
        ..., min_length=1, max_length=40, description="visitor_arrivals, overnight_stays, …"
    )
    country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2; empty: all")
    prefecture: str = Field("", max_length=6, description="local government code; empty: Japan")
    hs_code: str = Field("", max_length=9, pattern=r"^\d*$", description="empty: all goods")
    kind: PeriodKind | None = Field(None, description="only months, quarters, …")
    from_: str = Field("", alias="from", max_length=20, description="a period: 2016-04, FY2016")
    to: str = Field("", max_length=20, description="a period: 2026-03, FY2025")


class PointOut(Schema):
    period: str
    value: float
    status: str
    sample: bool


class SeriesOut(Schema):
    items: list[PointOut]
    count: int


def _period(text: str, name: str) -> periods.Period | None:
    if not text:
        return None
    try:
        return periods.parse(text)
    except ValueError as exc:
        raise ValidationError({name: _("%(value)r is not a period.") % {"value": text}}) from exc


@router.get("/markets/series", response=SeriesOut, auth=OptionalActor())
def series(request, filters: Query[SeriesFilter]):
    """One figure per period (final over preliminary), oldest first. Official statistics are
    public; an organisation's private figures only to its members. `sample` marks figures
    made up for the demonstration."""
    actor = actor_of(request)
    measure = reading.measure(actor, filters.measure)
    if measure is None:
        raise ValidationError(
            {"measure": _("unknown measure %(name)r") % {"name": filters.measure}}
        )
    start, end = _period(filters.from_, "from"), _period(filters.to, "to")
    points = reading.series(
        actor,
        measure.pk,
        filters.country.upper(),
        filters.prefecture,
        filters.hs_code,
        start.start if start else None,
        end.end if end else None,
        filters.kind,
    )
    return {"items": points, "count": len(points)}


class FactorOut(Schema):
    name: str
    label: str
    points: float
    reason: str


class ScoreOut(Schema):
    country: str
    country_name: str
    score: float
    factors: list[FactorOut]


class ScoresOut(Schema):
    items: list[ScoreOut]
    count: int


class ScoreFilter(Schema):
    prefecture: str = Field(..., min_length=2, max_length=6, description="local government code")
    organisation: int | None = Field(
        None, ge=1, le=2**31 - 1, description="whose factor weights (default: as documented)"
    )


@router.get("/markets/scores", response=ScoresOut, auth=OptionalActor())
def scores(request, filters: Query[ScoreFilter]):
    """Every country with something to say for the prefecture, best first. Each factor gives
    its points and reason; the points add up to the score."""
    prefecture = scoring.prefecture_of(filters.prefecture)
    if prefecture is None:
        raise ValidationError(
            {"prefecture": _("unknown prefecture %(name)r") % {"name": filters.prefecture}}
        )
    ranked = scoring.rank(prefecture, scoring.weights_of(filters.organisation))
    return {"items": ranked, "count": len(ranked)}


class SectionOut(Schema):
    key: str
    title: str
    data: dict


class ProfileOut(Schema):
    country: str
    name_ja: str
    name_en: str
    sections: list[SectionOut]


@router.get("/markets/countries/{code}", response=ProfileOut, auth=OptionalActor())
def country_profile(request, code: Code):
    """What every app knows about one country, each part as the actor may see it."""
    country = get_object_or_404(Country, code=code.upper()[:2])
    built = profile.build(actor_of(request), country)
    return {
        "country": country.code,
        "name_ja": country.name_ja,
        "name_en": country.name_en,
        "sections": [
            {"key": s.key, "title": str(s.title), "data": profile.as_data(s.context)}
            for s in built
            if not s.empty
        ],
    }
