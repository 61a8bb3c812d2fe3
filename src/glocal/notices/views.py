"""Staff pages: notices of the active organisation, composing, the workflow, the phrase library."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glocal import easyja, languages
from glocal.delivery import services as delivery
from glocal.easyja.web.report import highlighted
from glocal.notices import mailing, services, slots
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
        {
            "nav": "notices",
            "organisation": organisation,
            "rows": rows,
            "policy": services.policy_for(organisation.pk),
            "subscribers": delivery.subscriber_count(organisation),
            "is_admin": scoping.is_admin(request.actor, organisation),
        },
    )


@login_required
@require_POST
def remove_subscriber(request):
    """Administrators delete a resident's subscription on request (the address goes with it)."""
    organisation = _organisation(request)
    email = request.POST.get("email", "").strip()
    if delivery.remove_subscriber(request.actor, organisation, email):
        messages.success(request, _("The subscription of %(email)s is deleted.") % {"email": email})
    else:
        messages.error(request, _("No subscription has this address."))
    return redirect("notices:list")


@login_required
@require_POST
def policy(request):
    """Organisation administrators turn two-person approval on or off."""
    organisation = _organisation(request)
    scoping.require(request.actor, organisation.pk, Role.ADMIN)
    current = services.policy_for(organisation.pk)
    current.two_person_approval = request.POST.get("two_person_approval") == "on"
    current.save()
    messages.success(
        request,
        _("Two-person approval is on.")
        if current.two_person_approval
        else _("Two-person approval is off."),
    )
    return redirect("notices:list")


def _error_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{slots.label(field)}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()
        ]
    return error.messages


def _note_unused(request, unused: tuple[str, ...]) -> None:
    if unused:
        messages.info(
            request,
            _("Not used by the chosen phrases, so left out: %(values)s")
            % {"values": ", ".join(slots.label(name) for name in unused)},
        )


def _initial_from(notice: Notice) -> dict:
    """The form's values for writing a new version of `notice`: those of its current one."""
    version = notice.current_version
    initial = {
        "category": version.category,
        "severity": version.severity,
        "municipalities": [m.code for m in version.municipalities.all()],
        "valid_from": timezone.localtime(version.valid_from).strftime("%Y-%m-%dT%H:%M"),
        "valid_until": timezone.localtime(version.valid_until).strftime("%Y-%m-%dT%H:%M")
        if version.valid_until
        else None,
        "mode": "phrases" if version.phrases else "free",
        "phrases": version.phrases,
        **version.slots,
    }
    if not version.phrases:
        for text in version.texts.all():
            initial[f"title_{text.language}"] = text.title
            initial[f"body_{text.language}"] = text.body
    return initial


def _editor(request, organisation, notice=None):
    """The composing page, for a new notice or a new version of `notice`."""
    scoping.require(request.actor, organisation.pk, Role.EDITOR)
    prefecture = _prefecture(organisation)
    if prefecture is None:
        messages.error(
            request, _("This organisation has no place set, so it has no area to notify.")
        )
        return redirect("notices:list")
    if notice is None:
        initial = {"valid_from": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    else:
        initial = _initial_from(notice)
    form = NoticeForm(
        request.POST or None, initial=initial, prefecture=prefecture, owner_id=organisation.pk
    )
    preview, easy, problems, status = None, None, [], 200
    if request.method == "POST":
        if form.is_valid():
            data = form.service_data()
            try:
                if request.POST.get("action") == "preview":
                    if form.cleaned_data["mode"] == "phrases":
                        composition = compose(data["phrases"], data["slots"], organisation.pk)
                        preview = composition.texts
                        _note_unused(request, composition.unused)
                    else:
                        preview = data["texts"]
                        easy = _easy_check(preview)
                elif notice is None:
                    data["owner_id"] = organisation.pk
                    notice = services.create_notice(request.actor, data)
                    messages.success(request, _("The draft is saved."))
                    return redirect("notices:detail", notice.pk)
                else:
                    services.revise_notice(request.actor, notice, data)
                    messages.success(request, _("The new version is saved as a draft."))
                    return redirect("notices:detail", notice.pk)
            except ValidationError as error:
                problems, status = _error_messages(error), 422
        else:
            status = 422
    context = {
        "nav": "notices",
        "form": form,
        "notice": notice,
        "organisation": organisation,
        "prefecture": prefecture,
        "preview": _preview_rows(preview),
        "easy": easy,
        "problems": problems,
    }
    return render(request, "notices/new.html", context, status=status)


def _easy_check(texts: dict):
    """The Easy Japanese analysis of the Easy Japanese text, for the preview."""
    easy = texts.get(languages.EASY_JAPANESE) or {}
    text = "\n".join(part for part in (easy.get("title"), easy.get("body")) if part)
    if not text.strip():
        return None
    result = easyja.analyze(text)
    language = "en" if (get_language() or "ja").startswith("en") else "ja"
    return {
        "analysis": result,
        # A short text has a score but no band: say so rather than show the nearest band.
        "level_label": result.level_label(language),
        "level_reliable": result.reliable,
        "counts": result.counts(),
        "highlighted": highlighted(result, language),
        "findings": [
            {"number": n, "finding": f, "message": f.message(language)}
            for n, f in enumerate(result.findings, start=1)
        ],
    }


@login_required
def notice_new(request):
    return _editor(request, _organisation(request))


@login_required
def notice_revise(request, notice_id: int):
    notice = get_object_or_404(
        scoping.editable(Notice.objects.all(), request.actor).select_related(
            "owner", "current_version"
        ),
        pk=notice_id,
    )
    if notice.status == Notice.Status.CANCELLED:
        messages.error(request, _("A cancelled notice cannot be changed."))
        return redirect("notices:detail", notice.pk)
    return _editor(request, notice.owner, notice)


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
        **_deliveries(notice),
        "version": version,
        "texts": texts,
        "versions": notice.versions.order_by("-number"),
        "policy": policy,
        "can_edit": can_edit,
        "is_author": version is not None and services.wrote(request.actor, version),
        # What residents see, when it is not the version being worked on.
        "published": notice.published_version
        if notice.published_version_id not in (None, notice.current_version_id)
        else None,
    }
    return render(request, "notices/detail.html", context)


def _deliveries(notice) -> dict:
    """The e-mail report of a notice: its deliveries (what was sent), and failed messages."""
    report = delivery.delivery_report(notice.owner, mailing.SOURCE, notice.pk)
    kinds = {"alert": _("Published"), "update": _("Updated"), "cancel": _("Cancelled")}
    rows = [{"delivery": d, "kind": kinds.get(d.kind, d.kind)} for d in report.deliveries]
    return {"deliveries": rows, "failures": report.failures, "delivering": report.delivering}


@login_required
def notice_deliveries(request, notice_id: int):
    """The delivery table alone, for the detail page to refresh while sending."""
    notice = get_object_or_404(scoping.visible(Notice.objects.all(), request.actor), pk=notice_id)
    scoping.require(request.actor, notice.owner_id, Role.VIEWER)
    return render(request, "notices/_deliveries.html", {"notice": notice, **_deliveries(notice)})


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
