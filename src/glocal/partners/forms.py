from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from glocal import wareki
from glocal.partners.models import TEXT_MAX, Exchange, Field, PartnerRequest
from glocal.places.models import LocalGovernment


class EraDateField(forms.CharField):
    """A date in any form offices write: 2026-11-21, R8.11.21, 令和8年11月21日 …"""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return wareki.parse_date(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class ExchangeForm(forms.ModelForm):
    started_on = EraDateField(label=_("from"))
    ended_on = EraDateField(label=_("until"), required=False)

    class Meta:
        model = Exchange
        fields = [
            "started_on",
            "ended_on",
            "direction",
            "kind",
            "field",
            "participants",
            "outcomes",
        ]
        widgets = {"outcomes": forms.Textarea(attrs={"rows": 3})}


class RequestForm(forms.ModelForm):
    wanted = forms.MultipleChoiceField(
        label=_("fields wanted"), choices=Field.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    preferred_prefectures = forms.ModelMultipleChoiceField(
        label=_("preferred prefectures"),
        queryset=LocalGovernment.objects.prefectures().order_by("code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = PartnerRequest
        fields = ["name", "country", "population", "latitude", "profile", "preferred_prefectures"]
        widgets = {"profile": forms.Textarea(attrs={"rows": 3})}


class ProfileForm(forms.Form):
    countries = forms.CharField(
        label=_("countries wanted"),
        required=False,
        help_text=_("Names or ISO codes, separated by commas: 米国, Canada, AU"),
    )
    fields = forms.MultipleChoiceField(
        label=_("fields"), choices=Field.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    conditions = forms.CharField(
        label=_("conditions"), required=False, max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    pr = forms.CharField(
        label=_("introduction"), required=False, max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def clean_countries(self):
        """Each name resolved as the API resolves it (the service checks them again)."""
        from glocal.partners import services

        codes = []
        text = self.cleaned_data["countries"].replace("、", ",")
        for value in filter(None, (v.strip() for v in text.split(","))):
            try:
                codes.append(services.country_code(value))
            except ValidationError as exc:
                raise forms.ValidationError(exc.message_dict["countries"]) from exc
        return codes
