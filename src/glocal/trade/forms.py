"""Staff forms: a new measure, a change or correction of one, an exporter, a promotion project.
They read what offices write with the same rules as the API and the importer (`rules`), and
name every problem at once; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from glocal import wareki
from glocal.trade import rules
from glocal.trade.models import Exporter, MeasureKind, ProjectKind

DATE_HELP = _("2023-08-03, R5.8.3 or 令和5年8月3日")


class EraDateField(forms.CharField):
    """A date in any form offices write; a date outside its era (平成31年5月1日) is refused."""

    LIMIT = 40  # checked here: CharField's own length check would run on the parsed date

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(**kwargs)
        self.widget.attrs["maxlength"] = str(self.LIMIT)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        if len(value) > self.LIMIT:
            raise forms.ValidationError(_("This is not a date."))
        try:
            return wareki.parse_date(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


def _text(label, max_length, required=False, rows=None, **kwargs):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(
        label=label, max_length=max_length, required=required, widget=widget, **kwargs
    )


class VersionForm(forms.Form):
    """What a measure covers from a date on: one version."""

    prefectures = _text(
        _("prefectures covered"), 600, required=True,
        help_text=_("全都道府県 for all, names (福島県、宮城県) or 除く 福島県 for all but those"),
    )  # fmt: skip
    products = _text(
        _("products"), 600, required=True,
        help_text=_("HS codes (0301, 0709.59) or product groups (水産物, きのこ)"),
    )  # fmt: skip
    effective_from = EraDateField(label=_("effective from"))
    effective_to = EraDateField(
        label=_("lifted on"), required=False,
        help_text=_("Only when the measure is lifted: the first day it no longer applies."),
    )  # fmt: skip
    reference = _text(_("reference"), 400)
    reference_url = forms.URLField(
        label=_("reference address"), max_length=500, required=False, assume_scheme="https"
    )
    notes = _text(_("notes"), 4000, rows=3)
    illustrative = forms.BooleanField(
        label=_("illustrative"), required=False,
        help_text=_("Not checked against an official source: shown as illustrative."),
    )  # fmt: skip

    def measure_data(self, places: rules.Places, **identity) -> rules.MeasureData | None:
        """The checked content, or None with every problem added to the form."""
        if any(name in self.errors for name in VersionForm.base_fields):
            return None
        data = self.cleaned_data
        steps = {
            "coverage": lambda: places.coverage(data["prefectures"]),
            "products": lambda: rules.products(data["products"]),
            "period": lambda: rules.period(data["effective_from"], data["effective_to"]),
        }
        parts = {}
        for name, step in steps.items():
            try:
                parts[name] = step()
            except rules.Invalid as exc:
                self.add_error(exc.field if exc.field in self.fields else None, exc.reason)
        if self.errors:
            return None
        (scope, prefectures), (codes, terms) = parts["coverage"], parts["products"]
        start, end = parts["period"]
        return rules.MeasureData(
            scope=scope, prefectures=prefectures, products=codes, product_terms=terms,
            effective_from=start, effective_to=end, reference=data["reference"],
            reference_url=data["reference_url"], notes=data["notes"],
            illustrative=data["illustrative"], **identity,
        )  # fmt: skip


class MeasureForm(VersionForm):
    """A measure not recorded before: who imposes it and what it is, then its first version."""

    country = _text(
        _("country or region"), 64, required=True, help_text=_("Name or ISO code: 香港, HK, EU")
    )
    kind = forms.ChoiceField(label=_("measure"), choices=MeasureKind.choices)
    title = _text(_("title"), 200)

    field_order = ["country", "kind", "title"]

    def measure_data(self, places: rules.Places, **identity) -> rules.MeasureData | None:
        country = None
        if "country" not in self.errors:
            try:
                country = places.country(self.cleaned_data["country"])
            except rules.Invalid as exc:
                self.add_error("country", exc.reason)
        data = super().measure_data(
            places, country=country, kind=self.cleaned_data.get("kind", ""),
            title=self.cleaned_data.get("title", ""),
        )  # fmt: skip
        return data if country is not None else None


def version_initial(version) -> dict:
    """A version's content as the form shows it, to correct it."""
    return {
        "prefectures": _coverage_text(version),
        "products": "、".join(version.product_terms),
        "effective_from": version.effective_from.isoformat(),
        "effective_to": version.effective_to.isoformat() if version.effective_to else "",
        "reference": version.reference,
        "reference_url": version.reference_url,
        "notes": version.notes,
        "illustrative": version.illustrative,
    }


