"""POST /api/v1/easyja/check and /ruby: the engine over HTTP, for signed-in staff and tokens."""

from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from glocal import easyja
from glocal.api.auth import RequireActor
from glocal.easyja.web.limits import MAX_CHARACTERS
from glocal.easyja.web.schemas import CheckIn, CheckOut, RubyIn, RubyOut

router = Router(tags=["easyja"])


class TextTooLong(HttpError):
    def __init__(self, length: int):
        super().__init__(
            413,
            _("The text has %(length)s characters; the limit is %(limit)s.")
            % {"length": f"{length:,}", "limit": f"{MAX_CHARACTERS:,}"},
        )


def _checked_text(text: str) -> str:
    if len(text) > MAX_CHARACTERS:
        raise TextTooLong(len(text))
    if not text.strip():
        raise HttpError(422, _("text: the text is empty; there is nothing to analyse."))
    return text


@router.post("/check", response=CheckOut, auth=RequireActor())
def check(request, payload: CheckIn):
    """Readability score and level, sentences, and findings with offsets into `text`."""
    options = easyja.Options(
        max_sentence_chars=payload.max_sentence_chars,
        max_clauses=payload.max_clauses,
        kanji_set=payload.kanji_set,
    )
    result = easyja.analyze(_checked_text(payload.text), options)
    return result.as_dict(payload.language, tokens=payload.tokens)


@router.post("/ruby", response=RubyOut, auth=RequireActor())
def ruby(request, payload: RubyIn):
    """The text as HTML with furigana: <ruby>漢字<rt>かんじ</rt></ruby>."""
    return {"html": easyja.ruby_html(_checked_text(payload.text), above_grade=payload.above_grade)}
