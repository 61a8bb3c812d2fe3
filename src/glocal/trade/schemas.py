"""API schemas of the trade app: every string and number bounded."""

from datetime import date

from ninja import Field, Schema

Text = str


class RestrictionQuery(Schema):
    country: str | None = Field(None, max_length=64, description="ISO code: HK, CN, TW …")
    prefecture: str | None = Field(None, max_length=8, description="Local government code.")
    product: str | None = Field(
        None, max_length=40, description="HS code at any level (03, 0301, 0709.54) or a group."
    )
    on: date | None = Field(None, description="YYYY-MM-DD; today when empty.")


class CoverageOut(Schema):
    scope: str = Field(description="all, listed or except")
    codes: list[str]


class RestrictionOut(Schema):
    id: int
    version: int
    country: str
    country_name: str
    prefectures: CoverageOut
    products: list[str]
    product_terms: list[str]
    measure: str
    title: str
    effective_from: date
    effective_to: date | None = Field(description="The next change or the lifting, if any.")
    reference: str
    reference_url: str
    illustrative: bool


class VersionOut(RestrictionOut):
    change: str
    lifted_on: date | None
    recorded_at: str
    recorded_by: str
    notes: str


class CountOut(Schema):
    date: date
    countries: int


class CountQuery(Schema):
    start: date | None = Field(None, alias="from")
    end: date | None = Field(None, alias="to")
    prefecture: str | None = Field(None, max_length=8)


class VersionIn(Schema):
    prefectures: list[str] | str = Field(
        description="全都道府県/all, names or codes, or 除く … for all but those.",
        max_length=60,
    )
    products: list[str] | str = Field(description="HS codes or product groups.", max_length=60)
    effective_from: str = Field(max_length=40, description="2023-08-24, R5.8.24 …")
    effective_to: str | None = Field(None, max_length=40)
    reference: str = Field("", max_length=400)
    reference_url: str = Field("", max_length=500)
    notes: str = Field("", max_length=4000)
    illustrative: bool = False


class MeasureIn(VersionIn):
    organisation: int = Field(ge=1, le=2**31 - 1)
    country: str = Field(max_length=64)
    measure: str = Field(max_length=64, description="suspension, inspection_certificate …")
    title: str = Field("", max_length=200)


class ExporterIn(Schema):
    organisation: int = Field(ge=1, le=2**31 - 1)
    company: str = Field(min_length=1, max_length=200)
    products: str = Field("", max_length=400)
    markets: list[str] = Field(default_factory=list, max_length=60)
    contact_name: str = Field("", max_length=120)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=40)
    notes: str = Field("", max_length=4000)


class ExporterOut(Schema):
    id: int
    company: str
    products: str
    markets: list[str]
    contact_name: str
    contact_email: str
    contact_phone: str
    notes: str


class ProjectIn(Schema):
    organisation: int = Field(ge=1, le=2**31 - 1)
    title: str = Field(min_length=1, max_length=200)
    kind: str = Field(max_length=20)
    country: str = Field(max_length=64)
    partners: str = Field("", max_length=400)
    exporters: list[int] = Field(default_factory=list, max_length=200)
    starts_on: str = Field(max_length=40)
    ends_on: str | None = Field(None, max_length=40)
    budget_yen: int | None = Field(None, ge=0, le=10**13)
    negotiations: int = Field(0, ge=0, le=1_000_000)
    contracts: int = Field(0, ge=0, le=1_000_000)
    estimated_sales_yen: int | None = Field(None, ge=0, le=10**13)
    media_reach: int | None = Field(None, ge=0, le=10**11)
    outcomes: str = Field("", max_length=4000)
    event_url: str = Field("", max_length=500)


class ProjectOut(Schema):
    id: int
    title: str
    kind: str
    country: str
    partners: str
    exporters: list[int]
    starts_on: date
    ends_on: date | None
    budget_yen: int | None
    negotiations: int
    contracts: int
    estimated_sales_yen: int | None
    media_reach: int | None
    outcomes: str
    event_url: str