def _coverage_text(version) -> str:
    from glocal.places.models import LocalGovernment
    from glocal.trade.models import Scope

    if version.scope == Scope.ALL:
        return "全都道府県"
    names = dict(LocalGovernment.objects.filter(code__in=version.prefectures).values_list(
        "code", "name"))  # fmt: skip
    listed = "、".join(names.get(code, code) for code in version.prefectures)
    return f"除く {listed}" if version.scope == Scope.EXCEPT else listed


class ExporterForm(forms.Form):
    company = _text(_("company"), 200, required=True)
    products = _text(_("products"), 400)
    markets = _text(
        _("target markets"), 600, help_text=_("Names or ISO codes, separated by commas: 台湾, US")
    )
    contact_name = _text(_("contact person"), 120)
    contact_email = forms.EmailField(label=_("contact e-mail"), required=False)
    contact_phone = _text(_("contact telephone"), 40)
    notes = _text(_("notes"), 4000, rows=3)

    def clean_markets(self):
        places = rules.Places()
        try:
            return sorted({places.country(name).code for name in rules.split(
                self.cleaned_data["markets"])})  # fmt: skip
        except rules.Invalid as exc:
            raise forms.ValidationError(exc.reason) from None


def exporter_initial(exporter: Exporter) -> dict:
    values = {name: getattr(exporter, name) for name in ExporterForm.base_fields}
    values["markets"] = ", ".join(exporter.markets)
    return values


class ProjectForm(forms.Form):
    title = _text(_("title"), 200, required=True)
    kind = forms.ChoiceField(label=_("kind"), choices=ProjectKind.choices)
    country = _text(_("market"), 64, required=True, help_text=_("Name or ISO code: 台湾, TW"))
    partners = _text(_("partners"), 400)
    exporters = forms.ModelMultipleChoiceField(
        label=_("exporters"), queryset=Exporter.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    starts_on = EraDateField(label=_("starts on"))
    ends_on = EraDateField(label=_("ends on"), required=False)
    budget_yen = forms.IntegerField(label=_("budget (yen)"), min_value=0, max_value=10**13,
                                    required=False)  # fmt: skip
    negotiations = forms.IntegerField(label=_("business negotiations"), min_value=0,
                                      max_value=1_000_000, initial=0)  # fmt: skip
    contracts = forms.IntegerField(label=_("contracts"), min_value=0, max_value=1_000_000,
                                   initial=0)  # fmt: skip
    estimated_sales_yen = forms.IntegerField(
        label=_("estimated sales (yen)"), min_value=0, max_value=10**13, required=False
    )
    media_reach = forms.IntegerField(label=_("media reach"), min_value=0, max_value=10**11,
                                     required=False)  # fmt: skip
    outcomes = _text(_("outcomes and problems"), 4000, rows=4)
    event_url = forms.URLField(
        label=_("event page"), max_length=500, required=False, assume_scheme="https"
    )

    def __init__(self, *args, exporters=None, **kwargs):
        super().__init__(*args, **kwargs)
        if exporters is not None:
            self.fields["exporters"].queryset = exporters

    def clean_country(self):
        try:
            return rules.Places().country(self.cleaned_data["country"])
        except rules.Invalid as exc:
            raise forms.ValidationError(exc.reason) from None

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("the project ends before it starts"))
        return data

    def values(self) -> dict:
        values = dict(self.cleaned_data)
        values["exporters"] = [e.pk for e in values["exporters"]]
        return values


def project_initial(project) -> dict:
    values = {name: getattr(project, name) for name in ProjectForm.base_fields}
    values["country"] = project.country.code
    values["exporters"] = list(project.exporters.all())
    values["starts_on"] = project.starts_on.isoformat()
    values["ends_on"] = project.ends_on.isoformat() if project.ends_on else ""
    return values
