import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from glocal.desk.vocabulary import Channel, Interpretation, Status


class CaseForm(forms.Form):
    """A new case as the desk types it; names are resolved as the API and importer do."""

    received_on = forms.DateField(label=_("Received on"))
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    language = forms.CharField(
        label=_("Language"), max_length=80, help_text=_("vi, ベトナム語, Vietnamese…")
    )
    interpretation = forms.ChoiceField(label=_("Interpretation"), choices=Interpretation.choices)
    topics = forms.MultipleChoiceField(label=_("Topics"))
    nationality = forms.CharField(label=_("Nationality"), max_length=80, required=False)
    municipality = forms.CharField(label=_("Municipality"), max_length=80, required=False)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea, max_length=10_000, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    closed_on = forms.DateField(label=_("Closed on"), required=False)
    name = forms.CharField(label=_("Resident's name (optional)"), max_length=200, required=False)
    email = forms.EmailField(label=_("Resident's e-mail (optional)"), required=False)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = [(t.code, t.name) for t in topics]


class ReplyForm(forms.Form):
    answer = forms.ChoiceField(label=_("Canned answer"), required=False)
    body = forms.CharField(
        label=_("Reply"), widget=forms.Textarea, max_length=10_000, required=False
    )

    def __init__(self, *args, answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = [("", "—")] + [(str(a.pk), a.title) for a in answers]


class CaseEditForm(CaseForm):
    """A case as the desk corrects it: every field it keeps. The resident's details are on
    their own, audited page."""

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        from glocal.desk.setup_forms import CaseEditFields

        del self.fields["name"], self.fields["email"]
        for name, field in CaseEditFields.base_fields.items():
            self.fields[name] = copy.deepcopy(field)
        self.fields["referrals"].choices = [(a.name, a.name) for a in agencies]
