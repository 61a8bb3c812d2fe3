"""Demo events, all fictional: a Regional Promotion Seminar for the diplomatic corps (75
registrations, most checked in), a Diplomats' Study Tour, a disaster drill in Easy Japanese and
three languages, and a Japanese-class series with weekly attendance. Idempotent: an event whose
title is already there is left as it is. Loaded before the plans, so that the demo plan's
derived indicators count them."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from glocal.events import services, tickets
from glocal.events.models import Event, Kind
from glocal.orgs import actors
from glocal.orgs.actors import Actor
from glocal.orgs.models import Organisation, Role
from glocal.places.models import Country, LocalGovernment

ORDER = 35
DEMO = Actor(via="cli")  # replaced in load() by one with the hosts' roles
TOKYO = ZoneInfo("Asia/Tokyo")
COUNTRIES = ["US", "VN", "BR", "FR", "TH", "IN", "DE", "KR", "AU", "MX", "EG", "FI", "CL", "KE"]


def _past(days: int, hour: int) -> datetime:
    day = timezone.localdate() - timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=TOKYO)


def _event(owner, title_ja: str, data: dict, cohosts=()) -> Event | None:
    if Event.objects.filter(owner=owner, title__ja=title_ja).exists():
        return None
    data = data | {"title": data["title"] | {"ja": title_ja}}
    # Past events: made with a future date so that registration is open, then moved back.
    starts, ends = data["starts_at"], data["ends_at"]
    shift = timedelta(days=400)
    event = services.create_event(
        DEMO,
        owner.pk,
        data | {"starts_at": starts + shift, "ends_at": ends + shift},
        cohost_ids=[c.pk for c in cohosts],
    )
    return event


def _finish(event: Event, starts, ends) -> None:
    Event.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=ends)
    event.refresh_from_db()
    event.save()  # an audited save, so that the plans recompute


def seminar(owner, mofa, write) -> None:
    starts = _past(20, 14)
    event = _event(
        mofa or owner,
        "地域の魅力発信セミナー（福島県）【デモ】",
        {
            "kind": Kind.SEMINAR,
            "title": {"en": "Regional Promotion Seminar: Fukushima (demo)"},
            "description": {"ja": "駐日外交団に福島県の魅力を紹介します（架空のデモ）。"},
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=3),
            "capacity": 80,
            "is_public": False,
            "venue_name": "飯倉公館（デモ）",
            "cohost_names": ["外務省"],
            "languages": ["ja", "en"],
            "questions": [
                {"key": "diet", "label": {"ja": "食事制限", "en": "Dietary needs"}},
                {
                    "key": "interpreter",
                    "label": {"ja": "通訳", "en": "Interpreter"},
                    "type": "yesno",
                },
            ],
        },
        cohosts=[owner] if mofa else [],
    )
    if event is None:
        return
    countries = {c.code: c for c in Country.objects.filter(code__in=COUNTRIES)}
    for n in range(75):
        code = COUNTRIES[n % len(COUNTRIES)]
        invitation = services.invite(
            DEMO, event, f"Diplomat {n + 1:02d}", f"diplomat{n + 1:02d}@example.org", "en"
        )
        registration = services.register(
            event,
            services.Applicant(
                name=f"Diplomat {n + 1:02d} (fictional)",
                email=f"diplomat{n + 1:02d}@example.org",
                language="en",
                organisation_name=f"Embassy of {countries[code].name_en} (demo)",
                organisation_kind="embassy",
                country=countries[code],
                answers={"interpreter": n % 3 == 0},
            ),
            invitation,
        )
        if n < 68:
            at = starts - timedelta(minutes=30 - n % 30)
            services.check_in(DEMO, event, tickets.ticket_code(registration), at, "demo")
    services.record_outcomes(DEMO, event, {"negotiations": 6, "contracts": 1,
                                           "contract_value_yen": 3_200_000})  # fmt: skip
    _finish(event, starts, starts + timedelta(hours=3))
    write(f"event {event.pk}: seminar, 75 registrations, 68 check-ins")


def study_tour(owner, write) -> None:
    starts = _past(10, 9)
    event = _event(
        owner,
        "駐日外交団 福島スタディツアー【デモ】",
        {
            "kind": Kind.STUDY_TOUR,
            "title": {"en": "Diplomats' Study Tour of Fukushima (demo)"},
            "starts_at": starts,
            "ends_at": starts + timedelta(days=1, hours=8),
            "capacity": 30,
            "is_public": False,
            "venue_local_government": LocalGovernment.objects.get(code="072028"),
            "languages": ["ja", "en"],
        },
    )
    if event is None:
        return
    for n in range(24):
        invitation = services.invite(DEMO, event, f"Guest {n}", f"tour{n}@example.org", "en")
        registration = services.register(
            event,
            services.Applicant(f"Tour guest {n + 1} (fictional)", f"tour{n}@example.org", "en"),
            invitation,
        )
        services.check_in(DEMO, event, tickets.ticket_code(registration), starts, "demo")
    _finish(event, starts, starts + timedelta(days=1, hours=8))
    write(f"event {event.pk}: study tour, 24 participants")


def drill(owner, write) -> None:
    starts = _past(5, 10)
    event = _event(
        owner,
        "外国人住民のための防災訓練【デモ】",
        {
            "kind": Kind.DISASTER_DRILL,
            "title": {
                "ja-x-easy": "がいこくじんの ための ぼうさい くんれん",
                "en": "Disaster drill for foreign residents (demo)",
                "vi": "Diễn tập phòng chống thiên tai cho cư dân nước ngoài (demo)",
                "pt": "Simulado de desastres para residentes estrangeiros (demo)",
            },
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "capacity": 60,
            "is_public": True,
            "venue_name": "市民体育館（デモ）",
            "venue_local_government": LocalGovernment.objects.get(code="072028"),
            "languages": ["ja", "ja-x-easy", "en", "vi", "pt"],
        },
    )
    if event is None:
        return
    for n in range(42):
        language = ["ja-x-easy", "en", "vi", "pt"][n % 4]
        registration = services.register(
            event,
            services.Applicant(f"Resident {n + 1} (fictional)", f"r{n}@example.org", language),
        )
        if n < 38:
            services.check_in(DEMO, event, tickets.ticket_code(registration), starts, "demo")
    services.record_outcomes(DEMO, event, {"walk_ins": 12})
    _finish(event, starts, starts + timedelta(hours=2))
    write(f"event {event.pk}: disaster drill, 38 check-ins and 12 walk-ins")


def japanese_class(owner, write) -> None:
    first = _past(70, 19)
    event = _event(
        owner,
        "会津若松 にほんご教室【デモ】",
        {
            "kind": Kind.JAPANESE_CLASS,
            "title": {"en": "Aizuwakamatsu Japanese class (demo)"},
            "starts_at": first,
            "ends_at": first + timedelta(weeks=20),
            "is_public": True,
            "venue_local_government": LocalGovernment.objects.get(code="072028"),
        },
    )
    if event is None:
        return
    services.add_teacher(DEMO, event, "Volunteer teacher A (fictional)")
    services.add_teacher(DEMO, event, "Volunteer teacher B (fictional)")
    levels = ["beginner", "beginner", "elementary", "intermediate", "beginner", "advanced"]
    learners = [services.add_learner(DEMO, event, f"Learner {n + 1}", level)
                for n, level in enumerate(levels)]  # fmt: skip
    lessons = services.add_weekly_sessions(DEMO, event, first + timedelta(days=400), 10, 90)
    for week, lesson in enumerate(lessons):
        lesson.starts_at -= timedelta(days=400)
        lesson.ends_at -= timedelta(days=400)
        lesson.save()
        present = [learner.pk for n, learner in enumerate(learners) if (n + week) % 4]
        services.record_attendance(DEMO, lesson, present)
    _finish(event, first, first + timedelta(weeks=20))
    write(f"event {event.pk}: Japanese class, 10 lessons, {len(learners)} learners")


def load(write) -> None:
    global DEMO
    owner = Organisation.objects.get(slug="fukushima-pref")
    mofa = Organisation.objects.filter(slug="mofa-local").first()
    # The command line acting as an administrator of the two hosts, and of nothing else.
    roles = {org.pk: Role.ADMIN for org in (owner, mofa) if org is not None}
    DEMO = Actor(via="cli", _roles=roles)
    with actors.acting_as(DEMO):
        seminar(owner, mofa, write)
        study_tour(owner, write)
        drill(owner, write)
        japanese_class(owner, write)
