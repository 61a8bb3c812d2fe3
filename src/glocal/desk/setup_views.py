"""Staff pages that set the desk up: its roster, support access, topics, referral agencies,
canned answers, interpreters and appointments. Reads are scoped to the active organisation's
desk (glocal.desk.access); every write goes through glocal.desk.services."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from glocal.desk import access, resolve, services, tags
from glocal.desk.models import CannedAnswer, DeskMember, Interpreter, ReferralAgency, SupportGrant
from glocal.desk.setup_forms import (
    REMOVE,
    AgencyForm,
    AnswerForm,
    AppointmentForm,
    InterpreterForm,
    RosterForm,
    SupportGrantForm,
    TopicForm,
)
from glocal.desk.views import _desk
from glocal.orgs import selection


def _problems(form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: by field when the form has it."""
    for name, problems in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


def _page(request, template: str, context: dict, *forms):
    """Render; a form sent back with problems makes it a 400."""
    failed = any(form.is_bound and form.errors for form in forms)
    return render(request, f"desk/{template}", {"nav": "desk", **context},
                  status=400 if failed else 200)  # fmt: skip


def _roster_organisation(request):
    """The roster opens to the desk and to the organisation's administrators, who staff it."""
    membership = selection.active_membership(request)
    organisation = membership.organisation if membership else None
    if organisation is None or not (
        access.is_desk_member(request.actor, organisation.pk)
        or access.may_manage_roster(request.actor, organisation.pk)
    ):
        raise PermissionDenied(_("This needs a desk role in the organisation's consultation desk."))
    return organisation


@login_required
def roster(request):
    organisation = _roster_organisation(request)
    manages = access.may_manage_roster(request.actor, organisation.pk)
    members = get_user_model().objects.filter(memberships__organisation=organisation)
    form = RosterForm(request.POST or None, members=members.order_by("username"))
    if request.method == "POST":
        if not manages:
            raise PermissionDenied(_("This needs the desk administrator's role."))
        if form.is_valid():
            user = members.get(pk=form.cleaned_data["user"])
            role = form.cleaned_data["role"]
            try:
                services.set_desk_role(
                    request.actor, organisation, user, None if role == REMOVE else role
                )
            except ValidationError as exc:
                _problems(form, exc)
            else:
                messages.success(request, _("The desk roster is saved."))
                return redirect("desk:roster")
    desk = DeskMember.objects.filter(organisation=organisation).select_related("user")
    context = {"desk": desk.order_by("user__username"), "form": form, "manages": manages}
    return _page(request, "roster.html", context, form)


@login_required
def support(request):
    organisation = _desk(request)
    access.require_desk_admin(request.actor, organisation.pk)
    form = SupportGrantForm(request.POST if "grant" in request.POST else None)
    if "revoke" in request.POST:
        grant = get_object_or_404(
            SupportGrant.objects.active(), pk=request.POST["revoke"], organisation=organisation
        )
        services.revoke_support(request.actor, grant)
        messages.success(request, _("Support access is revoked."))
        return redirect("desk:support")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        user = get_user_model().objects.filter(username=data["username"]).first()
        try:
            if user is None:
                raise ValidationError({"username": _("Support access is for platform staff.")})
            services.grant_support(request.actor, organisation, user, data["reason"], data["hours"])
        except ValidationError as exc:
            _problems(form, exc)
        else:
            messages.success(request, _("Support access is granted."))
            return redirect("desk:support")
    grants = SupportGrant.objects.filter(organisation=organisation).select_related(
        "user", "granted_by"
    )
    return _page(request, "support.html", {"grants": grants[:100], "form": form,
                                           "now": timezone.now()}, form)  # fmt: skip


@login_required
def topics(request):
    organisation = _desk(request)
    is_admin = access.is_desk_admin(request.actor, organisation.pk)
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_topic(request.actor, organisation, data["code"], data["name"],
                               data["name_en"])  # fmt: skip
        except ValidationError as exc:
            _problems(form, exc)
        else:
            messages.success(request, _("The topic is added."))
            return redirect("desk:topics")
    found = resolve.topics_for(organisation.pk).order_by("position", "code")
    return _page(
        request, "topics.html", {"topics": found, "form": form, "is_admin": is_admin}, form
    )


