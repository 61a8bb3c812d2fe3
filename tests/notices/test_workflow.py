"""Composing, the two-person workflow, versions, and who may do what."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from glocal import languages
from glocal.notices import services
from glocal.notices.compose import compose
from glocal.notices.models import Notice

pytestmark = pytest.mark.django_db


def test_compose_writes_every_language_at_once(shelter, home_org):
    result = compose(
        ["shelter.opened"], {"date": "2026-11-21", "time": "15:30", "facility": "tsuruga-gym"},
        home_org.pk,
    )  # fmt: skip
    assert set(result.texts) == set(languages.TAGS)
    assert "鶴ヶ城体育館" in result.texts["ja"].title
    assert "11月21日（土曜日）" in result.texts["ja"].title
    assert "쓰루가조 체육관" in result.texts["ko"].title
    for text in result.texts.values():
        assert "{" not in text.title + text.body
        assert text.review_status == "unreviewed"


def test_missing_unknown_and_bad_slots_are_named(shelter, home_org):
    with pytest.raises(ValidationError) as missing:
        compose(["shelter.opened"], {"date": "2026-11-21"}, home_org.pk)
    assert set(missing.value.message_dict) == {"time", "facility"}
    with pytest.raises(ValidationError) as extra:
        compose(["shelter.bring_items"], {"colour": "red"}, home_org.pk)
    assert "colour" in extra.value.message_dict
    # A value for a slot the chosen phrases do not have is left out, not refused.
    composed = compose(["shelter.bring_items"], {"facility": "tsuruga-gym"}, home_org.pk)
    assert composed.unused == ("facility",)
    assert composed.slots == {}
    with pytest.raises(ValidationError) as unknown:
        compose(["shelter.teleport"], {}, home_org.pk)
    assert "shelter.teleport" in str(unknown.value)


def test_two_person_approval(draft, editor, owner, actor_for):
    with pytest.raises(PermissionDenied, match="この版を書いた人以外"):
        services.approve_notice(actor_for(editor), draft)
    with pytest.raises(ValidationError, match="先にこの版の承認が必要"):
        services.publish_notice(actor_for(editor), draft)
    services.approve_notice(actor_for(owner), draft)
    notice = services.publish_notice(actor_for(editor), draft)
    assert notice.status == Notice.Status.PUBLISHED
    assert notice.is_public
    assert notice.published_version == notice.current_version


def test_publishing_twice_does_nothing_the_second_time(published, editor, actor_for):
    first = published.published_at
    again = services.publish_notice(actor_for(editor), published)
    again.refresh_from_db()
    assert again.published_at == first
    assert again.versions.count() == 1


def test_without_two_person_approval_an_editor_publishes_alone(draft, editor, actor_for):
    policy = services.policy_for(draft.owner_id)
    policy.two_person_approval = False
    policy.save()
    notice = services.publish_notice(actor_for(editor), draft)
    assert notice.status == Notice.Status.PUBLISHED


def test_an_update_waits_while_the_published_version_stays_up(published, editor, owner, actor_for):
    services.revise_notice(
        actor_for(editor),
        published,
        {
            "phrases": ["shelter.closed"],
            "slots": {"facility": "tsuruga-gym", "date": "2026-11-23", "time": "10:00"},
        },
    )
    published.refresh_from_db()
    assert published.status == Notice.Status.DRAFT
    assert published.published_version.number == 1
    assert published.current_version.number == 2
    assert list(services.public_notices()) == [published]
    services.approve_notice(actor_for(owner), published)
    services.publish_notice(actor_for(editor), published)
    published.refresh_from_db()
    assert published.published_version.number == 2
    assert published.is_updated


def test_cancelled_notices_leave_the_public_list(published, editor, actor_for):
    services.cancel_notice(actor_for(editor), published)
    assert list(services.public_notices()) == []


def refused_fields(actor, organisation, **fields) -> set[str]:
    """The fields a free-text notice with `fields` is refused for."""
    data = {
        "owner_id": organisation.pk,
        "category": "general",
        "severity": "info",
        "prefecture": "070009",
        **fields,
    }
    with pytest.raises(ValidationError) as error:
        services.create_notice(actor, data)
    return set(error.value.message_dict)


def test_a_notice_needs_its_japanese_text(home_org, editor, actor_for):
    texts = {"en": {"title": "Notice", "body": "English only."}}
    assert refused_fields(actor_for(editor), home_org, texts=texts) == {"texts.ja"}


def test_an_unknown_language_is_named(home_org, editor, actor_for):
    texts = {"ja": {"title": "お知らせ"}, "xx": {"title": "?"}}
    assert refused_fields(actor_for(editor), home_org, texts=texts) == {"texts.xx"}


def test_outsiders_and_viewers_cannot_act(draft, outsider, member, owner, actor_for):
    with pytest.raises(PermissionDenied):
        services.approve_notice(actor_for(outsider), draft)
    with pytest.raises(PermissionDenied):
        services.publish_notice(actor_for(member), draft)
    services.approve_notice(actor_for(owner), draft)
    with pytest.raises(PermissionDenied):
        services.publish_notice(actor_for(outsider), draft)


def test_municipalities_must_be_in_the_prefecture(home_org, editor, actor_for):
    fields = refused_fields(
        actor_for(editor),
        home_org,
        municipalities=["062014"],  # 山形市
        texts={"ja": {"title": "お知らせ"}},
    )
    assert fields == {"municipalities"}


def test_area_filter(published, place):
    assert list(services.public_notices(place("072028"))) == [published]
    assert list(services.public_notices(place("070009"))) == [published]
    assert list(services.public_notices(place("072010"))) == []  # 福島市
