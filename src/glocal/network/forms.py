"""Staff forms: they only collect text; every value is checked by glocal.network.services
(through glocal.network.values), whose errors the views put back on the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from glocal import languages
from glocal.network.models import (
    EMAIL_MAX,
    NAME_MAX,
    PHONE_MAX,
    TEXT_MAX,
    Category,
    Contact,
    Group,
    OrganisationType,
)

LANGUAGE_CHOICES = [("", "—"), *languages.choices()]


def _text(label, limit: int, required: bool = False, **attrs) -> forms.CharField:
    return forms.CharField(label=label, max_length=limit, required=required,
                           widget=forms.TextInput(attrs=attrs) if attrs else None)  # fmt: skip


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Contact.Kind.choices)
    name = _text(_("name"), NAME_MAX, required=True)
    kana = _text(_("kana"), NAME_MAX)
    romaji = _text(_("romaji"), NAME_MAX)
    organisation_type = forms.ChoiceField(
        label=_("type of organisation"), required=False,
        choices=[("", "—"), *OrganisationType.choices],
    )  # fmt: skip
    categories = forms.MultipleChoiceField(
        label=_("categories"), required=False, choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    jet_alumnus = forms.BooleanField(label=_("JET alumnus"), required=False)
    country = _text(_("country"), 100, placeholder=_("Canada, カナダ or CA"))
    city = _text(_("city"), NAME_MAX)
    language = forms.ChoiceField(label=_("preferred language"), required=False,
                                 choices=LANGUAGE_CHOICES)  # fmt: skip
    email = _text(_("e-mail"), EMAIL_MAX, type="email")
    phone = _text(_("phone"), PHONE_MAX, type="tel")
    address = forms.CharField(label=_("address"), required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    tags = _text(_("tags"), 500, placeholder=_("words separated by commas"))
    notes = forms.CharField(label=_("notes"), required=False, max_length=TEXT_MAX,
                            widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    @classmethod
    def initial_of(cls, contact: Contact) -> dict:
        data = {name: getattr(contact, name) for name in (
            "kind", "name", "kana", "romaji", "organisation_type", "categories", "city",
            "language", "email", "phone", "address", "notes")}  # fmt: skip
        data["country"] = contact.country.code if contact.country_id else ""
        data["tags"] = ", ".join(contact.tags)
        data["jet_alumnus"] = contact.facts.get(Category.JET, {}).get("alumnus") == "yes"
        return data

    def service_data(self, contact: Contact | None = None) -> dict:
        """What services.create_contact / change_contact take. A blank country clears it."""
        data = dict(self.cleaned_data)
        data["tags"] = [t for t in data["tags"].replace("、", ",").split(",") if t.strip()]
        if data["kind"] == Contact.Kind.PERSON:
            data["organisation_type"] = ""
        facts = dict(contact.facts) if contact else {}
        jet = dict(facts.get(Category.JET, {}))
        if data.pop("jet_alumnus"):
            jet["alumnus"] = "yes"
            if Category.JET not in data["categories"]:
                data["categories"].append(Category.JET)
        else:
            jet.pop("alumnus", None)
        facts[Category.JET] = jet
        data["facts"] = {c: v for c, v in facts.items() if c in data["categories"] and v}
        return data


class ConsentForm(forms.Form):
    given_on = _text(_("consent given on"), 40, required=True, placeholder="2024-04-01 / R6.4.1")
    method = _text(_("how consent was given"), 200, placeholder=_("signed form, e-mail, …"))
    purpose = _text(_("purpose"), 300, placeholder=_("mailings"))


class GroupForm(forms.Form):
    name = _text(_("name"), NAME_MAX, required=True)
    kind = forms.ChoiceField(label=_("kind"), choices=Group.Kind.choices,
                             widget=forms.RadioSelect, initial=Group.Kind.FIXED)  # fmt: skip
    countries = _text(_("countries"), 500, placeholder=_("Canada, ブラジル, US"))
    categories = forms.MultipleChoiceField(
        label=_("categories"), required=False, choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    languages = forms.MultipleChoiceField(
        label=_("preferred language"), required=False, choices=LANGUAGE_CHOICES[1:],
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )  # fmt: skip
    jet_alumni = forms.BooleanField(label=_("JET alumni only"), required=False)
    consenting = forms.BooleanField(label=_("Only those who consented to mailings"),
                                    required=False)  # fmt: skip
    text = _text(_("name or e-mail contains"), 100)

    def criteria(self) -> dict:
        data = self.cleaned_data
        countries = [c.strip() for c in data["countries"].replace("、", ",").split(",")]
        return {"countries": [c for c in countries if c], "categories": data["categories"],
                "languages": data["languages"], "jet_alumni": data["jet_alumni"],
                "consenting": data["consenting"], "text": data["text"].strip()}  # fmt: skip


class ComposerForm(forms.Form):
    """A subject and a body for each language offered; a language left blank is not sent."""

    def __init__(self, *args, offered: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = offered
        for tag in offered:
            name = _language_name(tag)
            self.fields[f"subject_{tag}"] = forms.CharField(
                label=_("Subject (%(language)s)") % {"language": name}, max_length=200,
                required=False,
            )  # fmt: skip
            self.fields[f"body_{tag}"] = forms.CharField(
                label=_("Body (%(language)s)") % {"language": name}, max_length=TEXT_MAX,
                required=False, widget=forms.Textarea(attrs={"rows": 5}),
            )  # fmt: skip

    def clean(self):
        data = super().clean()
        for tag in self.offered:
            subject, body = data.get(f"subject_{tag}", ""), data.get(f"body_{tag}", "")
            if bool(subject.strip()) != bool(body.strip()):
                self.add_error(f"body_{tag}" if subject.strip() else f"subject_{tag}",
                               _("Give both a subject and a body, or neither."))  # fmt: skip
        return data

    def messages(self) -> dict[str, tuple[str, str]]:
        """Language → (subject, body) for the languages written."""
        data = self.cleaned_data
        return {tag: (data[f"subject_{tag}"].strip(), data[f"body_{tag}"].strip())
                for tag in self.offered if data.get(f"subject_{tag}", "").strip()}  # fmt: skip

    def language_fields(self):
        """(language name, subject field, body field) per language offered, for the template."""
        return [(_language_name(tag), self[f"subject_{tag}"], self[f"body_{tag}"])
                for tag in self.offered]  # fmt: skip


def _language_name(tag: str) -> str:
    return languages.get(tag).japanese if tag in languages.TAGS else tag
