"""Staff pages: notices of the active organisation, composing, the workflow, the phrase library."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glocal import languages
from glocal.notices import services
from glocal.notices.compose import compose
from glocal.notices.forms import NoticeForm
from glocal.notices.models import Notice, PhraseTemplate, ReviewStatus
from glocal.orgs import scoping, selection
from glocal.orgs.models import Role


def _organisation(request):
    membership = selection.active_membership(request)
    if membership is None:
        raise PermissionDenied(_("You are not a member of any organisation."))
    return membership.organisation


def _prefecture(organisation):
    place = organisation.local_government
    if place is None:
        return None
    return place if place.is_prefecture else place.prefecture


@login_required
def notice_list(request):
    organisation = _organisation(request)
    notices = (
        scoping.visible(Notice.objects.filter(owner=organisation), request.actor)
        .select_related("current_version")
        .prefetch_related("current_version__texts")
    )
    rows = []
    for notice in notices:
        text = notice.current_version.text(languages.JAPANESE) if notice.current_version else None
        rows.append({"notice": notice, "title": text.title if text else ""})
    return render(
        request,
        "notices/list.html",
        {"nav": "notices", "organisation": organisation, "rows": rows},
    )


def _error_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()]
    return error.messages


@login_required
def notice_new(request):
    organisation = _organisation(request)
    scoping.require(request.actor, organisation.pk, Role.EDITOR)
    prefecture = _prefecture(organisation)
    if prefecture is None:
        messages.error(
            request, _("This organisation has no place set, so it has no area to notify.")
        )
        return redirect("notices:list")
    initial = {"valid_from": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    form = NoticeForm(
        request.POST or None, initial=initial, prefecture=prefecture, owner_id=organisation.pk
    )
    preview, problems, status = None, [], 200
    if request.method == "POST":
        if form.is_valid():
            data = form.service_data()
            try:
                if request.POST.get("action") == "preview":
                    if form.cleaned_data["mode"] == "phrases":
                        preview = compose(data["phrases"], data["slots"], organisation.pk).texts
                    else:
                        preview = data["texts"]
                else:
                    data["owner_id"] = organisation.pk
                    notice = services.create_notice(request.actor, data)
                    messages.success(request, _("The draft is saved."))
                    return redirect("notices:detail", notice.pk)
            except ValidationError as error:
                problems, status = _error_messages(error), 422
        else:
            status = 422
    context = {
        "nav": "notices",
        "form": form,
        "organisation": organisation,
        "prefecture": prefecture,
        "preview": _preview_rows(preview),
        "problems": problems,
    }
    return render(request, "notices/new.html", context, status=status)


def _preview_rows(preview):
    if preview is None:
        return None
    rows = []
    for language in languages.CONTENT_LANGUAGES:
        text = preview.get(language.tag)
        if text is None:
            continue
        if isinstance(text, dict):
            title, body, review = text["title"], text["body"], ReviewStatus.UNREVIEWED
        else:
            title, body, review = text.title, text.body, text.review_status
        rows.append({"language": language, "title": title, "body": body, "review": review})
    return rows


@login_required
def notice_detail(request, notice_id: int):
    notice = get_object_or_404(
        scoping.visible(Notice.objects.all(), request.actor).select_related(
            "owner", "prefecture", "current_version", "published_version", "approved_by"
        ),
        pk=notice_id,
    )
    member = request.actor.has_role(notice.owner_id, Role.VIEWER) or request.actor.is_superuser
    if not member:
        return redirect("portal:notice", "ja", notice.pk)
    version = notice.current_version
    texts = []
    for language in languages.CONTENT_LANGUAGES:
        text = version.text(language.tag) if version else None
        texts.append({"language": language, "text": text})
    policy = services.policy_for(notice.owner_id)
    can_edit = scoping.can_change(request.actor, notice)
    context = {
        "nav": "notices",
        "notice": notice,
        "version": version,
        "texts": texts,
        "versions": notice.versions.order_by("-number"),
        "policy": policy,
        "can_edit": can_edit,
        "is_author": version is not None and version.author == request.actor.label,
    }
    return render(request, "notices/detail.html", context)


@login_required
@require_POST
def notice_action(request, notice_id: int, action: str):
    notice = get_object_or_404(
        scoping.visible(Notice.objects.all(), request.actor).select_related("current_version"),
        pk=notice_id,
    )
    step = {
        "approve": services.approve_notice,
        "publish": services.publish_notice,
        "cancel": services.cancel_notice,
    }[action]
    try:
        step(request.actor, notice)
    except ValidationError as error:
        for message in _error_messages(error):
            messages.error(request, message)
    else:
        done = {
            "approve": _("The notice is approved."),
            "publish": _("The notice is published."),
            "cancel": _("The notice is cancelled."),
        }
        messages.success(request, done[action])
    return redirect("notices:detail", notice.pk)


@login_required
def phrase_library(request):
    templates = PhraseTemplate.objects.prefetch_related("translations")
    rows = []
    for template in templates:
        by_language = {t.language: t for t in template.translations.all()}
        rows.append(
            {
                "template": template,
                "ja": by_language.get("ja"),
                "translations": [
                    (language, by_language.get(language.tag))
                    for language in languages.CONTENT_LANGUAGES
                ],
            }
        )
    return render(request, "notices/phrases.html", {"nav": "notices", "rows": rows})
