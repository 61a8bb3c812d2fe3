from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from glocal import wareki
from glocal.partners.models import TEXT_MAX, Exchange, Field, PartnerRequest
from glocal.places.models import Country, LocalGovernment

# As the API takes them (partners.api.ProfileIn): at most 50 countries of 128 characters each.
MAX_COUNTRIES = 50
COUNTRY_NAME_MAX = 128


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
        max_length=MAX_COUNTRIES * (COUNTRY_NAME_MAX + 2),
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
        """Each name resolved as the API resolves it (the service checks them again), within
        the API's bounds; a name given twice counts once, and ISO codes are looked up together
        in one query, so a long list does not cost a query per entry."""
        from glocal.partners import services

        text = self.cleaned_data["countries"].replace("、", ",")
        values = list(dict.fromkeys(v for v in (v.strip() for v in text.split(",")) if v))
        if len(values) > MAX_COUNTRIES:
            raise forms.ValidationError(
                _("At most %(limit)s countries.") % {"limit": MAX_COUNTRIES}
            )
        too_long = next((v for v in values if len(v) > COUNTRY_NAME_MAX), None)
        if too_long is not None:
            raise forms.ValidationError(
                _("Unknown country: %(name)s") % {"name": too_long[:COUNTRY_NAME_MAX] + "…"}
            )
        by_code = {
            code: code
            for code in Country.objects.filter(
                code__in=[v.upper() for v in values if len(v) == 2 and v.isascii()]
            ).values_list("code", flat=True)
        }
        codes = []
        for value in values:
            try:
                code = by_code.get(value.upper()) or services.country_code(value)
            except ValidationError as exc:
                raise forms.ValidationError(exc.message_dict["countries"]) from exc
            if code not in codes:
                codes.append(code)
        return codes
