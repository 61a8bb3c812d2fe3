"""Contacts at home and abroad: people and organisations, their consent, groups and mailings.

Every contact is private to the organisation that keeps it (OwnedModel, never public) and
sensitive: showing its personal details is written to the audit log.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from glocal.core.fields import CodeSetField
from glocal.orgs.models.tenancy import AuditedModel, OwnedModel

TEXT_MAX = 10_000
LONG_TEXT = {"max_length": TEXT_MAX, "validators": [MaxLengthValidator(TEXT_MAX)]}
NAME_MAX = 200
EMAIL_MAX = 254
PHONE_MAX = 40
TITLE_MAX = 200


class Category(models.TextChoices):
    """What a person is to the organisation; each has its own facts (see FACTS)."""

    JET = "jet", _("JET participant or alumnus")
    STUDENT = "student", _("International student")
    DIPLOMAT = "diplomat", _("Diplomatic corps")
    KENJINKAI = "kenjinkai", _("Prefectural association member")
    SISTER_CITY = "sister_city", _("Sister-city counterpart")
    BUSINESS = "business", _("Business contact")
    VOLUNTEER = "volunteer", _("Volunteer")
    INTERPRETER = "interpreter", _("Interpreter")


# The facts each category keeps, and their longest length.
FACTS = {
    Category.JET: {"role": 10, "years": 40, "placement": 100, "alumnus": 5},
    Category.STUDENT: {"university": 200, "graduation": 20},
    Category.DIPLOMAT: {"mission": 200},
    Category.KENJINKAI: {"association": 200},
    Category.SISTER_CITY: {"city": 200},
    Category.BUSINESS: {"company": 200},
    Category.VOLUNTEER: {"languages": 100},
    Category.INTERPRETER: {"languages": 100},
}


class OrganisationType(models.TextChoices):
    EMBASSY = "embassy", _("Embassy")
    CONSULATE = "consulate", _("Consulate")
    ASSOCIATION = "association", _("Overseas prefectural association")
    UNIVERSITY = "university", _("University")
    COMPANY = "company", _("Company")
    NPO = "npo", _("NPO")
    MEDIA = "media", _("Media")
    GOVERNMENT = "government", _("Foreign local government")
    OTHER = "other", _("Other organisation")


class ConsentBasis(models.TextChoices):
    NONE = "", _("No basis recorded")
    CONSENT = "consent", _("Consent of the person")
    NOTIFIED = "notified", _("Purpose notified (no mailings)")


class ContactQuerySet(models.QuerySet):
    def current(self):
        """Contacts not merged into another one."""
        return self.filter(merged_into__isnull=True)

    def consenting(self):
        """Who may be sent mailings: consent given, not withdrawn, with an address."""
        return (
            self.current()
            .filter(
                consent_basis=ConsentBasis.CONSENT,
                consent_on__isnull=False,
                consent_withdrawn_on__isnull=True,
            )
            .exclude(email="")
        )


class Contact(OwnedModel):
    """A person or an organisation the owning organisation keeps in touch with."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")

    sensitive = True
    audit_exclude = ("name_keys", "email_key")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=NAME_MAX)
    kana = models.CharField(_("kana"), max_length=NAME_MAX, blank=True)
    romaji = models.CharField(_("romaji"), max_length=NAME_MAX, blank=True)
    organisation_type = models.CharField(
        _("type of organisation"), max_length=12, choices=OrganisationType.choices, blank=True
    )
    country = models.ForeignKey(
        "places.Country", models.PROTECT, null=True, blank=True, related_name="+"
    )
    city = models.CharField(_("city"), max_length=NAME_MAX, blank=True)
    foreign_government = models.ForeignKey(
        "places.ForeignLocalGovernment",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("foreign local government"),
    )
    language = models.CharField(_("preferred language"), max_length=12, blank=True)
    email = models.CharField(_("e-mail"), max_length=EMAIL_MAX, blank=True)
    phone = models.CharField(_("phone"), max_length=PHONE_MAX, blank=True)
    address = models.TextField(_("address"), blank=True, max_length=1000)
    categories = CodeSetField(_("categories"), max_length=200)
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    tags = CodeSetField(_("tags"), max_length=500)
    notes = models.TextField(_("notes"), blank=True, **LONG_TEXT)
    source = models.CharField(_("source"), max_length=300, blank=True)
    consent_basis = models.CharField(
        _("basis"), max_length=10, choices=ConsentBasis.choices, blank=True
    )
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_method = models.CharField(_("how consent was given"), max_length=200, blank=True)
    consent_purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    consent_withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    # Folded keys for finding duplicates: "|satotaro|佐藤太郎|" and the e-mail in lower case.
    name_keys = models.CharField(max_length=700, blank=True, editable=False)
    email_key = models.CharField(max_length=EMAIL_MAX, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["owner", "email_key"], name="network_contact_email"),
            models.Index(fields=["owner", "country"], name="network_contact_country"),
        ]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name

    @property
    def is_person(self) -> bool:
        return self.kind == self.Kind.PERSON

    @property
    def may_be_mailed(self) -> bool:
        return bool(
            self.email
            and self.consent_basis == ConsentBasis.CONSENT
            and self.consent_on
            and not self.consent_withdrawn_on
            and self.merged_into_id is None
        )

    @property
    def category_labels(self) -> list[str]:
        return [str(Category(c).label) for c in self.categories if c in Category.values]


