import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from glocal import languages
from glocal.notices.models import Category, Facility, Notice, NoticeText, PhraseTemplate
from glocal.places.models import LocalGovernment

SLOT_FIELDS = {
    "date": forms.DateField(
        label=_("Date {date}"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    ),
    "time": forms.TimeField(
        label=_("Time {time}"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    ),
    "end_time": forms.TimeField(
        label=_("End time {end_time}"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    ),
    "phone": forms.CharField(label=_("Telephone {phone}"), required=False, max_length=20),
    "url": forms.URLField(label=_("Web address {url}"), required=False, assume_scheme="https"),
    "number": forms.IntegerField(label=_("Number {number}"), required=False, min_value=0),
}


class NoticeForm(forms.Form):
    """One form for composing from phrases or writing free text; the view decides by `mode`."""

    mode = forms.ChoiceField(
        label=_("How to write it"),
        choices=[("phrases", _("From the phrase library")), ("free", _("Free text"))],
        initial="phrases",
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Notice.Severity.choices)
    municipalities = forms.MultipleChoiceField(
        label=_("Municipalities (none chosen: the whole prefecture)"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    valid_from = forms.DateTimeField(
        label=_("Valid from"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    valid_until = forms.DateTimeField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    phrases = forms.MultipleChoiceField(
        label=_("Phrases"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    place = forms.ChoiceField(label=_("Place {place}"), required=False)
    facility = forms.ChoiceField(label=_("Facility {facility}"), required=False)

    def __init__(self, *args, prefecture: LocalGovernment, owner_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.prefecture = prefecture
        places = LocalGovernment.objects.municipalities().current().filter(prefecture=prefecture)
        area = [(p.code, p.name) for p in places.order_by("code")]
        self.fields["municipalities"].choices = area
        self.fields["place"].choices = [("", "—"), (prefecture.code, prefecture.name), *area]
        facilities = Facility.objects.filter(owner_id=owner_id) | Facility.objects.filter(
            is_public=True
        )
        self.fields["facility"].choices = [("", "—")] + [
            (f.slug, f.name) for f in facilities.distinct().order_by("kana")
        ]
        self.templates = list(PhraseTemplate.objects.prefetch_related("translations"))
        self.fields["phrases"].choices = [(t.key, t.key) for t in self.templates]
        self.fields.update(copy.deepcopy(SLOT_FIELDS))
        for language in languages.CONTENT_LANGUAGES:
            self.fields[f"title_{language.tag}"] = forms.CharField(
                label=_("Title"), required=False, max_length=300
            )
            self.fields[f"body_{language.tag}"] = forms.CharField(
                label=_("Text"),
                required=False,
                max_length=NoticeText.MAX_BODY,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def slot_values(self) -> dict[str, str]:
        values = {}
        for name in ("place", "facility", *SLOT_FIELDS):
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if name in ("time", "end_time"):
                value = value.strftime("%H:%M")
            values[name] = str(value)
        return values

    def texts(self) -> dict[str, dict]:
        found = {}
        for language in languages.CONTENT_LANGUAGES:
            title = self.cleaned_data.get(f"title_{language.tag}", "").strip()
            body = self.cleaned_data.get(f"body_{language.tag}", "").strip()
            if title or body:
                found[language.tag] = {"title": title, "body": body}
        return found

    def service_data(self) -> dict:
        data = {
            "category": self.cleaned_data["category"],
            "severity": self.cleaned_data["severity"],
            "prefecture": self.prefecture.code,
            "municipalities": self.cleaned_data["municipalities"],
            "valid_from": self.cleaned_data["valid_from"],
            "valid_until": self.cleaned_data.get("valid_until"),
        }
        if self.cleaned_data["mode"] == "phrases":
            data["phrases"] = self.ordered_phrases()
            data["slots"] = self.slot_values()
        else:
            data["texts"] = self.texts()
        return data

    def ordered_phrases(self) -> list[str]:
        chosen = set(self.cleaned_data.get("phrases") or ())
        return [t.key for t in self.templates if t.key in chosen]

    def phrase_groups(self):
        """Templates by category, with their Japanese text, for the checkbox list."""
        groups: dict[str, list] = {}
        if self.is_bound:
            chosen = set(self.data.getlist("phrases"))
        else:
            chosen = set(self.initial.get("phrases") or ())
        for template in self.templates:
            ja = next((t.text for t in template.translations.all() if t.language == "ja"), "")
            groups.setdefault(template.get_category_display(), []).append(
                {"template": template, "ja": ja, "checked": template.key in chosen}
            )
        return groups.items()

    def language_fields(self):
        return [
            (language, self[f"title_{language.tag}"], self[f"body_{language.tag}"])
            for language in languages.CONTENT_LANGUAGES
        ]
