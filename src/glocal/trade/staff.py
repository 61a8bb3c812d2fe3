"""Staff pages: the organisation's measures (record one, record a change, correct a version),
its exporters (personal data: reads audited) and its promotion projects with their outcomes.

Members of the owning organisation read; its editors and administrators write. Anyone else
(another organisation's administrator included) finds nothing: records are looked up among
the owning organisation's own, so a page of theirs is a 404, and a page needing a membership
is a 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from glocal.orgs import scoping, selection
from glocal.orgs.audit import record_read
from glocal.orgs.models import Role
from glocal.trade import forms, queries, rules, services
from glocal.trade.models import Exporter, Measure, MeasureVersion, PromotionProject


def _organisation(request):
    membership = selection.active_membership(request)
    if membership is None:
        raise PermissionDenied(_("You are not a member of any organisation."))
    return membership.organisation


def _own(queryset, request):
    """Records of the organisations the signed-in person is a member of (public records of
    other organisations are read on the public pages, not here)."""
    found = scoping.visible(queryset, request.actor)
    if request.actor.is_superuser:
        return found
    return found.filter(owner_id__in=request.actor.organisation_ids(Role.VIEWER))


def _found(queryset, request, pk):
    found = _own(queryset, request).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _problems(form, exc: ValidationError) -> None:
    """A service's refusal shown on the form, by field where it names one."""
    for name, problems in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


def _page(request, template, context, status=200):
    return render(request, f"trade/{template}", {"nav": "trade", **context}, status=status)


@login_required
def index(request):
    """The organisation's measures, exporters and promotion projects."""
    organisation = _organisation(request)
    mine = {"owner": organisation}
    projects = PromotionProject.objects.filter(**mine).select_related("country")
    context = {
        "organisation": organisation,
        "can_edit": _may_write(request, organisation.pk),
        "measures": _own(Measure.objects.filter(**mine), request).select_related("country")[:500],
        "exporters": _own(Exporter.objects.filter(**mine), request)[:500],
        "projects": _own(projects, request)[:500],
    }
    return _page(request, "staff_index.html", context)


def _may_write(request, owner_id: int) -> bool:
    try:
        scoping.require(request.actor, owner_id, Role.EDITOR)
    except PermissionDenied:
        return False
    return True


# -- measures -------------------------------------------------------------------------------------


@login_required
def measure_new(request):
    organisation = _organisation(request)
    scoping.require(request.actor, organisation.pk, Role.EDITOR)
    form = forms.MeasureForm(request.POST or None)
    if request.method == "POST":
        data = form.measure_data(rules.Places())
        if data is not None:
            services.record(request.actor, organisation.pk, data)
            measure = Measure.objects.get(
                owner=organisation, country=data.country, kind=data.kind, title=data.title
            )
            messages.success(request, _("The measure is recorded."))
            return redirect("trade:measure", measure.pk)
    context = {"form": form, "heading": _("Record a new measure")}
    return _page(request, "staff_form.html", context, 422 if form.errors else 200)


@login_required
def measure_detail(request, measure_id: int):
    """A measure's history, and for editors the form to record a change."""
    measure = _found(Measure.objects.select_related("country"), request, measure_id)
    can_edit = scoping.can_change(request.actor, measure)
    form = forms.VersionForm(request.POST or None)
    if request.method == "POST":
        scoping.require(request.actor, measure.owner_id, Role.EDITOR)
        data = form.measure_data(rules.Places(), **_identity(measure))
        if data is not None:
            version = services.change_measure(request.actor, measure, data)
            _said(request, version)
            return redirect("trade:measure", measure.pk)
    context = {
        "measure": measure, "history": queries.history(measure), "form": form,
        "can_edit": can_edit,
    }  # fmt: skip
    return _page(request, "staff_measure.html", context, 422 if form.errors else 200)


def _identity(measure: Measure) -> dict:
    return {"country": measure.country, "kind": measure.kind, "title": measure.title}


def _said(request, version: MeasureVersion | None) -> None:
    if version is None:
        messages.info(request, _("Nothing changed: the measure already says this."))
    else:
        messages.success(
            request,
            _("Recorded as version %(number)s (%(change)s).")
            % {"number": version.number, "change": version.get_change_display()},
        )