@login_required
def agencies(request):
    organisation = _desk(request)
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_referral_agency(request.actor, organisation, **form.cleaned_data)
        except ValidationError as exc:
            _problems(form, exc)
        else:
            messages.success(request, _("The agency is saved."))
            return redirect("desk:agencies")
    found = ReferralAgency.objects.filter(owner=organisation)
    return _page(request, "agencies.html", {"agencies": found, "form": form}, form)


@login_required
def answers(request):
    organisation = _desk(request)
    topic_list = list(resolve.topics_for(organisation.pk).order_by("position", "code"))
    form = AnswerForm(request.POST or None, topics=topic_list)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        topic = next((t for t in topic_list if t.code == data["topic"]), None)
        try:
            language = resolve.Resolver(organisation).language(data["language"])
        except resolve.Unknown as exc:
            form.add_error("language", str(exc))
        else:
            texts = {language: (data["subject"], data["body"], data["status"])}
            try:
                services.save_canned_answer(request.actor, organisation, data["key"],
                                            data["title"], texts, topic)  # fmt: skip
            except ValidationError as exc:
                _problems(form, exc)
            else:
                messages.success(request, _("The canned answer is saved."))
                return redirect("desk:answers")
    found = CannedAnswer.objects.filter(owner=organisation).prefetch_related("texts")
    rows = [
        {"answer": answer,
         "texts": [(text, tags.language_name(text.language, _ui(request))) for text in
                   answer.texts.all()]}
        for answer in found.select_related("topic")
    ]  # fmt: skip
    return _page(request, "answers.html", {"rows": rows, "form": form}, form)


def _ui(request) -> str:
    return "en" if (getattr(request, "LANGUAGE_CODE", "ja") or "ja").startswith("en") else "ja"


def _language_list(organisation, text: str) -> list[str]:
    resolver = resolve.Resolver(organisation)
    return [resolver.language(part) for part in text.replace("、", ",").split(",") if part.strip()]


@login_required
def interpreters(request):
    organisation = _desk(request)
    people = Interpreter.objects.filter(owner=organisation)
    add_form = InterpreterForm(request.POST if "add" in request.POST else None)
    book_form = AppointmentForm(
        request.POST if "book" in request.POST else None, interpreters=people.filter(active=True)
    )
    if add_form.is_bound and add_form.is_valid():
        data = add_form.cleaned_data
        try:
            services.add_interpreter(request.actor, organisation, data["name"],
                                     _language_list(organisation, data["languages"]),
                                     data["availability"])  # fmt: skip
        except resolve.Unknown as exc:
            add_form.add_error("languages", str(exc))
        except ValidationError as exc:
            _problems(add_form, exc)
        else:
            messages.success(request, _("The interpreter is added."))
            return redirect("desk:interpreters")
    if book_form.is_bound and book_form.is_valid():
        data = book_form.cleaned_data
        case = access.cases(request.actor).filter(owner=organisation, pk=data["case"]).first()
        try:
            if case is None:
                raise ValidationError({"case": _("No such case at this desk.")})
            services.book_interpreter(request.actor, case, people.get(pk=data["interpreter"]),
                                      data["starts_at"], data["ends_at"])  # fmt: skip
        except ValidationError as exc:
            _problems(book_form, exc)
        else:
            messages.success(request, _("The interpreter is booked."))
            return redirect("desk:interpreters")
    upcoming = (
        access.appointments(request.actor)
        .filter(interpreter__owner=organisation, ends_at__gte=timezone.now())
        .select_related("interpreter")
    )
    context = {"interpreters": people, "add_form": add_form, "book_form": book_form,
               "appointments": upcoming[:200]}  # fmt: skip
    return _page(request, "interpreters.html", context, add_form, book_form)
