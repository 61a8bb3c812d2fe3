from datetime import date

from ninja import Field, Schema

from glocal.api.limits import Code, Count, Latitude, Longitude, RecordId, text

# Column lengths of ForeignLocalGovernment.
Kind = text(16)
LocalName = text(200)


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
    owner_id: RecordId = Field(description="The organisation that keeps this record.")
    country: Code = Field(description="ISO 3166-1 alpha-2 code, as US.")
    subdivision: Code | None = Field(None, description="ISO 3166-2 code, as US-IA.")
    kind: Kind = "city"
    name_local: LocalName
    name_en: LocalName
    name_ja: LocalName = ""
    population: Count | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    is_public: bool = True


class ForeignLocalGovernmentPatch(Schema):
    subdivision: Code | None = None
    kind: Kind | None = None
    name_local: LocalName | None = None
    name_en: LocalName | None = None
    name_ja: LocalName | None = None
    population: Count | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
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
