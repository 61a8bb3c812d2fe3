"""The editor panel: type or paste Japanese and see the score, the findings in place and a
furigana preview. With JavaScript, htmx refreshes the result as you type; without, the form
posts and the page comes back with the result."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import get_language

from glocal import easyja
from glocal.easyja.web.forms import CheckForm
from glocal.easyja.web.report import highlighted


def _language() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


def _result(form: CheckForm) -> dict:
    options = easyja.Options(
        max_sentence_chars=form.cleaned_data["max_sentence_chars"],
        max_clauses=form.cleaned_data["max_clauses"],
        kanji_set=form.cleaned_data["kanji_set"],
    )
    result = easyja.analyze(form.cleaned_data["text"], options)
    language = _language()
    return {
        "analysis": result,
        "level_label": result.level_label(language),
        "findings": [
            {"number": n, "finding": f, "message": f.message(language)}
            for n, f in enumerate(result.findings, start=1)
        ],
        "counts": result.counts(),
        "highlighted": highlighted(result, language),
        "ruby": easyja.ruby_html(result.text, tokens=result.tokens, above_grade=form.above_grade),
    }


@login_required
def panel(request):
    context = {"nav": "easyja"}
    status = 200
    if request.method == "POST":
        form = CheckForm(request.POST)
        if not form.is_valid():
            status = 413 if form.has_error("text", "too_long") else 422
        elif form.cleaned_data["text"].strip():
            context.update(_result(form))
    else:
        form = CheckForm()
    context["form"] = form
    template = "easyja/_result.html" if request.htmx else "easyja/panel.html"
    return render(request, template, context, status=status)
