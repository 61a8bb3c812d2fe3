"""Demo notices: the phrase library, a few facilities, and published notices in every language
composed from it, written by one member of 福島県 国際課 and approved by another."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from glocal.notices import library, services
from glocal.notices.models import Facility, Notice
from glocal.orgs.actors import Actor, acting_as
from glocal.orgs.models import Organisation
from glocal.places.models import LocalGovernment

ORDER = 20

FACILITIES = [
    # slug, kind, name, kana (words spaced for romanising), names, municipality
    (
        "tsuruga-gym",
        Facility.Kind.SHELTER,
        "会津若松市 鶴ヶ城体育館",
        "あいづわかまつし つるがじょう たいいくかん",
        {"en": "Tsurugajo Gymnasium, Aizuwakamatsu", "ko": "쓰루가조 체육관"},
        "072028",
    ),
    (
        "aizu-civic-water",
        Facility.Kind.WATER,
        "会津若松市役所 駐車場",
        "あいづわかまつしやくしょ ちゅうしゃじょう",
        {"en": "Aizuwakamatsu City Hall car park", "zh-Hans": "会津若松市政府停车场"},
        "072028",
    ),
    (
        "fia-desk",
        Facility.Kind.CONSULTATION,
        "福島県外国人総合相談センター",
        "ふくしまけん がいこくじん そうごう そうだん センター",
        {"en": "Fukushima Consultation Center for Foreign Residents"},
        "072010",
    ),
]


# Heatstroke alerts are issued from late April to late October; the demo keeps one to the hot
# months. Outside them a heat notice would look wrong, and influenza season fits instead.
HEAT_MONTHS = range(5, 10)


def _seasonal(today):
    if today.month in HEAT_MONTHS:
        return (
            True, "heat", Notice.Severity.ADVISORY, [],
            ["heat.alert", "heat.drink_water"],
            {"date": today.isoformat(), "place": "070009"},
        )  # fmt: skip
    return (
        True, "disease", Notice.Severity.ADVISORY, [],
        ["disease.outbreak", "disease.prevention", "disease.consultation_number"],
        {"place": "070009", "phone": "024-000-5678"},
    )  # fmt: skip


def _notices(today):
    """(publish?, category, severity, municipalities, phrases, slot values) of each demo notice.
    A notice's phrases share its slots, so things that happen at different times (a quake, then
    a shelter opening) are separate notices, each with its own time."""
    day = lambda days: (today + timedelta(days=days)).isoformat()  # noqa: E731
    return [
        (
            True, "earthquake", Notice.Severity.EMERGENCY, ["072028"],
            ["earthquake.intensity_6_lower", "earthquake.aftershocks",
             "earthquake.damaged_buildings"],
            {"date": day(0), "time": "05:40", "place": "072028"},
        ),
        (
            True, "shelter", Notice.Severity.WARNING, ["072028"],
            ["shelter.opened", "shelter.location", "shelter.bring_items"],
            {"date": day(0), "time": "06:30", "place": "072028", "facility": "tsuruga-gym"},
        ),
        (
            True, "supplies", Notice.Severity.WARNING, ["072028"],
            ["supplies.water_distribution", "supplies.bring_containers"],
            {"date": day(1), "time": "10:00", "end_time": "16:00", "facility": "aizu-civic-water"},
        ),
        _seasonal(today),
        (
            True, "consultation", Notice.Severity.INFO, [],
            ["consultation.desk_hours", "consultation.languages", "consultation.phone"],
            {"date": day(3), "time": "09:00", "end_time": "17:00", "number": "15",
             "phone": "024-000-1234"},
        ),
        (
            False, "vaccination", Notice.Severity.INFO, ["072010"],
            ["vaccination.schedule", "vaccination.reservation"],
            {"date": day(10), "time": "13:00", "end_time": "16:00", "facility": "fia-desk",
             "url": "https://www.example.lg.jp/vaccination"},
        ),
    ]  # fmt: skip


@transaction.atomic
def load(write) -> None:
    report = library.load(library.read())
    write(f"phrase library: {report.templates} templates, {report.created} translations added")
    owner = Organisation.objects.get(slug="fukushima-pref")
    for slug, kind, name, kana, names, code in FACILITIES:
        Facility.objects.update_or_create(
            owner=owner,
            slug=slug,
            defaults={
                "kind": kind,
                "name": name,
                "kana": kana,
                "names": names,
                "local_government": LocalGovernment.objects.get(code=code),
                "is_public": True,
            },
        )
    if Notice.objects.filter(owner=owner).exists():
        write("notices: already there")
        return
    users = get_user_model().objects
    editor = Actor(user=users.get(username="fukushima.editor"), via="cli")
    admin = Actor(user=users.get(username="fukushima.admin"), via="cli")
    today = timezone.localdate()
    with acting_as(editor):
        for publish, category, severity, municipalities, phrases, slots in _notices(today):
            notice = services.create_notice(
                editor,
                {
                    "owner_id": owner.pk,
                    "category": category,
                    "severity": severity,
                    "prefecture": "070009",
                    "municipalities": municipalities,
                    "valid_from": timezone.now() - timedelta(hours=2),
                    "phrases": phrases,
                    "slots": slots,
                },
            )
            if publish:  # written by the editor, approved by the administrator
                services.approve_notice(admin, notice)
                services.publish_notice(editor, notice)
    published = sum(1 for publish, *_rest in _notices(today) if publish)
    write(f"notices: {published} published in every language, 1 draft awaiting approval")