@login_required
def version_correct(request, measure_id: int, number: int):
    """Correct what one version says; its start date stays (a later start is a change)."""
    measure = _found(Measure.objects.select_related("country"), request, measure_id)
    scoping.require(request.actor, measure.owner_id, Role.EDITOR)
    version = get_object_or_404(measure.versions, number=number)
    form = forms.VersionForm(request.POST or None, initial=forms.version_initial(version))
    form.fields["effective_from"].disabled = True
    if request.method == "POST":
        data = form.measure_data(rules.Places(), **_identity(measure))
        if data is not None:
            _said(request, services.correct_version(request.actor, version, data))
            return redirect("trade:measure", measure.pk)
    heading = _("Correct version %(number)s of %(measure)s") % {
        "number": version.number, "measure": measure,
    }  # fmt: skip
    context = {"form": form, "heading": heading, "measure": measure}
    return _page(request, "staff_form.html", context, 422 if form.errors else 200)


# -- exporters -----------------------------------------------------------------------------------


@login_required
def exporter_detail(request, exporter_id: int):
    exporter = _found(Exporter.objects.all(), request, exporter_id)
    record_read(exporter)
    can_edit = scoping.can_change(request.actor, exporter)
    return _page(request, "staff_exporter.html", {"exporter": exporter, "can_edit": can_edit})


@login_required
def exporter_edit(request, exporter_id: int | None = None):
    """A new exporter, or one edited (the form shows the contact: an audited read)."""
    organisation = _organisation(request)
    exporter = None
    if exporter_id is not None:
        exporter = _found(Exporter.objects.all(), request, exporter_id)
    owner_id = exporter.owner_id if exporter else organisation.pk
    scoping.require(request.actor, owner_id, Role.EDITOR)
    initial = forms.exporter_initial(exporter) if exporter else None
    form = forms.ExporterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_exporter(request.actor, owner_id, form.cleaned_data, exporter)
        except ValidationError as exc:
            _problems(form, exc)
        else:
            messages.success(request, _("The exporter is saved."))
            return redirect("trade:exporter", saved.pk)
    elif exporter is not None:
        record_read(exporter)
    heading = _("Edit %(company)s") % {"company": exporter} if exporter else _("Add an exporter")
    return _page(request, "staff_form.html", {"form": form, "heading": heading},
                 422 if form.errors else 200)  # fmt: skip


@login_required
def exporter_delete(request, exporter_id: int):
    """Deleted on request, contact and all (POST only: the button on the exporter's page)."""
    exporter = _found(Exporter.objects.all(), request, exporter_id)
    scoping.require(request.actor, exporter.owner_id, Role.EDITOR)
    if request.method != "POST":
        return redirect("trade:exporter", exporter.pk)
    services.delete_exporter(request.actor, exporter)
    messages.success(request, _("The exporter and its contact are deleted."))
    return redirect("trade:index")


# -- promotion projects --------------------------------------------------------------------------


def _projects():
    return PromotionProject.objects.select_related("country").prefetch_related("exporters")


@login_required
def project_detail(request, project_id: int):
    project = _found(_projects(), request, project_id)
    can_edit = scoping.can_change(request.actor, project)
    return _page(request, "staff_project.html", {"project": project, "can_edit": can_edit})


@login_required
def project_edit(request, project_id: int | None = None):
    organisation = _organisation(request)
    project = _found(_projects(), request, project_id) if project_id is not None else None
    owner_id = project.owner_id if project else organisation.pk
    scoping.require(request.actor, owner_id, Role.EDITOR)
    initial = forms.project_initial(project) if project else None
    form = forms.ProjectForm(
        request.POST or None, initial=initial,
        exporters=Exporter.objects.filter(owner_id=owner_id),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_project(request.actor, owner_id, form.values(), project)
        except ValidationError as exc:
            _problems(form, exc)
        else:
            messages.success(request, _("The promotion project is saved."))
            return redirect("trade:project", saved.pk)
    heading = _("Edit %(title)s") % {"title": project} if project else _("Add a promotion project")
    return _page(request, "staff_form.html", {"form": form, "heading": heading},
                 422 if form.errors else 200)  # fmt: skip
