"""Demo network of 福島県 国際課, all fictional: JET alumni in Canada, the US, the UK, Australia
and New Zealand; international students; the diplomatic corps; 県人会 members in Brazil, Peru
and the US; and the embassies, associations and universities they belong to. Every name is
marked (fictional) or （架空）, every address is on example.org.

Loaded through the importer, as an office would load its name list, so that a second run
merges every row into the contact it made the first time and changes nothing. Then a few
withdrawn consents, one likely duplicate to merge, two fixed groups, a saved search and one
mailing in draft (a sent one needs the platform outbox, which is not wired yet)."""

import random

from glocal.network import importer, mailings, services
from glocal.network.models import Contact, Group, Mailing
from glocal.orgs.actors import Actor
from glocal.orgs.models import Organisation, Role

ORDER = 36  # after the organisations; before the plans (40), whose indicators may count mailings
OWNER = "fukushima-pref"
SOURCE = "デモ名簿（架空）.csv"
HEADER = [
    "氏名",
    "ふりがな",
    "ローマ字",
    "区分",
    "国",
    "言語",
    "メール",
    "電話",
    "所属",
    "役職",
    "同意日",
    "備考",
]
NOTE = "架空の人物（デモ） / fictional (demo)"

ENGLISH_GIVEN = (
    "Emily",
    "James",
    "Olivia",
    "Liam",
    "Charlotte",
    "Noah",
    "Amelia",
    "Jack",
    "Sophie",
    "Ethan",
    "Grace",
    "Lucas",
    "Chloe",
    "Owen",
    "Hannah",
    "Ryan",
    "Zoe",
    "Nathan",
    "Isla",
    "Daniel",
)
ENGLISH_FAMILY = (
    "Carter",
    "Bennett",
    "Hughes",
    "Morgan",
    "Walsh",
    "Fraser",
    "Reid",
    "Campbell",
    "Murphy",
    "Parker",
    "Brooks",
    "Collins",
    "Foster",
    "Hayes",
    "Kelly",
    "Lawson",
    "Mitchell",
    "Porter",
    "Quinn",
    "Sullivan",
)
NIKKEI_FAMILY = (
    "Suzuki",
    "Takahashi",
    "Watanabe",
    "Kobayashi",
    "Yamamoto",
    "Nakamura",
    "Endo",
    "Kanno",
    "Saito",
    "Abe",
    "Higa",
    "Tamashiro",
)
PORTUGUESE_GIVEN = (
    "Ana",
    "João",
    "Mariana",
    "Pedro",
    "Camila",
    "Rafael",
    "Juliana",
    "Thiago",
    "Beatriz",
    "Gabriel",
    "Larissa",
    "Mateus",
)
SPANISH_GIVEN = (
    "Carlos",
    "Lucía",
    "Jorge",
    "Rosa",
    "Luis",
    "Carmen",
    "Miguel",
    "Elena",
    "Diego",
    "Sofía",
)
STUDENTS = {
    # country: (language, [(name, romaji)]) — given and family names mixed, not real people
    "VN": (
        "vi",
        [
            ("Nguyễn Thu Hà", "Nguyen Thu Ha"),
            ("Trần Quang Huy", "Tran Quang Huy"),
            ("Lê Bảo Ngọc", "Le Bao Ngoc"),
            ("Phạm Đức Long", "Pham Duc Long"),
            ("Hoàng Thanh Tâm", "Hoang Thanh Tam"),
            ("Vũ Minh Anh", "Vu Minh Anh"),
        ],
    ),
    "CN": (
        "zh-Hans",
        [
            ("王 芳", "Wang Fang"),
            ("李 伟", "Li Wei"),
            ("张 静", "Zhang Jing"),
            ("刘 洋", "Liu Yang"),
            ("陈 磊", "Chen Lei"),
            ("杨 雪", "Yang Xue"),
        ],
    ),
    "KR": (
        "ko",
        [
            ("김민준", "Kim Minjun"),
            ("이서연", "Lee Seoyeon"),
            ("박지호", "Park Jiho"),
            ("최유나", "Choi Yuna"),
        ],
    ),
    "NP": ("ne", [("Sita Sharma", ""), ("Bikash Thapa", ""), ("Anjali Gurung", "")]),
    "ID": ("id", [("Putri Lestari", ""), ("Agus Setiawan", ""), ("Dewi Rahayu", "")]),
    "TH": ("th", [("สมชาย ใจดี", "Somchai Jaidee"), ("มาลี ศรีสุข", "Malee Srisuk")]),
    "MN": ("mn", [("Бат-Эрдэнэ Болд", "Bat-Erdene Bold"), ("Сарнай Дорж", "Sarnai Dorj")]),
    "MM": ("my", [("အောင်ကျော်", "Aung Kyaw"), ("နီလာ", "Nilar")]),
}
EMBASSIES = {
    # country: (embassy name, language of its people)
    "CA": ("駐日カナダ大使館（架空デモ）", "en"),
    "US": ("駐日米国大使館（架空デモ）", "en"),
    "GB": ("駐日英国大使館（架空デモ）", "en"),
    "AU": ("駐日オーストラリア大使館（架空デモ）", "en"),
    "BR": ("駐日ブラジル大使館（架空デモ）", "pt"),
    "PE": ("駐日ペルー大使館（架空デモ）", "es"),
    "VN": ("駐日ベトナム大使館（架空デモ）", "vi"),
    "TH": ("駐日タイ大使館（架空デモ）", "th"),
    "FR": ("駐日フランス大使館（架空デモ）", "en"),
    "DE": ("駐日ドイツ大使館（架空デモ）", "en"),
    "MX": ("駐日メキシコ大使館（架空デモ）", "es"),
    "ID": ("駐日インドネシア大使館（架空デモ）", "id"),
}
ASSOCIATIONS = {
    # country: (association, language, given names, family names)
    "BR": ("ブラジル福島県人会（架空デモ）", "pt", PORTUGUESE_GIVEN, NIKKEI_FAMILY),
    "PE": ("ペルー福島県人会（架空デモ）", "es", SPANISH_GIVEN, NIKKEI_FAMILY),
    "US": ("北米福島県人会（架空デモ）", "en", ENGLISH_GIVEN, NIKKEI_FAMILY),
}
UNIVERSITIES = ("福島国際大学（架空デモ）", "会津みらい大学（架空デモ）")
JET_COUNTRIES = ("CA", "US", "GB", "AU", "NZ", "IE")
DIPLOMAT_TITLES = ("一等書記官", "二等書記官", "参事官", "公使参事官", "三等書記官")
DIPLOMAT_GIVEN = (
    "Alexandre",
    "Hélène",
    "Matthias",
    "Ingrid",
    "Ricardo",
    "Valeria",
    "Somsak",
    "Linh",
    "Arif",
    "Paulo",
    "Fernanda",
    "Thomas",
    "Margaret",
    "Andrew",
    "Sarah",
    "Benjamin",
)
DIPLOMAT_FAMILY = (
    "Dubois",
    "Schneider",
    "Moreau",
    "Becker",
    "Hernández",
    "Castillo",
    "Wongsakul",
    "Pham",
    "Santoso",
    "Costa",
    "Almeida",
    "Whitfield",
    "Ashworth",
    "Caldwell",
    "Pemberton",
    "Langley",
)


