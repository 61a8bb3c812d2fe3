"""Demo: the Fukushima International Association's desk with clearly synthetic cases over two
fiscal years (summaries say 【見本】), canned answers in four languages and one interpreter."""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from glocal import wareki
from glocal.desk import services, vocabulary
from glocal.desk.models import Case, DeskMember, Interpreter, Topic
from glocal.orgs.actors import Actor, acting_as
from glocal.orgs.models import Organisation
from glocal.places.models import Country, LocalGovernment

ORDER = 35  # after the organisations, before the plans that count the cases
CASES = 320
LANGUAGES = (("vi", "VN", 30), ("zh-Hans", "CN", 18), ("tl", "PH", 14), ("en", "US", 8),
             ("pt", "BR", 8), ("ne", "NP", 7), ("id", "ID", 6), ("ko", "KR", 5),
             ("ja-x-easy", "MM", 4))  # fmt: skip
CHANNELS = ("phone", "phone", "visit", "email", "web", "sns", "outreach", "video")
CITIES = ("072010", "072036", "072044", "072028", "072079")  # 福島, 郡山, いわき, 会津若松, 須賀川
AGENCIES = (
    ("福島出入国在留管理分室", "入管"),
    ("ハローワーク福島", "ハローワーク"),
    ("法テラス福島", "法テラス"),
    ("見本総合病院", "病院"),
)
ANSWERS = {
    "bring-residence-card": ("在留カードを持参してください", {
        "ja": ("ご案内", "窓口に来るときは、在留カードを持ってきてください。"),
        "en": ("Information", "Please bring your residence card when you come to the desk."),
        "vi": ("Hướng dẫn", "Khi đến quầy, vui lòng mang theo thẻ cư trú."),
        "pt": ("Informação", "Traga o seu cartão de residência quando vier ao balcão."),
    }),
    "hospital-interpreting": ("病院の通訳", {
        "ja": ("病院の通訳", "病院で通訳が必要なときは、3日前までに連絡してください。"),
        "en": ("Interpreting at hospitals",
               "If you need an interpreter at a hospital, please contact us three days before."),
        "vi": ("Phiên dịch tại bệnh viện",
               "Nếu cần phiên dịch tại bệnh viện, vui lòng liên hệ trước 3 ngày."),
    }),
}  # fmt: skip


def _staff(organisation):
    user = get_user_model().objects.filter(username="fia.editor").first()
    if user is not None:
        DeskMember.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": DeskMember.Role.ADMIN}
        )
    return user


def _values(rng, n, topics, countries, cities, agencies) -> services.CaseValues:
    language, country, _weight = rng.choices(LANGUAGES, [w for *_x, w in LANGUAGES])[0]
    today = timezone.localdate()
    start = wareki.fiscal_year_dates(wareki.fiscal_year(today) - 1)[0]  # last year and this
    day = start + timedelta(days=rng.randrange((today - start).days))
    received = timezone.make_aware(datetime.combine(day, time(9 + rng.randrange(8))))
    closed = rng.random() < 0.85
    replied = received + timedelta(hours=rng.choice((1, 4, 20, 30, 50, 100, 200)))
    return services.CaseValues(
        received_at=received,
        channel=rng.choice(CHANNELS),
        language=language,
        topics=rng.sample(topics, rng.choice((1, 1, 2))),
        interpretation=rng.choice(("none", "staff", "remote", "machine")),
        nationality=countries.get(country),
        municipality=cities[rng.randrange(len(cities))],
        summary=f"【見本】合成データの相談 {n}",
        referrals=rng.sample(agencies, 1) if rng.random() < 0.2 else [],
        status="closed" if closed else rng.choice(("open", "waiting", "referred")),
        closed_on=min(day + timedelta(days=rng.randrange(1, 20)), today) if closed else None,
        first_reply_at=min(replied, timezone.now()),
    )


def load(write) -> None:
    organisation = Organisation.objects.filter(slug="fia").first()
    if organisation is None:
        return
    with acting_as(Actor(via="cli")):
        actor = Actor(via="cli")
        _staff(organisation)
        agencies = [
            services.add_referral_agency(actor, organisation, name, kind) for name, kind in AGENCIES
        ]
        for key, (title, texts) in ANSWERS.items():
            reviewed = {tag: (s, b, "unreviewed") for tag, (s, b) in texts.items()}
            services.save_canned_answer(actor, organisation, key, title, reviewed)
        if not Interpreter.objects.filter(owner=organisation).exists():
            services.add_interpreter(
                actor, organisation, "見本 通訳者", ["vi", "en"], "火・木 10–16時"
            )
        # The migration adds the default topics; a test database flushed since lacks them.
        for position, (code, name, name_en) in enumerate(vocabulary.DEFAULT_TOPICS, start=1):
            Topic.objects.get_or_create(
                owner=None,
                code=code,
                defaults={"name": name, "name_en": name_en, "position": position},
            )
        topics = list(Topic.objects.filter(owner=None))
        countries = {
            c.code: c for c in Country.objects.filter(code__in=[c for _l, c, _w in LANGUAGES])
        }
        cities = list(LocalGovernment.objects.filter(code__in=CITIES))
        existing = set(Case.objects.filter(owner=organisation).values_list("import_key", flat=True))
        rng = random.Random(2025)
        added = 0
        for n in range(CASES):
            values = _values(rng, n, topics, countries, cities, agencies)
            key = f"demo-{n}"
            if key not in existing:
                services.open_case(actor, organisation, values, import_key=key)
                added += 1
    write(f"consultation desk (synthetic): {added} cases added")
