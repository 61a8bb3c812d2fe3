"""/api/v1/trade: import restrictions (public), their history and counts; exporters and
promotion projects (members of the owning organisation only)."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from glocal.api.auth import OptionalActor, RequireActor, actor_of
from glocal.api.limits import PathId
from glocal.api.pagination import Paginated
from glocal.orgs import scoping
from glocal.orgs.audit import record_read
from glocal.orgs.models import Role
from glocal.places.models import LocalGovernment
from glocal.trade import hs, queries, rules, services
from glocal.trade.models import Exporter, Measure, PromotionProject
from glocal.trade.schemas import (
    CountOut,
    CountQuery,
    ExporterIn,
    ExporterOut,
    MeasureIn,
    ProjectIn,
    ProjectOut,
    RestrictionOut,
    RestrictionQuery,
    VersionIn,
    VersionOut,
)

router = Router(tags=["trade"])


def restriction(item: queries.InForce) -> dict:
    measure, version = item.measure, item.version
    return {
        "id": measure.pk,
        "version": version.number,
        "country": measure.country.code,
        "country_name": measure.country.name_ja,
        "prefectures": {"scope": version.scope, "codes": version.prefectures},
        "products": version.products,
        "product_terms": version.product_terms,
        "measure": measure.kind,
        "title": measure.title,
        "effective_from": version.effective_from,
        "effective_to": item.until,
        "reference": version.reference,
        "reference_url": version.reference_url,
        "illustrative": version.illustrative,
    }


def _invalid(exc: rules.Invalid) -> ValidationError:
    return ValidationError({exc.field: exc.reason})


def prefecture_code(raw: str) -> str:
    """The prefecture of a local government code (a municipality's prefecture)."""
    code = raw.strip()
    found = LocalGovernment.objects.filter(code=code).select_related("prefecture").first()
    if found is None:
        raise ValidationError({"prefecture": _("no local government has the code %(code)s")
                               % {"code": raw}})  # fmt: skip
    return found.code if found.is_prefecture else found.prefecture.code


def product_codes(raw: str) -> tuple[str, ...]:
    try:
        return hs.resolve(raw)
    except hs.UnknownProduct:
        raise ValidationError(
            {"product": _("unknown HS code or product group %(name)r") % {"name": raw}}
        ) from None


@router.get("/trade/restrictions", response=list[RestrictionOut], auth=OptionalActor())
@paginate(Paginated)
def list_restrictions(request, query: Query[RestrictionQuery]):
    """Measures in force on `on` (today by default), narrowed by market, prefecture and
    product (a chapter question finds heading measures and the other way round)."""
    try:
        country = rules.Places().country(query.country).code if query.country else None
    except rules.Invalid as exc:
        raise _invalid(exc) from None
    prefecture = prefecture_code(query.prefecture) if query.prefecture else None
    products = product_codes(query.product) if query.product else None
    versions = queries.visible_versions(actor_of(request))
    found = queries.in_force(versions, query.on or timezone.localdate())
    return [restriction(i) for i in queries.matching(found, country, prefecture, products)]


@router.get("/trade/restrictions/count-by-date", response=list[CountOut], auth=OptionalActor())
def count_by_date(request, query: Query[CountQuery]):
    """Countries and regions with any measure in force, on each date a measure changed."""
    prefecture = prefecture_code(query.prefecture) if query.prefecture else None
    versions = queries.visible_versions(actor_of(request))
    counted = queries.count_by_date(versions, query.start, query.end, prefecture)
    return [{"date": day, "countries": n} for day, n in counted]


def _measure(request, measure_id: int) -> Measure:
    found = scoping.visible(Measure.objects.select_related("country"), actor_of(request))
    return get_object_or_404(found, pk=measure_id)


def version_out(item: queries.InForce) -> dict:
    version = item.version
    return restriction(item) | {
        "change": version.change,
        "lifted_on": version.effective_to,
        "recorded_at": version.recorded_at.isoformat(),
        "recorded_by": version.recorded_by_label,
        "notes": version.notes,
    }


@router.get(
    "/trade/restrictions/{measure_id}/history", response=list[VersionOut], auth=OptionalActor()
)
def restriction_history(request, measure_id: PathId):
    """Every version in the order it took effect: imposed, tightened, eased, lifted."""
    return [version_out(item) for item in queries.history(_measure(request, measure_id))]


def _data(payload: VersionIn, **identity) -> rules.MeasureData:
    problems = {}
    places = rules.Places()
    values = dict(identity)
    steps = {
        "prefectures": lambda: places.coverage(payload.prefectures),
        "products": lambda: rules.products(payload.products),
        "period": lambda: rules.period(payload.effective_from, payload.effective_to),
    }
    for name, step in steps.items():
        try:
            values[name] = step()
        except rules.Invalid as exc:
            problems[exc.field] = exc.reason
    if problems:
        raise ValidationError(problems)
    (scope, prefectures), (codes, terms) = values.pop("prefectures"), values.pop("products")
    start, end = values.pop("period")
    return rules.MeasureData(
        scope=scope, prefectures=prefectures, products=codes, product_terms=terms,
        effective_from=start, effective_to=end, reference=payload.reference,
        reference_url=payload.reference_url, notes=payload.notes,
        illustrative=payload.illustrative, **values,
    )  # fmt: skip


def _after(measure: Measure, version) -> dict:
    chain = queries.history(measure)
    item = next((i for i in chain if version is not None and i.version.pk == version.pk), None)
    return version_out(item or chain[-1])


@router.post("/trade/restrictions", response={201: VersionOut}, auth=RequireActor())
def create_restriction(request, payload: MeasureIn):
    """Record a measure (or a new version of the same country, measure and title)."""
    scoping.require(actor_of(request), payload.organisation, Role.EDITOR)
    try:
        country = rules.Places().country(payload.country)
        kind = rules.kind(payload.measure)
    except rules.Invalid as exc:
        raise _invalid(exc) from None
    data = _data(payload, country=country, kind=kind, title=payload.title)
    version = services.record(actor_of(request), payload.organisation, data)
    measure = Measure.objects.get(
        owner_id=payload.organisation, country=country, kind=kind, title=payload.title
    )
    return Status(201, _after(measure, version))


@router.post(
    "/trade/restrictions/{measure_id}/versions", response={201: VersionOut}, auth=RequireActor()
)
def change_restriction(request, measure_id: PathId, payload: VersionIn):
    """A change: tightened, eased, lifted (give `effective_to`) or a correction."""
    measure = _measure(request, measure_id)
    scoping.require(actor_of(request), measure.owner_id, Role.EDITOR)
    data = _data(payload, country=measure.country, kind=measure.kind, title=measure.title)
    version = services.change_measure(actor_of(request), measure, data)
    return Status(201, _after(measure, version))


# -- exporters and promotion projects: members only ---------------------------------------------


def _exporters(request):
    return scoping.visible(Exporter.objects.all(), actor_of(request))


@router.get("/trade/exporters", response=list[ExporterOut], auth=RequireActor())
@paginate(Paginated)
def list_exporters(request):
    return _exporters(request)


@router.post("/trade/exporters", response={201: ExporterOut}, auth=RequireActor())
def create_exporter(request, payload: ExporterIn):
    values = payload.dict(exclude={"organisation"})
    values["markets"] = _markets(values["markets"])
    exporter = services.save_exporter(actor_of(request), payload.organisation, values)
    return Status(201, exporter)


def _markets(names: list[str]) -> list[str]:
    places = rules.Places()
    try:
        return sorted({places.country(name).code for name in names})
    except rules.Invalid as exc:
        raise ValidationError({"markets": exc.reason}) from None


@router.get("/trade/exporters/{exporter_id}", response=ExporterOut, auth=RequireActor())
def get_exporter(request, exporter_id: PathId):
    exporter = get_object_or_404(_exporters(request), pk=exporter_id)
    record_read(exporter)
    return exporter


@router.delete("/trade/exporters/{exporter_id}", response={204: None}, auth=RequireActor())
def delete_exporter(request, exporter_id: PathId):
    exporter = get_object_or_404(_exporters(request), pk=exporter_id)
    services.delete_exporter(actor_of(request), exporter)
    return Status(204, None)


def _projects(request):
    found = PromotionProject.objects.select_related("country").prefetch_related("exporters")
    return scoping.visible(found, actor_of(request))


def project_out(project: PromotionProject) -> dict:
    values = {name: getattr(project, name) for name in ProjectOut.model_fields}
    values["country"] = project.country.code
    values["exporters"] = [e.pk for e in project.exporters.all()]
    return values


@router.get("/trade/projects", response=list[ProjectOut], auth=RequireActor())
@paginate(Paginated)
def list_projects(request):
    return [project_out(p) for p in _projects(request)]


@router.get("/trade/projects/{project_id}", response=ProjectOut, auth=RequireActor())
def get_project(request, project_id: PathId):
    return project_out(get_object_or_404(_projects(request), pk=project_id))


@router.post("/trade/projects", response={201: ProjectOut}, auth=RequireActor())
def create_project(request, payload: ProjectIn):
    values = payload.dict(exclude={"organisation"})
    try:
        values["country"] = rules.Places().country(payload.country)
        start, end = rules.period(payload.starts_on, payload.ends_on)
    except rules.Invalid as exc:
        field = {"effective_from": "starts_on", "effective_to": "ends_on"}.get(exc.field, exc.field)
        raise ValidationError({field: exc.reason}) from None
    values["starts_on"], values["ends_on"] = start, end
    project = services.save_project(actor_of(request), payload.organisation, values)
    return Status(201, project_out(project))
