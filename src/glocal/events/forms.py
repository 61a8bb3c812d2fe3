"""The staff form that creates and edits an event. It only turns what was typed into the data
`services.create_event` / `services.update_event` take; the checks are the service's."""

from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from glocal import languages
from glocal.events.models import Event, Kind, Learner
from glocal.places import services as places

LOCAL = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends
OTHER_LANGUAGES = [language for language in languages.CONTENT_LANGUAGES if language.tag != "ja"]


def _local_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL)


def _capacity() -> forms.IntegerField:
    """An event's or a session's places; empty for no limit."""
    return forms.IntegerField(
        label=_lazy("Capacity"),
        min_value=0,
        max_value=1_000_000,
        required=False,
        help_text=_lazy("Empty: no limit."),
    )


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_lazy("Kind"), choices=Kind.choices)
    title_ja = forms.CharField(label=_lazy("Title (Japanese)"), max_length=300)
    description_ja = forms.CharField(
        label=_lazy("Description (Japanese)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    venue_name = forms.CharField(label=_lazy("Venue"), max_length=200, required=False)
    venue_local_government = forms.CharField(
        label=_lazy("Municipality of a venue in Japan"),
        max_length=6,
        required=False,
        help_text=_lazy("Its six-digit local government code, e.g. 072028."),
    )
    venue_country = forms.CharField(
        label=_lazy("Country of a venue abroad"),
        max_length=3,
        required=False,
        help_text=_lazy("ISO code, e.g. VN or VNM."),
    )
    timezone = forms.CharField(
        label=_lazy("Time zone of the venue"),
        max_length=64,
        initial="Asia/Tokyo",
        help_text=_lazy("e.g. Asia/Tokyo, Asia/Ho_Chi_Minh, Europe/Paris."),
    )
    starts_at = forms.DateTimeField(
        label=_lazy("Starts (venue time)"), input_formats=[LOCAL], widget=_local_input()
    )
    ends_at = forms.DateTimeField(
        label=_lazy("Ends (venue time)"), input_formats=[LOCAL], widget=_local_input()
    )
    capacity = _capacity()
    waiting_list = forms.BooleanField(label=_lazy("Waiting list when full"), required=False)
    is_public = forms.BooleanField(
        label=_lazy("Public (anyone may register); otherwise by invitation only"), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_lazy("Languages of the registration page"),
        choices=languages.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    questions = forms.CharField(
        label=_lazy("Questions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text=_lazy(
            "One per line: key | text, yesno or choice | label in Japanese | choices separated "
            "by commas | required. For example: diet | text | 食事制限"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language in OTHER_LANGUAGES:
            self.fields[f"title_{language.tag}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": language.japanese},
                max_length=300,
                required=False,
            )
            self.fields[f"description_{language.tag}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": language.japanese},
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=5000,
                required=False,
            )

    def main_fields(self):
        other = {f"{kind}_{language.tag}" for kind in ("title", "description")
                 for language in OTHER_LANGUAGES}  # fmt: skip
        return [field for field in self if field.name not in other]

    def other_language_fields(self):
        return [
            (self[f"title_{language.tag}"], self[f"description_{language.tag}"])
            for language in OTHER_LANGUAGES
        ]

    def clean_questions(self):
        parsed = []
        for number, line in enumerate(self.cleaned_data["questions"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) < 3:
                message = _("Line %(n)s: give at least key | type | label.") % {"n": number}
                raise ValidationError(message)
            parts += [""] * (5 - len(parts))
            key, kind, label, choices, required = parts[:5]
            parsed.append(
                {
                    "key": key,
                    "type": kind,
                    "label": {"ja": label},
                    "choices": [c.strip() for c in choices.split(",") if c.strip()],
                    "required": required.lower() in ("required", "必須", "yes"),
                }
            )
        return parsed

    def clean(self):
        data = super().clean()
        if data.get("venue_local_government") and data.get("venue_country"):
            message = _("A venue is either in Japan or abroad, not both.")
            raise ValidationError({"venue_country": message})
        return data

    def event_data(self) -> dict:
        """The service's data: texts per language, places resolved, times naive (the service
        reads them in the event's own time zone)."""
        data = self.cleaned_data
        event = {
            name: data[name]
            for name in ("kind", "venue_name", "timezone", "capacity", "waiting_list", "is_public")
        }
        event["starts_at"] = data["starts_at"].replace(tzinfo=None)
        event["ends_at"] = data["ends_at"].replace(tzinfo=None)
        event["title"] = {"ja": data["title_ja"]} | {
            language.tag: data[f"title_{language.tag}"] for language in OTHER_LANGUAGES
        }
        event["description"] = {"ja": data["description_ja"]} | {
            language.tag: data[f"description_{language.tag}"] for language in OTHER_LANGUAGES
        }
        event["languages"] = data["languages"]
        event["questions"] = data["questions"]
        try:
            code = data["venue_local_government"]
            event["venue_local_government"] = (
                places.local_government_by_code(code) if code else None
            )
            code = data["venue_country"]
            event["venue_country"] = places.country_by_code(code) if code else None
        except Http404 as exc:
            raise ValidationError({"venue_name": str(exc)}) from exc
        return event


def initial_of(event: Event) -> dict:
    """The form's starting values for an existing event, times in its own zone."""
    zone = ZoneInfo(event.timezone)
    initial = {
        "kind": event.kind,
        "venue_name": event.venue_name,
        "venue_local_government": getattr(event.venue_local_government, "code", ""),
        "venue_country": getattr(event.venue_country, "code", ""),
        "timezone": event.timezone,
        "starts_at": timezone.localtime(event.starts_at, zone).replace(tzinfo=None),
        "ends_at": timezone.localtime(event.ends_at, zone).replace(tzinfo=None),
        "capacity": event.capacity,
        "waiting_list": event.waiting_list,
        "is_public": event.is_public,
        "languages": event.languages,
        "questions": "\n".join(
            " | ".join(
                [
                    q["key"],
                    q["type"],
                    q["label"].get("ja", ""),
                    ", ".join(q.get("choices", [])),
                    "required" if q.get("required") else "",
                ]
            ).rstrip(" |")
            for q in event.questions
        ),
    }
    for tag, text in event.title.items():
        initial[f"title_{tag}"] = text
    for tag, text in (event.description or {}).items():
        initial[f"description_{tag}"] = text
    return initial


# --- the timetable and the Japanese-class pages ------------------------------------------------
# These forms only read what was typed; the checks that matter are the services'.


class SessionForm(forms.Form):
    """One part of the timetable (a sectional meeting), in the venue's local time."""

    title_ja = forms.CharField(label=_lazy("Title (Japanese)"), max_length=300)
    title_en = forms.CharField(label=_lazy("Title (English)"), max_length=300, required=False)
    starts_at = forms.DateTimeField(
        label=_lazy("Starts (venue time)"), input_formats=[LOCAL], widget=_local_input()
    )
    ends_at = forms.DateTimeField(
        label=_lazy("Ends (venue time)"), input_formats=[LOCAL], widget=_local_input()
    )
    room = forms.CharField(label=_lazy("Room"), max_length=200, required=False)
    capacity = _capacity()

    def session_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": {"ja": data["title_ja"], "en": data["title_en"]},
            "starts_at": data["starts_at"].replace(tzinfo=None),
            "ends_at": data["ends_at"].replace(tzinfo=None),
            "room": data["room"],
            "capacity": data["capacity"],
        }


class LessonsForm(forms.Form):
    """A term of weekly lessons: the first one's date and time, how many weeks, how long."""

    first_date = forms.DateField(
        label=_lazy("Date of the first lesson"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label=_lazy("Time (venue time)"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    weeks = forms.IntegerField(label=_lazy("Number of weeks"), min_value=1, max_value=104)
    minutes = forms.IntegerField(
        label=_lazy("Length of a lesson (minutes)"), min_value=15, max_value=600, initial=90
    )


class LearnerForm(forms.Form):
    pseudonym = forms.CharField(
        label=_lazy("Name or pseudonym"),
        max_length=100,
        help_text=_lazy("A pseudonym is enough; the class needs no real name."),
    )
    level = forms.ChoiceField(label=_lazy("Level"), choices=Learner.Level.choices)
    country = forms.CharField(
        label=_lazy("Country (optional)"),
        max_length=3,
        required=False,
        help_text=_lazy("ISO code, e.g. VN or VNM."),
    )

    def clean_country(self):
        code = self.cleaned_data["country"].strip()
        if not code:
            return None
        try:
            return places.country_by_code(code)
        except Http404 as exc:
            raise ValidationError(str(exc)) from exc


class TeacherForm(forms.Form):
    name = forms.CharField(label=_lazy("Teacher's name"), max_length=200)
    email = forms.EmailField(label=_lazy("E-mail (optional)"), max_length=254, required=False)
    volunteer = forms.BooleanField(label=_lazy("Volunteer"), required=False, initial=True)
    trained_on = forms.DateField(
        label=_lazy("Teacher training completed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def show_refusal(form, exc: ValidationError, renamed: dict | None = None) -> None:
    """A service's refusal on the form, next to the field it names (`renamed` maps a
    service's field name to the form's: `title` is typed in `title_ja`); else above the form."""
    found = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, messages in found.items():
        name = (renamed or {}).get(field, field)
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
