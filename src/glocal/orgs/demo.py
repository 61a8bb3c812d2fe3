"""Demo organisations and users. Organisations are real bodies; people are made up."""

from django.contrib.auth import get_user_model
from django.db import transaction

from glocal.core.demo import DEMO_PASSWORD
from glocal.orgs.models import Membership, Organisation, Role
from glocal.places.models import Country, LocalGovernment

ORDER = 10

ORGANISATIONS = [
    # slug, name, English name, kind, local government code, country
    (
        "fukushima-pref",
        "福島県 生活環境部 国際課",
        "Fukushima Prefecture, International Affairs Division",
        Organisation.Kind.PREFECTURE,
        "070009",
        None,
    ),
    (
        "fia",
        "公益財団法人 福島県国際交流協会",
        "Fukushima International Association",
        Organisation.Kind.INTERNATIONAL_ASSOCIATION,
        "070009",
        None,
    ),
    (
        "aizuwakamatsu",
        "会津若松市 企画政策部",
        "Aizuwakamatsu City, Planning and Policy",
        Organisation.Kind.MUNICIPALITY,
        "072028",
        None,
    ),
    (
        "yamagata-pref",
        "山形県 みらい企画創造部 国際人材活躍・コンベンション誘致推進課",
        "Yamagata Prefecture, International Affairs",
        Organisation.Kind.PREFECTURE,
        "060003",
        None,
    ),
    (
        "mofa-local",
        "外務省 大臣官房 地方連携推進室",
        "MOFA Local Partnership Cooperation Division",
        Organisation.Kind.MOFA_DIVISION,
        None,
        "JP",
    ),
]

USERS = [
    # username, e-mail, [(organisation slug, role)], superuser
    ("admin", "admin@example.jp", [], True),
    ("fukushima.admin", "fukushima.admin@example.jp", [("fukushima-pref", Role.ADMIN)], False),
    (
        "fukushima.editor",
        "fukushima.editor@example.jp",
        [("fukushima-pref", Role.EDITOR), ("fia", Role.VIEWER)],
        False,
    ),
    ("fia.editor", "fia.editor@example.jp", [("fia", Role.EDITOR)], False),
    ("aizu.editor", "aizu.editor@example.jp", [("aizuwakamatsu", Role.EDITOR)], False),
    ("yamagata.admin", "yamagata.admin@example.jp", [("yamagata-pref", Role.ADMIN)], False),
    ("mofa.viewer", "mofa.viewer@example.jp", [("mofa-local", Role.VIEWER)], False),
]


@transaction.atomic
def load(write) -> None:
    for slug, name, name_en, kind, code, country in ORGANISATIONS:
        Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "kind": kind,
                "local_government": LocalGovernment.objects.filter(code=code).first()
                if code
                else None,
                "country": Country.objects.filter(code=country).first() if country else None,
            },
        )
    User = get_user_model()
    for username, email, memberships, superuser in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": email, "is_superuser": superuser, "is_staff": superuser},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        for slug, role in memberships:
            Membership.objects.update_or_create(
                user=user, organisation=Organisation.objects.get(slug=slug), defaults={"role": role}
            )
    write(f"organisations: {len(ORGANISATIONS)}, users: {len(USERS)}")
