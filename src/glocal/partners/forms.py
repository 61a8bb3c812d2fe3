from django import forms
from django.utils.translation import gettext_lazy as _

from glocal import wareki
from glocal.partners.models import Exchange, Field, PartnerRequest
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
        label=_("conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    pr = forms.CharField(
        label=_("introduction"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_countries(self):
        from glocal.places.models import Country

        codes = []
        for value in filter(
            None, (v.strip() for v in self.cleaned_data["countries"].replace("、", ",").split(","))
        ):
            found = list(Country.objects.search(value)[:2])
            if len(found) != 1:
                raise forms.ValidationError(_("Unknown country: %(name)s") % {"name": value})
            codes.append(found[0].code)
        return codes
