"""Staff pages for plans: the tree with grades, indicator pages, entering a year's actuals in one
form, the review, imports and reports; and the public dashboard of a published plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glocal import wareki
from glocal.core.tables import UnreadableFile
from glocal.orgs import scoping, selection
from glocal.orgs.models import Role
from glocal.plans import actuals, charts, derived, exporter, importer, progress, report, services
from glocal.plans.models import Actual, Indicator, Plan


def _visible(request):
    return scoping.visible(Plan.objects.select_related("owner"), request.actor)


def _plan(request, plan_id: int, role: Role = Role.VIEWER, fy: int | None = None) -> Plan:
    """A plan of one's own organisations (published plans of others are read on their public
    dashboard: the staff pages show reviews in progress, comments and who entered what), and
    the fiscal year asked for, which must lie in its period (or be its baseline year)."""
    plan = get_object_or_404(_visible(request), pk=plan_id)
    scoping.require(request.actor, plan.owner_id, role)
    if fy is not None and not plan.start_fy - 1 <= fy <= plan.end_fy:
        raise Http404(_("FY%(fy)s is outside the plan.") % {"fy": fy})
    return plan


def _year(request, plan: Plan) -> int:
    """The fiscal year asked for, else this one within the plan, else its last."""
    try:
        year = wareki.parse_fiscal_year(request.GET.get("fy", ""))
    except ValueError:
        year = wareki.fiscal_year(timezone.localdate())
    return min(max(year, plan.start_fy), plan.end_fy)


def _years(plan: Plan) -> list[tuple[int, str]]:
    return [(y, wareki.fiscal_year_label(y)) for y in range(plan.start_fy, plan.end_fy + 1)]


def _rights(request, plan: Plan) -> dict:
    return {
        "can_edit": scoping.can_change(request.actor, plan),
        "is_admin": scoping.is_admin(request.actor, plan.owner),
    }


@login_required
def plan_list(request):
    actor = request.actor
    plans = [
        (plan, actor.is_superuser or actor.has_role(plan.owner_id, Role.VIEWER))
        for plan in _visible(request)
    ]
    context = {"nav": "plans", "plans": plans}
    membership = selection.active_membership(request)
    if membership and request.actor.has_role(membership.organisation_id, Role.EDITOR):
        context["organisation"] = membership.organisation
    status = 200
    if request.method == "POST":
        if "organisation" not in context:
            raise PermissionDenied(_("Importing a plan needs the editor role."))
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise UnreadableFile(_("Choose a YAML or XLSX file."))
            checked, done = importer.import_file(
                upload, upload.name, membership.organisation_id, request.user
            )
        except UnreadableFile as exc:
            context["unreadable"], status = str(exc), 422
        else:
            if done:
                messages.success(
                    request,
                    _("Plan imported: %(nodes)s nodes, %(n)s indicators.")
                    % {"nodes": done.nodes, "n": done.indicators},
                )
                return redirect("plans:detail", done.plan.pk)
            context["problems"], context["name"], status = checked.problems, upload.name, 422
    return render(request, "plans/list.html", context, status=status)


@login_required
def plan_detail(request, plan_id: int):
    plan = _plan(request, plan_id)
    year = _year(request, plan)
    return render(
        request,
        "plans/detail.html",
        {
            "nav": "plans",
            "plan": plan,
            "fiscal_year": year,
            "years": _years(plan),
            "fiscal_year_label": wareki.fiscal_year_label(year),
            "lines": report.lines(plan, year),
            "locked": plan.locks.filter(fiscal_year=year).exists(),
            **_rights(request, plan),
        },
    )


@login_required
def indicator_detail(request, plan_id: int, indicator_id: int):
    plan = _plan(request, plan_id)
    indicators = Indicator.objects.filter(node__plan=plan).select_related("node")
    indicator = get_object_or_404(
        indicators.prefetch_related("targets", "actuals__entered_by"), pk=indicator_id
    )
    rows = []
    for year, _t, _a in charts.series(indicator, plan.end_fy):
        target, actual, row = progress.year_values(indicator, year, plan.end_fy)
        value = progress.achievement(indicator.direction, indicator.baseline, target, actual)
        rows.append(
            {
                "year": year,
                "label": wareki.fiscal_year_label(year),
                "target": target,
                "actual": actual,
                "row": row,
                "achievement": value,
                "percent": progress.percent(value),
                "grade": progress.grade(value),
            }
        )
    return render(
        request,
        "plans/indicator.html",
        {
            "nav": "plans",
            "plan": plan,
            "indicator": indicator,
            "rows": rows,
            "chart": charts.indicator_chart(indicator, plan.end_fy),
            "computation": derived.REGISTRY.get(indicator.derived),
        },
    )


@login_required
def enter_actuals(request, plan_id: int, fy: int):
    plan = _plan(request, plan_id, Role.EDITOR, fy)
    indicators = list(
        Indicator.objects.filter(node__plan=plan)
        .select_related("node")
        .prefetch_related("targets", "actuals")
        .order_by("node__position", "code")
    )
    errors, status = {}, 200
    if request.method == "POST":
        values = {i.pk: request.POST.get(f"value-{i.pk}", "") for i in indicators if not i.derived}
        notes = {
            i.pk: {
                "comment": request.POST.get(f"comment-{i.pk}", ""),
                "evidence": request.POST.get(f"evidence-{i.pk}", ""),
            }
            for i in indicators
            if not i.derived
        }
        try:
            saved = services.enter_actuals(request.actor, plan, fy, values, notes)
        except ValidationError as exc:
            errors, status = exc.message_dict, 422
        else:
            messages.success(
                request,
                _("%(n)s actuals saved for %(year)s.")
                % {"n": saved, "year": wareki.fiscal_year_label(fy)},
            )
            return redirect(f"{plan_detail_url(plan)}?fy={fy}")
    rows = []
    for indicator in indicators:
        target, actual, row = progress.year_values(indicator, fy, plan.end_fy)
        rows.append(
            {
                "indicator": indicator,
                "target": target,
                "row": row,
                "value": request.POST.get(f"value-{indicator.pk}") if errors else _typed(actual),
                "error": errors.get(indicator.code, [""])[0],
            }
        )
    return render(
        request,
        "plans/actuals.html",
        {
            "nav": "plans",
            "plan": plan,
            "fiscal_year": fy,
            "rows": rows,
            "fiscal_year_label": wareki.fiscal_year_label(fy),
            "form_errors": [
                m
                for key, ms in errors.items()
                for m in ms
                if key not in {i.code for i in indicators}
            ],
            "locked": plan.locks.filter(fiscal_year=fy).exists(),
        },
        status=status,
    )


def _typed(value: float | None) -> str:
    """A stored figure as a person would type it: 1780, not 1780.0."""
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else repr(value)


def plan_detail_url(plan: Plan) -> str:
    return reverse("plans:detail", args=[plan.pk])


@login_required
def import_actuals(request, plan_id: int):
    plan = _plan(request, plan_id, Role.EDITOR)
    context, status = {"nav": "plans", "plan": plan}, 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise UnreadableFile(_("Choose a CSV or XLSX file."))
            checked, saved = actuals.import_file(request.actor, plan, upload, upload.name)
        except UnreadableFile as exc:
            context["unreadable"], status = str(exc), 422
        else:
            if not checked.problems:
                messages.success(request, _("%(n)s actuals saved.") % {"n": saved})
                return redirect("plans:detail", plan.pk)
            context["problems"], context["name"], status = checked.problems, upload.name, 422
    return render(request, "plans/import_actuals.html", context, status=status)


@login_required
def review(request, plan_id: int, fy: int):
    plan = _plan(request, plan_id, fy=fy)
    status, error = 200, ""
    if request.method == "POST":
        texts = {
            key.removeprefix("evaluation-"): {
                "evaluation": value,
                "next_step": request.POST.get(f"next-{key.removeprefix('evaluation-')}", ""),
            }
            for key, value in request.POST.items()
            if key.startswith("evaluation-")
        }
        confirm = request.POST.get("action") == "confirm"
        try:
            services.save_reviews(request.actor, plan, fy, texts, confirm=confirm)
        except ValidationError as exc:
            error, status = "; ".join(m for ms in exc.message_dict.values() for m in ms), 422
        else:
            messages.success(request, _("Reviews confirmed.") if confirm else _("Reviews saved."))
            return redirect("plans:review", plan.pk, fy)
    return render(
        request,
        "plans/review.html",
        {
            "nav": "plans",
            "plan": plan,
            "fiscal_year": fy,
            "error": error,
            "fiscal_year_label": wareki.fiscal_year_label(fy),
            "lines": report.lines(plan, fy),
            "locked": plan.locks.filter(fiscal_year=fy).exists(),
            **_rights(request, plan),
        },
        status=status,
    )


@login_required
@require_POST
def lock(request, plan_id: int, fy: int):
    plan = _plan(request, plan_id, Role.ADMIN, fy)
    services.lock_year(request.actor, plan, fy)
    messages.success(request, _("%(year)s is locked.") % {"year": wareki.fiscal_year_label(fy)})
    return redirect("plans:review", plan.pk, fy)


@login_required
@require_POST
def publish(request, plan_id: int):
    plan = _plan(request, plan_id, Role.ADMIN)
    services.publish(request.actor, plan, request.POST.get("published") == "1")
    messages.success(
        request,
        _("The public dashboard is on.") if plan.is_public else _("The public dashboard is off."),
    )
    return redirect("plans:detail", plan.pk)


@login_required
@require_POST
def recompute(request, plan_id: int, fy: int):
    plan = _plan(request, plan_id, Role.EDITOR, fy)
    done = derived.recompute_plan(plan, fy)
    messages.success(request, _("%(n)s derived indicators computed.") % {"n": done})
    return redirect(f"{plan_detail_url(plan)}?fy={fy}")


def _download(data, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report_file(request, plan_id: int, fy: int, format: str):
    plan = _plan(request, plan_id)
    if format not in report.FORMATS or not plan.start_fy <= fy <= plan.end_fy:
        raise Http404(_("There is no such report."))
    try:
        data = report.FORMATS[format](plan, fy)
    except RuntimeError as exc:  # no Pango on this server
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    if format == "html":
        return HttpResponse(data)
    return _download(data, f"plan-{plan.pk}-FY{fy}.{format}", report.CONTENT_TYPES[format])


@login_required
def export(request, plan_id: int, format: str):
    plan = _plan(request, plan_id)
    if format not in ("yaml", "xlsx"):
        raise Http404(_("Plans are exported as YAML or XLSX."))
    if format == "xlsx":
        return _download(
            exporter.to_xlsx(plan), f"plan-{plan.pk}.xlsx", report.CONTENT_TYPES["xlsx"]
        )
    return _download(
        exporter.to_yaml(plan), f"plan-{plan.pk}.yaml", "application/yaml; charset=utf-8"
    )


def public_list(request):
    """Every plan its owner has published, newest period first."""
    plans = Plan.objects.filter(is_public=True).select_related("owner")
    return render(request, "plans/public_list.html", {"plans": plans.order_by("-end_fy", "title")})


def _latest_reported_year(plan: Plan) -> int | None:
    """The last fiscal year of the plan for which people entered actuals (derived ones are
    counted for the running year too, so they do not say a year has been reported)."""
    found = Actual.objects.filter(
        indicator__node__plan=plan,
        indicator__derived="",
        fiscal_year__range=(plan.start_fy, plan.end_fy),
    ).aggregate(year=Max("fiscal_year"))
    return found["year"]


def dashboard(request, plan_id: int):
    """The public page of a plan its owner has published; anyone may read it. It opens on the
    latest year with figures: the running year's counts are partial."""
    plan = Plan.objects.filter(pk=plan_id, is_public=True).select_related("owner").first()
    if plan is None:
        raise Http404(_("No published plan has this number."))
    latest = None if request.GET.get("fy") else _latest_reported_year(plan)
    year = latest or _year(request, plan)
    return render(
        request,
        "plans/dashboard.html",
        {
            "plan": plan,
            "fiscal_year": year,
            "years": _years(plan),
            "fiscal_year_label": wareki.fiscal_year_label(year),
            **report.context(plan, year),
        },
    )