def _consent(rng, share: float = 0.8) -> str:
    if rng.random() > share:
        return ""
    return f"{rng.choice((2021, 2022, 2023, 2024))}-{rng.randint(1, 12):02d}-01"


def _organisations() -> list[list[str]]:
    rows = []
    for code, (name, language) in EMBASSIES.items():
        rows.append(
            [
                name,
                "",
                "",
                "大使館",
                code,
                language,
                f"embassy-{code.lower()}@example.org",
                "",
                "",
                "",
                "2024-04-01",
                NOTE,
            ]
        )
    for code, (name, language, _given, _family) in ASSOCIATIONS.items():
        rows.append(
            [
                name,
                "",
                "",
                "海外県人会",
                code,
                language,
                f"kenjinkai-{code.lower()}@example.org",
                "",
                "",
                "",
                "2023-06-01",
                NOTE,
            ]
        )
    for n, name in enumerate(UNIVERSITIES):
        rows.append(
            [name, "", "", "大学", "JP", "ja", f"university{n}@example.org", "", "", "", "", NOTE]
        )
    return rows


def _jet(rng) -> list[list[str]]:
    rows = []
    for n in range(110):
        given, family = ENGLISH_GIVEN[n % 20], ENGLISH_FAMILY[(n * 7 + n // 20) % 20]
        code = JET_COUNTRIES[n % len(JET_COUNTRIES)]
        kind = "元JET、" + ("CIR" if n % 5 == 0 else "ALT") if n < 95 else "ALT"
        rows.append(
            [
                f"{given} {family} (fictional)",
                "",
                "",
                kind,
                code,
                "en",
                f"{given.lower()}.{family.lower()}.{n}@example.org",
                "",
                "",
                "",
                _consent(rng),
                NOTE,
            ]
        )
    return rows


def _students(rng) -> list[list[str]]:
    rows = []
    for code, (language, names) in STUDENTS.items():
        for n, (name, romaji) in enumerate(names):
            marked = f"{name}（架空）" if not name.isascii() else f"{name} (fictional)"
            university = UNIVERSITIES[n % 2]
            rows.append(
                [
                    marked,
                    "",
                    romaji,
                    "留学生",
                    code,
                    language,
                    f"student-{code.lower()}{n}@example.org",
                    "",
                    university,
                    "留学生",
                    _consent(rng, 0.6),
                    NOTE,
                ]
            )
    return rows


def _diplomats(rng) -> list[list[str]]:
    rows = []
    for n in range(48):
        code = list(EMBASSIES)[n % len(EMBASSIES)]
        embassy, language = EMBASSIES[code]
        given, family = DIPLOMAT_GIVEN[n % 16], DIPLOMAT_FAMILY[(n * 11 + 5) % 16]
        rows.append(
            [
                f"{given} {family} (fictional)",
                "",
                "",
                "外交団",
                code,
                language,
                f"diplomat{n:02d}@example.org",
                "",
                embassy,
                DIPLOMAT_TITLES[n % len(DIPLOMAT_TITLES)],
                _consent(rng, 0.7),
                NOTE,
            ]
        )
    return rows


def _association_members(rng) -> list[list[str]]:
    rows = []
    for code, (association, language, given_names, families) in ASSOCIATIONS.items():
        for n in range(40):
            given = given_names[n % len(given_names)]
            family = families[(n * 5 + n // len(given_names)) % len(families)]
            title = "会長" if n == 0 else "事務局長" if n == 1 else "会員"
            rows.append(
                [
                    f"{given} {family} (fictional)",
                    "",
                    "",
                    "県人会",
                    code,
                    language,
                    f"{code.lower()}-member{n:02d}@example.org",
                    "",
                    association,
                    title,
                    _consent(rng, 0.85),
                    NOTE,
                ]
            )
    return rows


def rows() -> list[list[str]]:
    """The demo name list, the same on every run."""
    rng = random.Random(2024)
    return [
        HEADER,
        *_organisations(),
        *_jet(rng),
        *_students(rng),
        *_diplomats(rng),
        *_association_members(rng),
    ]


def _import(actor, owner, write) -> None:
    checked = importer.check(rows(), owner_id=owner.pk)
    if checked.problems:
        raise RuntimeError("; ".join(str(p) for p in checked.problems[:5]))
    report = services.import_rows(actor, owner.pk, checked, SOURCE)
    write(f"network: {report.created} contacts added, {report.unchanged} already there")


def _withdrawals(actor, owner) -> None:
    """A few people said no more mailings (one in twenty of those who had consented)."""
    consented = [row[6] for row in rows()[1:] if row[10]]
    for email in consented[5::20]:
        contact = Contact.objects.filter(owner=owner, email=email).first()
        if contact is not None and contact.may_be_mailed:
            services.withdraw_consent(actor, contact)


def _duplicate(actor, owner) -> None:
    """The same person typed in again by hand, with a private address: shown on the
    duplicates page, to be merged."""
    name = "EMILY CARTER (fictional)"
    if Contact.objects.filter(owner=owner, name=name).exists():
        return
    services.create_contact(
        actor,
        owner.pk,
        {
            "name": name,
            "country": "CA",
            "language": "en",
            "categories": ["jet"],
            "email": "emily.carter.home@example.org",
            "notes": NOTE,
            "source": "手入力（デモ）",
        },
    )


def _group(actor, owner, name: str, kind: str, criteria=None, emails=()) -> Group:
    found = Group.objects.filter(owner=owner, name=name).first()
    if found is not None:
        return found
    ids = list(
        Contact.objects.current().filter(owner=owner, email__in=emails).values_list("pk", flat=True)
    )
    return mailings.create_group(actor, owner.pk, name, kind, criteria, ids)


def _groups_and_mailing(actor, owner, write) -> None:
    heads = [f"{code.lower()}-member{n:02d}@example.org" for code in ASSOCIATIONS for n in (0, 1)]
    officers = _group(actor, owner, "海外県人会 役員（架空デモ）", Group.Kind.FIXED, emails=heads)
    seminar = [f"diplomat{n:02d}@example.org" for n in range(0, 48, 2)]
    _group(
        actor, owner, "地域の魅力発信セミナー 招待者（架空デモ）", Group.Kind.FIXED, emails=seminar
    )
    _group(
        actor,
        owner,
        "北米・英連邦のJET OB（同意あり）",
        Group.Kind.SAVED,
        {"countries": ["CA", "US", "GB", "AU", "NZ"], "jet_alumni": True, "consenting": True},
    )
    _sent_greeting(actor, owner, officers, write)
    if Mailing.objects.filter(owner=owner, group=officers, status=Mailing.Status.DRAFT).exists():
        return
    # No Spanish version: the officers in Peru get the English one (the composer shows it).
    mailings.create_mailing(
        actor,
        owner.pk,
        officers,
        {
            "ja": (
                "ふくしまの秋祭りのご案内（デモ）",
                "海外県人会の皆さまへ。秋祭りのオンライン中継のご案内です（架空のデモ）。",
            ),
            "pt": (
                "Convite: festival de outono de Fukushima (demo)",
                "Às associações de Fukushima no exterior: transmissão on-line do festival de "
                "outono (demonstração fictícia).",
            ),
            "en": (
                "Invitation: Fukushima autumn festival (demo)",
                "To the Fukushima associations abroad: the autumn festival, streamed online "
                "(a fictional demo).",
            ),
        },
    )
    write("network: three groups and a draft mailing to the associations' officers")


GREETING = {
    "ja": (
        "新年度のごあいさつ（デモ）",
        "海外県人会の皆さまへ。今年度もよろしくお願いします（架空のデモ）。",
    ),
    "en": (
        "Greetings for the new fiscal year (demo)",
        "To the Fukushima associations abroad: our greetings for the new year (a fictional demo).",
    ),
}


def _sent_greeting(actor, owner, officers, write) -> None:
    """One mailing sent, through the outbox like any other, so that the plan's indicator of
    associations in contact (F-13, network.associations_in_contact) counts demo records. Its
    addresses are on example.org; with the default file mail backend the copies land in
    GLOCAL_HOME/mail."""
    subject = GREETING["ja"][0]
    if Mailing.objects.filter(owner=owner, group=officers, messages__subject=subject).exists():
        return
    mailing = mailings.create_mailing(actor, owner.pk, officers, GREETING)
    sent = mailings.send_mailing(actor, mailing)
    write(f"network: a greeting sent to {sent} officers of the associations")


def load(write) -> None:
    owner = Organisation.objects.filter(slug=OWNER).first()
    if owner is None:
        return
    actor = Actor(via="cli", _roles={owner.pk: Role.ADMIN})
    _import(actor, owner, write)
    _withdrawals(actor, owner)
    _duplicate(actor, owner)
    _groups_and_mailing(actor, owner, write)
