from datetime import timedelta

import pytest
from django.utils import timezone

from glocal.notices import services
from glocal.notices.models import Facility, Notice


@pytest.fixture
def shelter(home_org, place):
    return Facility.objects.create(
        owner=home_org,
        slug="tsuruga-gym",
        kind=Facility.Kind.SHELTER,
        name="鶴ヶ城体育館",
        kana="つるがじょう たいいくかん",
        names={"en": "Tsurugajo Gymnasium", "ko": "쓰루가조 체육관"},
        local_government=place("072028"),
        is_public=True,
    )


@pytest.fixture
def draft(home_org, editor, actor_for, shelter):
    """A notice composed from phrases by the home organisation's editor."""
    return services.create_notice(
        actor_for(editor),
        {
            "owner_id": home_org.pk,
            "category": "shelter",
            "severity": Notice.Severity.WARNING,
            "prefecture": "070009",
            "municipalities": ["072028"],
            "valid_from": timezone.now() - timedelta(hours=1),
            "phrases": ["shelter.opened", "shelter.bring_items"],
            "slots": {"date": "2026-11-21", "time": "15:30", "facility": "tsuruga-gym"},
        },
    )


@pytest.fixture
def published(draft, editor, owner, actor_for):
    services.approve_notice(actor_for(owner), draft)
    return services.publish_notice(actor_for(editor), draft)


@pytest.fixture
def draft_two(home_org, editor, actor_for):
    """A second draft, never published."""
    return services.create_notice(
        actor_for(editor),
        {
            "owner_id": home_org.pk,
            "category": "garbage",
            "severity": Notice.Severity.INFO,
            "prefecture": "070009",
            "phrases": ["garbage.collection_suspended"],
            "slots": {"date": "2026-12-31"},
        },
    )


CLOSED = {
    "phrases": ["shelter.closed"],
    "slots": {"facility": "tsuruga-gym", "date": "2026-11-23", "time": "10:00"},
}


@pytest.fixture
def publish_update(editor, owner, actor_for):
    """Publish a second version of a published notice (the shelter closed), the two-person way."""

    def update(notice):
        services.revise_notice(actor_for(editor), notice, CLOSED)
        services.approve_notice(actor_for(owner), notice)
        services.publish_notice(actor_for(editor), notice)
        notice.refresh_from_db()
        return notice

    return update
