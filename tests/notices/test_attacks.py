"""Attacks on the two-person rule and on what residents see (security review findings 2-4, 8)."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from glocal.notices import services
from glocal.notices.models import Notice, NoticeVersion
from glocal.orgs.models import Role

pytestmark = pytest.mark.django_db


def api(client, method, path, body=None, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    send = getattr(client, method)
    if body is None:
        return send(f"/api/v1{path}", **headers)
    return send(f"/api/v1{path}", json.dumps(body), content_type="application/json", **headers)


def public_view(client, notice):
    client.logout()
    return api(client, "get", f"/notices/{notice.pk}").json()


# Finding 2: one editor changed a published notice's metadata live.


def test_a_metadata_change_is_a_new_version_residents_see_only_once_published(
    client, published, home_org, issue_token, owner
):
    token = issue_token(home_org, Role.EDITOR, name="one editor")
    until = (timezone.now() + timedelta(days=365)).isoformat()
    changed = api(
        client,
        "patch",
        f"/notices/{published.pk}",
        {"severity": "emergency", "valid_until": until, "municipalities": []},
        token,
    )
    assert changed.status_code == 200
    staff_view = changed.json()
    assert (staff_view["status"], staff_view["version"]) == ("draft", 2)
    assert staff_view["severity"] == "emergency"
    assert staff_view["municipalities"] == []
    assert staff_view["texts"]["ja"]["title"]  # the texts come along unchanged

    residents = public_view(client, published)
    assert residents["severity"] == "warning"
    assert residents["valid_until"] is None
    assert [m["code"] for m in residents["municipalities"]] == ["072028"]
    assert residents["version"] == 1
    portal = client.get(f"/residents/en/notices/{published.pk}/").content.decode()
    assert "severity-warning" in portal
    assert "severity-emergency" not in portal
    cap = api(client, "get", f"/notices/{published.pk}/cap").content.decode()
    assert "<severity>Severe</severity>" in cap  # a warning; an emergency would be Extreme

    # The token may not approve; a signed-in person who did not write it approves.
    assert api(client, "post", f"/notices/{published.pk}/approve", {}, token).status_code == 403
    client.force_login(owner)
    assert api(client, "post", f"/notices/{published.pk}/approve", {}).status_code == 200
    assert api(client, "post", f"/notices/{published.pk}/publish", {}, token).status_code == 200
    residents = public_view(client, published)
    assert (residents["severity"], residents["version"]) == ("emergency", 2)
    assert residents["municipalities"] == []
    assert residents["valid_until"] is not None


def test_asking_for_no_change_makes_no_version(client, published, home_org, issue_token):
    token = issue_token(home_org, Role.EDITOR)
    same = api(client, "patch", f"/notices/{published.pk}", {"severity": "warning"}, token)
    assert same.status_code == 200
    assert NoticeVersion.objects.filter(notice=published).count() == 1
    published.refresh_from_db()
    assert published.status == Notice.Status.PUBLISHED


def test_a_new_version_on_the_staff_page_leaves_the_published_metadata_up(
    client, editor, published
):
    client.force_login(editor)
    response = client.post(
        f"/staff/notices/{published.pk}/revise/",
        {
            "category": "evacuation",
            "severity": "emergency",
            "valid_from": "2026-11-21T09:00",
            "mode": "phrases",
            "phrases": ["shelter.opened"],
            "facility": "tsuruga-gym",
            "date": "2026-11-21",
            "time": "15:30",
            "action": "save",
        },
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert (published.severity, published.category) == ("warning", "shelter")
    assert list(published.municipalities.values_list("code", flat=True)) == ["072028"]
    detail = client.get(f"/staff/notices/{published.pk}/").content.decode()
    assert "published-metadata" in detail  # staff see what residents still see
    assert public_view(client, published)["severity"] == "warning"


# Finding 3: the two-person rule compared labels.


def test_the_author_cannot_approve_their_own_version_through_a_token(
    client, draft, home_org, issue_token
):
    token = issue_token(home_org, Role.EDITOR, name="ci")
    approved = api(client, "post", f"/notices/{draft.pk}/approve", {}, token)
    assert approved.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Notice.Status.DRAFT


def test_two_tokens_cannot_approve_each_others_work(client, published, home_org, issue_token):
    first = issue_token(home_org, Role.EDITOR, name="first")
    second = issue_token(home_org, Role.EDITOR, name="second")
    api(client, "patch", f"/notices/{published.pk}", {"severity": "advisory"}, first)
    assert api(client, "post", f"/notices/{published.pk}/approve", {}, second).status_code == 403


def test_whoever_issued_the_token_cannot_approve_what_it_wrote(
    client, published, home_org, editor, owner, actor_for
):
    from glocal.orgs.models import ApiToken

    token = ApiToken(organisation=home_org, name="editor's", role=Role.EDITOR, created_by=editor)
    plain = token.issue()
    token.save()
    api(client, "patch", f"/notices/{published.pk}", {"severity": "advisory"}, plain)
    client.force_login(editor)
    assert api(client, "post", f"/notices/{published.pk}/approve", {}).status_code == 403
    page = client.get(f"/staff/notices/{published.pk}/").content.decode()
    assert 'id="approve-why"' in page
    services.approve_notice(actor_for(owner), Notice.objects.get(pk=published.pk))


def test_with_two_person_approval_off_a_token_approves(client, draft, home_org, issue_token):
    policy = services.policy_for(home_org.pk)
    policy.two_person_approval = False
    policy.save()
    token = issue_token(home_org, Role.EDITOR)
    assert api(client, "post", f"/notices/{draft.pk}/approve", {}, token).status_code == 200


# Finding 4: the cached portal page.


def test_the_portal_page_shows_a_newly_published_severity(
    client, published, home_org, issue_token, owner
):
    cache.clear()
    page = f"/residents/en/notices/{published.pk}/"
    assert "severity-warning" in client.get(page).content.decode()
    token = issue_token(home_org, Role.EDITOR)
    api(client, "patch", f"/notices/{published.pk}", {"severity": "emergency"}, token)
    assert "severity-warning" in client.get(page).content.decode()  # not published yet
    client.force_login(owner)
    api(client, "post", f"/notices/{published.pk}/approve", {})
    api(client, "post", f"/notices/{published.pk}/publish", {})
    client.logout()
    assert "severity-emergency" in client.get(page).content.decode()


def test_the_portal_page_key_covers_the_dates_it_shows(client, published):
    """Defensive: whatever changes what the page shows, not only a new version, gives a new
    page (an operator's correction in the admin site, say)."""
    cache.clear()
    page = f"/residents/en/notices/{published.pk}/"
    client.get(page)
    Notice.objects.filter(pk=published.pk).update(
        valid_until=timezone.make_aware(timezone.datetime(2031, 2, 3, 12, 0))
    )
    assert "2031" in client.get(page).content.decode()


# Finding 8: the staff form took bodies beyond the API's bound.


def test_the_staff_form_refuses_a_body_beyond_20000_characters(client, editor, home_org):
    client.force_login(editor)
    answer = client.post(
        "/staff/notices/new/",
        {
            "mode": "free",
            "category": "general",
            "severity": "info",
            "valid_from": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "title_ja": "長い",
            "body_ja": "あ" * 20_001,
            "action": "save",
        },
    )
    assert answer.status_code == 422
    assert not Notice.objects.filter(owner=home_org).exists()


def test_the_service_refuses_a_long_body_whoever_calls_it(home_org, editor, actor_for):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.create_notice(
            actor_for(editor),
            {
                "owner_id": home_org.pk,
                "category": "general",
                "severity": "info",
                "prefecture": "070009",
                "texts": {"ja": {"title": "長い", "body": "あ" * 20_001}},
            },
        )
    assert "texts.ja.body" in refused.value.message_dict
    assert not Notice.objects.exists()


def test_a_cancellation_mails_what_residents_were_told_not_a_pending_draft(
    published, editor, actor_for
):
    """An update awaits approval when the notice is cancelled: the cancellation mail carries the
    published texts, never the unapproved draft's."""
    from glocal.delivery.models import DeliveryContent
    from tests.notices.fixtures import CLOSED

    told = published.published_version.text("ja").title
    services.revise_notice(actor_for(editor), published, CLOSED)  # a draft, not approved
    draft = published.current_version.text("ja").title
    assert draft != told
    services.cancel_notice(actor_for(editor), published)
    cancel = DeliveryContent.objects.filter(delivery__kind="cancel", language="ja").get()
    assert told in cancel.subject + cancel.text
    assert draft not in cancel.subject + cancel.text