class Relationship(AuditedModel):
    """A person's role at an organisation: ambassador at an embassy, president of a 県人会."""

    person = models.ForeignKey(Contact, models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(Contact, models.CASCADE, related_name="people")
    title = models.CharField(_("title"), max_length=TITLE_MAX, blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "title"], name="one_relationship_per_title"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.title} – {self.organisation}"

    def audit_organisation_id(self) -> int | None:
        return self.person.owner_id


class Share(OwnedModel):
    """That the owner gave a copy of a contact to another organisation: when, why and who.
    The receiving organisation owns its copy from then on."""

    contact = models.ForeignKey(Contact, models.SET_NULL, null=True, related_name="shares")
    contact_name = models.CharField(max_length=NAME_MAX)  # kept if the contact is erased
    shared_with = models.ForeignKey("orgs.Organisation", models.PROTECT, related_name="+")
    copy = models.ForeignKey(Contact, models.SET_NULL, null=True, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=300)
    shared_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.contact_name} → {self.shared_with}"


class Group(OwnedModel):
    """A fixed list of contacts, or a saved search evaluated whenever it is used."""

    class Kind(models.TextChoices):
        FIXED = "fixed", _("Fixed list")
        SAVED = "saved", _("Saved search")

    name = models.CharField(_("name"), max_length=NAME_MAX)
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices, default=Kind.FIXED)
    # For a saved search: {"countries": [...], "categories": [...], "languages": [...],
    # "tags": [...], "organisation_types": [...], "consenting": true, "text": "..."}
    criteria = models.JSONField(_("criteria"), default=dict, blank=True)
    members = models.ManyToManyField(Contact, blank=True, related_name="groups")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="one_group_name_per_owner")
        ]

    def __str__(self) -> str:
        return self.name


class Mailing(OwnedModel):
    """A letter to a group, written in several languages."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")

    group = models.ForeignKey(Group, models.PROTECT, related_name="mailings")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        message = self.messages.order_by("pk").first()
        return message.subject if message else f"mailing {self.pk}"


class MailingMessage(models.Model):
    mailing = models.ForeignKey(Mailing, models.CASCADE, related_name="messages")
    language = models.CharField(_("language"), max_length=12)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), **LONG_TEXT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing", "language"], name="one_message_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.subject}"


def new_unsubscribe_token() -> str:
    return secrets.token_urlsafe(24)


class Recipient(models.Model):
    """One contact a mailing was addressed to, in the language chosen for them: the report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    mailing = models.ForeignKey(Mailing, models.CASCADE, related_name="recipients")
    contact = models.ForeignKey(Contact, models.SET_NULL, null=True, related_name="+")
    email = models.CharField(max_length=EMAIL_MAX)
    language = models.CharField(max_length=12)
    token = models.CharField(max_length=40, unique=True, default=new_unsubscribe_token)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["mailing", "contact"], name="one_recipient_per_contact")
        ]

    def __str__(self) -> str:
        return f"{self.mailing_id} → {self.language}"
