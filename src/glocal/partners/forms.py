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
