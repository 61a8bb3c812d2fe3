from datetime import datetime

from ninja import Field, Schema

from glocal.notices.models import Category, Notice


class SlotOut(Schema):
    name: str
    type: str


class TranslationOut(Schema):
    text: str
    review_status: str


class PhraseOut(Schema):
    key: str
    category: str
    description: str
    slots: list[SlotOut]
    translations: dict[str, TranslationOut] = Field(description="By BCP 47 language tag.")


class ComposeIn(Schema):
    phrases: list[str] = Field(description="Template keys, in the order they are read.")
    slots: dict[str, str] = Field(default_factory=dict, description="Raw values by slot name.")
    organisation: int | None = Field(
        None, description="Also look up this organisation's private facilities."
    )


class TextOut(Schema):
    title: str
    body: str
    review_status: str
    origin: str | None = None


class ComposeOut(Schema):
    phrases: list[str]
    slots: dict[str, str]
    texts: dict[str, TextOut]


class TextIn(Schema):
    title: str
    body: str = ""


class NoticeIn(Schema):
    organisation: int
    category: Category
    severity: Notice.Severity
    prefecture: str = Field(description="Prefecture code, e.g. 070009.")
    municipalities: list[str] = Field(
        default_factory=list, description="Empty: the whole prefecture."
    )
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    phrases: list[str] = Field(default_factory=list)
    slots: dict[str, str] = Field(default_factory=dict)
    texts: dict[str, TextIn] = Field(
        default_factory=dict, description="Free text by language tag, when not composed."
    )


class NoticePatch(Schema):
    category: Category | None = None
    severity: Notice.Severity | None = None
    prefecture: str | None = None
    municipalities: list[str] | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    phrases: list[str] | None = None
    slots: dict[str, str] | None = None
    texts: dict[str, TextIn] | None = None


class AreaOut(Schema):
    code: str
    name: str


class OrganisationRef(Schema):
    id: int
    slug: str
    name: str


class NoticeOut(Schema):
    id: int
    organisation: OrganisationRef
    category: str
    severity: str
    status: str
    prefecture: AreaOut
    municipalities: list[AreaOut]
    valid_from: datetime
    valid_until: datetime | None
    first_published_at: datetime | None
    published_at: datetime | None
    version: int | None = Field(description="The version shown in `texts`.")
    texts: dict[str, TextOut]
