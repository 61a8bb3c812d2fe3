import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from glocal.orgs.models import OwnedModel
from glocal.places import codes
from glocal.places.text import fold, name_key, region_stem


class LocalGovernmentQuerySet(models.QuerySet):
    def current(self):
        """Those that exist today (merged or reorganised ones are kept for history)."""
        return self.filter(abolished_on__isnull=True)

    def prefectures(self):
        return self.filter(kind=LocalGovernment.Kind.PREFECTURE)

    def municipalities(self):
        return self.exclude(kind=LocalGovernment.Kind.PREFECTURE)

    def search(self, query: str):
        """Match a name, kana, romanised name (any width or kana script) or a code prefix."""
        needle = fold(query)
        if not needle:
            return self
        if needle.isdigit():
            # A prefix of the code, or a code whose leading zero was lost (11002 for 011002).
            return self.filter(
                models.Q(code__startswith=needle) | models.Q(code=codes.normalise(needle))
            )
        # Whole-name matches first (池田町 before 北池田町), then the rest in code order.
        exact = models.Q(search_text__contains=f" {needle} ")
        return self.filter(search_text__contains=needle).order_by(
            models.Case(models.When(exact, then=0), default=1), "code"
        )


def search_text(*names: str) -> str:
    """Folded names between spaces, so that a whole name can be matched as " name "."""
    return " " + " ".join(fold(name) for name in names if name) + " "


class LocalGovernment(models.Model):
    """A Japanese prefecture or municipality, keyed by its 全国地方公共団体コード."""

    class Kind(models.TextChoices):
        PREFECTURE = "prefecture", _("Prefecture")
        CITY = "city", _("City")
        TOWN = "town", _("Town")
        VILLAGE = "village", _("Village")
        SPECIAL_WARD = "special_ward", _("Special ward of Tokyo")
        WARD = "ward", _("Ward of a designated city")

    code = models.CharField(
        _("local government code"), max_length=6, unique=True, validators=[codes.validate]
    )
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=64)
    kana = models.CharField(_("kana"), max_length=128)
    name_en = models.CharField(_("English name"), max_length=128)
    # Names in other content languages by BCP 47 tag (ko: 후쿠시마시); notices fall back to
    # the romanised name for languages without one.
    names = models.JSONField(_("names in other languages"), default=dict, blank=True)
    prefecture = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Kind.PREFECTURE},
        verbose_name=_("prefecture"),
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="wards",
        help_text=_("The designated city a ward belongs to."),
        verbose_name=_("city"),
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    abolished_on = models.DateField(_("abolished on"), null=True, blank=True)
    search_text = models.TextField(editable=False)

    objects = LocalGovernmentQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("local government")
        verbose_name_plural = _("local governments")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = search_text(self.name, self.kana, self.name_en)
        super().save(*args, **kwargs)

    @property
    def is_prefecture(self) -> bool:
        return self.kind == self.Kind.PREFECTURE


class CountryQuerySet(models.QuerySet):
    def search(self, query: str):
        needle = fold(query)
        if not needle:
            return self
        if len(needle) in (2, 3) and needle.isascii() and needle.isalpha():
            by_code = self.filter(models.Q(code__iexact=needle) | models.Q(alpha3__iexact=needle))
            if by_code.exists():
                return by_code
        # A whole name or alias (中国) wins over names that merely contain it (中国領…).
        exact = self.filter(search_text__contains=f" {needle} ")
        return exact if exact.exists() else self.filter(search_text__contains=needle)


class Country(models.Model):
    """An ISO 3166-1 country or territory, with the names Japanese offices write."""

    code = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    alpha3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO 3166-1 numeric"), max_length=3)
    name_en = models.CharField(_("English name"), max_length=128)
    official_name_en = models.CharField(_("official English name"), max_length=192, blank=True)
    name_ja = models.CharField(_("Japanese name"), max_length=128)
    search_text = models.TextField(editable=False)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return f"{self.name_ja} ({self.name_en})"

    def shown_name(self) -> str:
        """Its Japanese name on a Japanese page, its English name on any other."""
        return shown_name(self.name_ja, "", self.name_en)


class CountryAlias(models.Model):
    """Another name for a country: 米国 and アメリカ for the United States, 韓国 for Korea."""

    country = models.ForeignKey(Country, models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=128)
    language = models.CharField(_("language"), max_length=8)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="unique_country_alias")
        ]
        verbose_name = _("country alias")
        verbose_name_plural = _("country aliases")

    def __str__(self) -> str:
        return self.name


