from datetime import datetime

from ninja import Field, Schema

from glocal.api.limits import MAX_ITEMS, Code, Moment, RecordId, text
from glocal.notices.models import Category, Notice, NoticeText

# Column lengths: PhraseTemplate.key, NoticeText.language/title; body and slot values are
# bounded so a composed notice stays readable and a request stays small.
PhraseKey = text(80)
LanguageTag = text(16)
SlotName = text(64)
SlotValue = text(300)
Title = text(300)
Body = text(NoticeText.MAX_BODY)
MAX_PHRASES = 50
MAX_MUNICIPALITIES = 500  # more than any prefecture has, wards included


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
    phrases: list[PhraseKey] = Field(
        max_length=MAX_PHRASES, description="Template keys, in the order they are read."
    )
    slots: dict[SlotName, SlotValue] = Field(
        default_factory=dict, max_length=MAX_ITEMS, description="Raw values by slot name."
    )
    organisation: RecordId | None = Field(
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
    title: Title
    body: Body = ""


class NoticeIn(Schema):
    organisation: RecordId
    category: Category
    severity: Notice.Severity
    prefecture: Code = Field(description="Prefecture code, e.g. 070009.")
    municipalities: list[Code] = Field(
        default_factory=list,
        max_length=MAX_MUNICIPALITIES,
        description="Empty: the whole prefecture.",
    )
    valid_from: Moment | None = None
    valid_until: Moment | None = None
    phrases: list[PhraseKey] = Field(default_factory=list, max_length=MAX_PHRASES)
    slots: dict[SlotName, SlotValue] = Field(default_factory=dict, max_length=MAX_ITEMS)
    texts: dict[LanguageTag, TextIn] = Field(
        default_factory=dict,
        max_length=MAX_ITEMS,
        description="Free text by language tag, when not composed.",
    )


class NoticePatch(Schema):
    category: Category | None = None
    severity: Notice.Severity | None = None
    prefecture: Code | None = None
    municipalities: list[Code] | None = Field(None, max_length=MAX_MUNICIPALITIES)
    valid_from: Moment | None = None
    valid_until: Moment | None = None
    phrases: list[PhraseKey] | None = Field(None, max_length=MAX_PHRASES)
    slots: dict[SlotName, SlotValue] | None = Field(None, max_length=MAX_ITEMS)
    texts: dict[LanguageTag, TextIn] | None = Field(None, max_length=MAX_ITEMS)


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
