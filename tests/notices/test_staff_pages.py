"""Staff pages for notices, without a browser."""

import pytest

from glocal.notices import services
from glocal.notices.models import Notice

pytestmark = pytest.mark.django_db

FORM = {
    "category": "general",
    "severity": "info",
    "valid_from": "2026-11-21T09:00",
    "mode": "free",
}


def test_free_text_preview_checks_the_easy_japanese(client, editor):
    client.force_login(editor)
    response = client.post(
        "/staff/notices/new/",
        {
            **FORM,
            "title_ja": "お知らせ",
            "title_ja-x-easy": "おしらせ",
            "body_ja-x-easy": "ご注意ください。",
            "action": "preview",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "やさしい日本語チェック" in page
    assert "注意してください" in page  # the honorific finding's suggestion


def test_saving_free_text_without_japanese_names_it(client, editor):
    client.force_login(editor)
    response = client.post("/staff/notices/new/", {**FORM, "title_en": "Notice", "action": "save"})
    assert response.status_code == 422
    assert "texts.ja" in response.content.decode()
    assert Notice.objects.count() == 0


def test_a_new_version_through_the_page(client, editor, published):
    client.force_login(editor)
    page = client.get(f"/staff/notices/{published.pk}/revise/").content.decode()
    assert 'value="shelter.opened" checked' in page
    response = client.post(
        f"/staff/notices/{published.pk}/revise/",
        {
            "category": "shelter",
            "severity": "warning",
            "valid_from": "2026-11-21T09:00",
            "mode": "phrases",
            "phrases": ["shelter.closed"],
            "facility": "tsuruga-gym",
            "date": "2026-11-23",
            "time": "10:00",
            "municipalities": ["072028"],
            "action": "save",
        },
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert (published.current_version.number, published.published_version.number) == (2, 1)
    assert published.status == Notice.Status.DRAFT


def test_only_administrators_change_the_approval_rule(client, editor, owner, home_org):
    client.force_login(editor)
    assert client.post("/staff/notices/policy/", {}).status_code == 403
    assert services.policy_for(home_org.pk).two_person_approval
    client.force_login(owner)
    client.post("/staff/notices/policy/", {})
    assert not services.policy_for(home_org.pk).two_person_approval


def test_outsiders_do_not_see_drafts(client, outsider, draft):
    client.force_login(outsider)
    assert client.get(f"/staff/notices/{draft.pk}/").status_code == 404
    assert client.post(f"/staff/notices/{draft.pk}/publish/").status_code == 404


def test_unreviewed_texts_are_marked_in_the_library(client, member):
    client.force_login(member)
    page = client.get("/staff/notices/phrases/").content.decode()
    assert "78件の定型文" in page
    assert page.count('<span class="badge unreviewed">未確認</span>') == 78 * 16


def test_a_value_the_chosen_phrases_do_not_use_is_only_noted(client, editor, shelter):
    client.force_login(editor)
    response = client.post(
        "/staff/notices/new/",
        {
            **FORM,
            "mode": "phrases",
            "phrases": ["shelter.bring_items"],
            "facility": "tsuruga-gym",
            "action": "preview",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "選んだ定型文で使わないため、入れませんでした：施設" in page
    assert 'role="alert"' not in page
