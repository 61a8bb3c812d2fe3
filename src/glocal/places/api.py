from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from glocal.api.auth import OptionalActor, RequireActor, actor_of
from glocal.api.limits import Code, PathId, SearchText
from glocal.api.pagination import Paginated
from glocal.orgs import scoping
from glocal.places import services
from glocal.places.models import Country, ForeignLocalGovernment, LocalGovernment
from glocal.places.schemas import (
    CountryOut,
    ForeignLocalGovernmentIn,
    ForeignLocalGovernmentOut,
    ForeignLocalGovernmentPatch,
    MunicipalityOut,
    PrefectureOut,
    SubdivisionOut,
)

router = Router(tags=["places"])


class PlaceFilter(Schema):
    q: SearchText = ""


class MunicipalityFilter(PlaceFilter):
    prefecture: Code | None = None
    kind: LocalGovernment.Kind | None = None
    include_abolished: bool = False


@router.get("/prefectures", response=list[PrefectureOut], auth=None)
@paginate(Paginated)
def list_prefectures(request, filters: Query[PlaceFilter]):
    """All 47 prefectures, or those whose name, kana, romanised name or code matches `q`."""
    return LocalGovernment.objects.prefectures().search(filters.q)


@router.get("/prefectures/{code}", response=PrefectureOut, auth=None)
def get_prefecture(request, code: Code):
    place = services.local_government_by_code(code)
    if not place.is_prefecture:
        raise Http404(_("%(code)s is a municipality, not a prefecture.") % {"code": place.code})
    return place


@router.get("/municipalities", response=list[MunicipalityOut], auth=None)
@paginate(Paginated)
def list_municipalities(request, filters: Query[MunicipalityFilter]):
    """Cities, towns, villages and wards. `q` matches name, kana, romanised name or code;
    `prefecture` takes a prefecture's code."""
    places = LocalGovernment.objects.municipalities().select_related("prefecture", "parent")
    if not filters.include_abolished:
        places = places.current()
    if filters.prefecture:
        places = places.filter(prefecture=services.local_government_by_code(filters.prefecture))
    if filters.kind:
        places = places.filter(kind=filters.kind)
    return places.search(filters.q)


@router.get("/municipalities/{code}", response=MunicipalityOut, auth=None)
def get_municipality(request, code: Code):
    """One municipality by its six-digit code (or the five digits before the check digit)."""
    place = services.local_government_by_code(code)
    if place.is_prefecture:
        raise Http404(_("%(code)s is a prefecture, not a municipality.") % {"code": place.code})
    return place


@router.get("/countries", response=list[CountryOut], auth=None)
@paginate(Paginated)
def list_countries(request, filters: Query[PlaceFilter]):
    """Countries by Japanese or English name, alias (米国, 韓国, イギリス…) or ISO code."""
    return Country.objects.search(filters.q).prefetch_related("aliases")


@router.get("/countries/{code}", response=CountryOut, auth=None)
def get_country(request, code: Code):
    return services.country_by_code(code)


@router.get("/countries/{code}/subdivisions", response=list[SubdivisionOut], auth=None)
@paginate(Paginated)
def list_subdivisions(request, code: Code, filters: Query[PlaceFilter]):
    # q matches Japanese names and their variants (テキサス州, テキサス), English names and codes.
    subdivisions = services.country_by_code(code).subdivisions.select_related("parent")
    return subdivisions.search(filters.q)


class ForeignGovernmentFilter(PlaceFilter):
    country: Code | None = None


def _foreign_governments(request):
    records = ForeignLocalGovernment.objects.select_related("country", "subdivision")
    return scoping.visible(records, actor_of(request))


@router.get("/foreign-governments", response=list[ForeignLocalGovernmentOut], auth=OptionalActor())
@paginate(Paginated)
def list_foreign_governments(request, filters: Query[ForeignGovernmentFilter]):
    """Public records, plus the private ones of the caller's organisations."""
    records = _foreign_governments(request)
    if filters.country:
        records = records.filter(country=services.country_by_code(filters.country))
    if filters.q:
        records = (
            records.filter(name_en__icontains=filters.q)
            | records.filter(name_ja__icontains=filters.q)
            | records.filter(name_local__icontains=filters.q)
        )
    return records


@router.get(
    "/foreign-governments/{record_id}", response=ForeignLocalGovernmentOut, auth=OptionalActor()
)
def get_foreign_government(request, record_id: PathId):
    return get_object_or_404(_foreign_governments(request), pk=record_id)


@router.post("/foreign-governments", response={201: ForeignLocalGovernmentOut}, auth=RequireActor())
def create_foreign_government(request, payload: ForeignLocalGovernmentIn):
    return Status(201, services.create_foreign_government(actor_of(request), payload.dict()))


@router.patch(
    "/foreign-governments/{record_id}", response=ForeignLocalGovernmentOut, auth=RequireActor()
)
def update_foreign_government(request, record_id: PathId, payload: ForeignLocalGovernmentPatch):
    record = get_object_or_404(_foreign_governments(request), pk=record_id)
    changes = payload.dict(exclude_unset=True)
    return services.update_foreign_government(actor_of(request), record, changes)


@router.delete("/foreign-governments/{record_id}", response={204: None}, auth=RequireActor())
def delete_foreign_government(request, record_id: PathId):
    record = get_object_or_404(_foreign_governments(request), pk=record_id)
    services.delete_foreign_government(actor_of(request), record)
    return Status(204, None)
