from datetime import date

from ninja import Field, Schema


class PlaceRef(Schema):
    code: str
    name: str
    name_en: str


class PrefectureOut(Schema):
    code: str
    name: str
    kana: str
    name_en: str
    latitude: float
    longitude: float


class MunicipalityOut(PrefectureOut):
    kind: str
    prefecture: PlaceRef
    parent: PlaceRef | None = Field(None, description="The designated city of a ward.")
    abolished_on: date | None


class SubdivisionOut(Schema):
    code: str
    name: str
    name_ja: str
    kind: str
    parent_code: str | None = Field(None, alias="parent.code")


class CountryOut(Schema):
    code: str
    alpha3: str
    numeric: str
    name_en: str
    official_name_en: str
    name_ja: str
    aliases: list[str]

    @staticmethod
    def resolve_aliases(country) -> list[str]:
        return [alias.name for alias in country.aliases.all()]


class ForeignLocalGovernmentIn(Schema):
    owner_id: int = Field(description="The organisation that keeps this record.")
    country: str = Field(description="ISO 3166-1 alpha-2 code, as US.")
    subdivision: str | None = Field(None, description="ISO 3166-2 code, as US-IA.")
    kind: str = "city"
    name_local: str
    name_en: str
    name_ja: str = ""
    population: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    is_public: bool = True


class ForeignLocalGovernmentPatch(Schema):
    subdivision: str | None = None
    kind: str | None = None
    name_local: str | None = None
    name_en: str | None = None
    name_ja: str | None = None
    population: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    is_public: bool | None = None


class ForeignLocalGovernmentOut(Schema):
    id: int
    owner_id: int
    country: str = Field(alias="country.code")
    subdivision: str | None = Field(None, alias="subdivision.code")
    kind: str
    name_local: str
    name_en: str
    name_ja: str
    population: int | None
    latitude: float | None
    longitude: float | None
    is_public: bool
