from django import forms
from django.utils.translation import gettext_lazy as _

from glocal.easyja.kanji import DEFAULT_SET, SET_NAMES
from glocal.easyja.web.limits import MAX_CHARACTERS

KANJI_SET_LABELS = {
    "jlpt-n5": _("JLPT N5 (about 80 kanji)"),
    "jlpt-n4": _("JLPT N5–N4 (about 250 kanji)"),
    "jlpt-n3": _("JLPT N5–N3 (about 610 kanji)"),
    "grade-1": _("School grade 1 (80 kanji)"),
    "grade-2": _("School grades 1–2 (240 kanji)"),
    "grade-3": _("School grades 1–3 (440 kanji)"),
    "grade-4": _("School grades 1–4 (642 kanji)"),
    "grade-5": _("School grades 1–5 (835 kanji)"),
    "grade-6": _("Elementary school (1,026 kanji)"),
    "joyo": _("Jōyō kanji (2,136)"),
}
FURIGANA_CHOICES = [
    ("all", _("On every kanji word")),
    *[(str(grade), _("On kanji past grade %(grade)s") % {"grade": grade}) for grade in range(1, 7)],
    ("7", _("Only on kanji outside the jōyō list")),
]


class CheckForm(forms.Form):
    text = forms.CharField(
        label=_("Japanese text"),
        widget=forms.Textarea(attrs={"rows": 10, "lang": "ja", "spellcheck": "false"}),
        strip=False,
        required=False,
    )
    kanji_set = forms.ChoiceField(
        label=_("Kanji readers know"),
        choices=[(name, KANJI_SET_LABELS[name]) for name in SET_NAMES],
        initial=DEFAULT_SET,
    )
    max_sentence_chars = forms.IntegerField(
        label=_("Longest sentence (characters)"), min_value=1, max_value=1000, initial=40
    )
    max_clauses = forms.IntegerField(
        label=_("Most clauses in a sentence"), min_value=1, max_value=50, initial=3
    )
    furigana = forms.ChoiceField(label=_("Furigana"), choices=FURIGANA_CHOICES, initial="all")

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text) > MAX_CHARACTERS:
            raise forms.ValidationError(
                _("The text has %(length)s characters; the limit is %(limit)s."),
                code="too_long",
                params={"length": f"{len(text):,}", "limit": f"{MAX_CHARACTERS:,}"},
            )
        return text

    @property
    def above_grade(self) -> int | None:
        choice = self.cleaned_data["furigana"]
        return None if choice == "all" else int(choice)