class SubdivisionQuerySet(models.QuerySet):
    def search(self, query: str):
        """Match any name or alias (テキサス州, テキサス, Texas, TX), whole names first."""
        needle, stem = name_key(query), region_stem(query)
        if not needle:
            return self
        exact = models.Q(search_text__contains=f" {needle} ")
        found = models.Q(search_text__contains=needle) | models.Q(search_text__contains=stem)
        return self.filter(found).order_by(
            models.Case(models.When(exact, then=0), default=1), "code"
        )


def _english_forms(name: str) -> list[str]:
    """ISO's English name and the forms people write: "Bristol, City of" → City of Bristol and
    Bristol; "Wales [Cymru GB-CYM]" → Wales and Cymru; "Adygeya, Respublika" → Adygeya."""
    main, _, bracket = name.partition(" [")
    forms = [main]
    if bracket:
        forms.append(re.sub(r"\s*\b[A-Z]{2}-[A-Z0-9]+\]?$", "", bracket).rstrip("]"))
    if ", " in main:
        head, _, tail = main.partition(", ")
        forms += [head, f"{tail} {head}"]
    return forms


def subdivision_names(code: str, name: str, name_ja: str, aliases: list[str]) -> list[str]:
    """Every name a subdivision answers to: its code with and without the country, its English
    and Japanese names and the aliases."""
    return [code, code.partition("-")[2], *_english_forms(name), name_ja, *aliases]


def subdivision_search_text(code: str, name: str, name_ja: str, aliases: list[str]) -> str:
    """Keys of all the names, between spaces, so a whole name can be matched as " key "."""
    keys = (name_key(n) for n in subdivision_names(code, name, name_ja, aliases) if n)
    return " " + " ".join(dict.fromkeys(keys)) + " "


class Subdivision(models.Model):
    """An ISO 3166-2 subdivision: a state, province, prefecture or region of a country."""

    code = models.CharField(_("ISO 3166-2 code"), max_length=8, unique=True)
    country = models.ForeignKey(Country, models.CASCADE, related_name="subdivisions")
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("name"), max_length=128)
    name_ja = models.CharField(_("Japanese name"), max_length=128, blank=True)
    kind = models.CharField(_("type"), max_length=64)
    # Other spellings offices write (ニューヨーク, ブリティッシュ・コロンビア州, Bavaria…);
    # variants of width, ・ and ＝ and the suffix 州/省/道 are folded and need no entry.
    aliases = models.JSONField(_("other names"), default=list, blank=True)
    search_text = models.TextField(editable=False, default="")

    objects = SubdivisionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("subdivision")
        verbose_name_plural = _("subdivisions")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = subdivision_search_text(self.code, self.name, self.name_ja, self.aliases)
        super().save(*args, **kwargs)


class ForeignLocalGovernment(OwnedModel):
    """A city, state, province or county abroad, entered by the organisation that works with it.

    Public by default: that a foreign local government exists is a public fact. Owners may keep a
    record private while they prepare it.
    """

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        TOWN = "town", _("Town or village")
        COUNTY = "county", _("County or district")
        STATE = "state", _("State")
        PROVINCE = "province", _("Province")
        REGION = "region", _("Region")
        OTHER = "other", _("Other")

    country = models.ForeignKey(
        Country, models.PROTECT, related_name="foreign_governments", verbose_name=_("country")
    )
    subdivision = models.ForeignKey(
        Subdivision,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="foreign_governments",
        verbose_name=_("subdivision"),
    )
    # A state or province as an office wrote it when no subdivision answers to the text
    # (an old name, a spelling not yet listed): kept, so that nothing the file said is lost.
    region_as_written = models.CharField(_("region as written"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CITY)
    name_local = models.CharField(_("name in the local script"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    name_ja = models.CharField(_("Japanese name"), max_length=200, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country__code", "name_en"]
        verbose_name = _("foreign local government")
        verbose_name_plural = _("foreign local governments")

    def __str__(self) -> str:
        return self.name_ja or self.name_en

    def shown_name(self) -> str:
        return shown_name(self.name_ja, self.name_local, self.name_en)

    def clean(self) -> None:
        if self.subdivision_id and self.subdivision.country_id != self.country_id:
            raise ValidationError(
                {"subdivision": _("The subdivision is not in the chosen country.")}
            )


# Kanji, kana and the marks between them: a local name a Japanese reader reads as it is.
_READ_AS_IT_IS = re.compile(r"[\s\u3005\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff・]+")


def shown_name(name_ja: str, name_local: str, name_en: str) -> str:
    """A foreign place's name for the reader's language: on a Japanese page its Japanese
    name, else its local name when written in kanji or kana (南昌市, 臺南市), else the English
    one; on any other page the English one."""
    from django.utils import translation

    if (translation.get_language() or "").startswith("ja"):
        if name_ja:
            return name_ja
        if name_local and _READ_AS_IT_IS.fullmatch(name_local):
            return name_local
    return name_en or name_ja or name_local
