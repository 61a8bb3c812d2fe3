"""Forms of the desk's setup pages: roster, support access, topics, agencies, canned answers,
interpreters and appointments. Every bound is here too, so bad input is a 400 with a message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from glocal.desk.models import DeskMember, ReviewStatus
from glocal.desk.services import MAX_MINUTES, MAX_SUPPORT_HOURS
from glocal.desk.vocabulary import AgeBand, Gender, ResidenceStatus

REMOVE = "remove"


class RosterForm(forms.Form):
    user = forms.ChoiceField(label=_("Member of the organisation"))
    role = forms.ChoiceField(
        label=_("Desk role"),
        choices=[*DeskMember.Role.choices, (REMOVE, _("Not at the desk"))],
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [(str(u.pk), u.get_username()) for u in members]


class SupportGrantForm(forms.Form):
    username = forms.CharField(label=_("Platform staff user name"), max_length=150)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea)
    hours = forms.IntegerField(
        label=_("Hours"), min_value=1, max_value=MAX_SUPPORT_HOURS, initial=4
    )


class TopicForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Japanese name"), max_length=80)
    name_en = forms.CharField(label=_("English name"), max_length=80)


class AgencyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.CharField(label=_("Kind"), max_length=80, required=False,
                           help_text=_("入管, ハローワーク, 法テラス, hospital…"))  # fmt: skip
    contact = forms.CharField(label=_("Contact"), max_length=300, required=False)


class AnswerForm(forms.Form):
    """One language of a canned answer; saving another language adds it to the same key."""

    key = forms.SlugField(label=_("Key"), max_length=80)
    title = forms.CharField(label=_("Title"), max_length=200)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.CharField(label=_("Language"), max_length=80,
                               help_text=_("vi, ベトナム語, Vietnamese…"))  # fmt: skip
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text"), max_length=10_000, widget=forms.Textarea)
    status = forms.ChoiceField(
        label=_("Review"), choices=ReviewStatus.choices, initial=ReviewStatus.UNREVIEWED
    )

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "—")] + [(t.code, t.name) for t in topics]


class InterpreterForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    languages = forms.CharField(
        label=_("Languages"),
        max_length=300,
        help_text=_("Separated by commas: vi, ネパール語, Thai"),
    )
    availability = forms.CharField(label=_("Availability"), max_length=300, required=False)


class AppointmentForm(forms.Form):
    case = forms.IntegerField(label=_("Case number"), min_value=1, max_value=2**31 - 1)
    interpreter = forms.ChoiceField(label=_("Interpreter"))
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def __init__(self, *args, interpreters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interpreter"].choices = [(str(i.pk), i.name) for i in interpreters]


class CaseEditFields(forms.Form):
    """What the new-case form lacks and an edit must keep: mixed into CaseEditForm."""

    residence_status = forms.ChoiceField(
        label=_("Residence status"), choices=[("", "—"), *ResidenceStatus.choices], required=False
    )
    age_band = forms.ChoiceField(label=_("Age"), choices=AgeBand.choices, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, required=False)
    actions = forms.CharField(
        label=_("Actions taken"), widget=forms.Textarea, max_length=10_000, required=False
    )
    referrals = forms.MultipleChoiceField(label=_("Referred to"), required=False)
    follow_up_on = forms.DateField(label=_("Follow up on"), required=False)
    minutes = forms.IntegerField(
        label=_("Minutes spent"), min_value=0, max_value=MAX_MINUTES, required=False
    )
