"""The staff form that creates and edits events: through the service, in the venue's own time
zone, for editors of a host only, nothing written on bad input."""

from datetime import UTC, datetime

import pytest

from glocal.events.models import Event

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "promotion_abroad",
    "title_ja": "ホーチミン物産展",
    "title_vi": "Hội chợ sản phẩm Fukushima",
    "description_ja": "県産品の商談会です。",
    "venue_name": "Saigon Exhibition Center",
    "venue_country": "VN",
    "timezone": "Asia/Ho_Chi_Minh",
    "starts_at": "2030-03-10T10:00",
    "ends_at": "2030-03-10T17:00",
    "capacity": "120",
    "waiting_list": "on",
    "is_public": "on",
    "languages": ["ja", "vi"],
    "questions": "company | text | 会社名 | | required\nlunch | yesno | 昼食",
}


def test_editor_creates_an_event_abroad_in_its_own_time_zone(client, editor, home_org):
    client.force_login(editor)
    assert client.get("/staff/events/new/").status_code == 200
    done = client.post("/staff/events/new/", FORM)
    event = Event.objects.get()
    assert done.status_code == 302
    assert done["Location"] == f"/staff/events/{event.pk}/"
    assert event.owner == home_org
    assert event.title == {"ja": "ホーチミン物産展", "vi": "Hội chợ sản phẩm Fukushima"}
    assert event.venue_country.code.startswith("VN")
    # 10:00 in Ho Chi Minh City (UTC+7) is 03:00 UTC.
    assert event.starts_at == datetime(2030, 3, 10, 3, 0, tzinfo=UTC)
    assert (event.capacity, event.waiting_list, event.is_public) == (120, True, True)
    assert [(q["key"], q["type"], q["required"]) for q in event.questions] == [
        ("company", "text", True),
        ("lunch", "yesno", False),
    ]
    page = client.get(f"/staff/events/{event.pk}/edit/").content.decode()
    assert 'value="2030-03-10T10:00"' in page  # shown again in the venue's time


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ends_at": "2030-03-10T09:00"}, "終了が開始より前になっています。"),
        ({"timezone": "Mars/Olympus"}, "Mars/Olympus"),
        ({"venue_local_government": "072028"}, "両方は指定できません。"),
        ({"questions": "a b | text | 質問"}, "固有の短いキー"),
        ({"questions": "size | choice | サイズ"}, "選択肢が必要です"),
        ({"title_ja": ""}, 'class="errorlist'),
        ({"venue_country": "ZZ"}, "ZZ"),
    ],
)
def test_bad_input_is_shown_and_nothing_written(client, editor, change, message):
    client.force_login(editor)
    page = client.post("/staff/events/new/", FORM | change)
    assert page.status_code == 422
    assert message in page.content.decode()
    assert not Event.objects.exists()


def test_editing_keeps_translated_question_labels_and_checks_capacity(client, editor, make_event):
    from glocal.events import services
    from tests.events.conftest import applicant

    event = make_event(capacity=3)
    for n in range(2):
        services.register(event, applicant(n))
    client.force_login(editor)
    form = client.get(f"/staff/events/{event.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False)}
    data["starts_at"] = data["starts_at"].strftime("%Y-%m-%dT%H:%M")
    data["ends_at"] = data["ends_at"].strftime("%Y-%m-%dT%H:%M")
    refused = client.post(f"/staff/events/{event.pk}/edit/", data | {"capacity": "1"})
    assert refused.status_code == 422
    assert "すでに2件の申込みが確定している" in refused.content.decode()
    event.refresh_from_db()
    assert event.capacity == 3
    saved = client.post(f"/staff/events/{event.pk}/edit/", data | {"title_ja": "新しい題名"})
    assert saved.status_code == 302
    event.refresh_from_db()
    assert event.title["ja"] == "新しい題名"
    assert event.title["en"] == "Regional Promotion Seminar"
    assert event.questions[0]["label"] == {"ja": "食事制限", "en": "Dietary needs"}


def test_only_editors_of_a_host_use_the_form(client, make_event, member, outsider):
    event = make_event()
    edit = f"/staff/events/{event.pk}/edit/"
    assert client.get("/staff/events/new/").status_code == 302  # to the login page
    assert client.get(edit).status_code == 302
    client.force_login(member)  # a viewer of the host
    assert client.get("/staff/events/new/").status_code == 403
    assert client.post("/staff/events/new/", FORM).status_code == 403
    assert client.post(edit, FORM).status_code == 403
    client.force_login(outsider)  # another organisation's administrator
    assert client.get(edit).status_code == 404
    assert client.post(edit, FORM).status_code == 404
    assert Event.objects.get().title["ja"] == "地域の魅力発信セミナー"
    assert Event.objects.count() == 1
