"""From what an API client or a staff form sent (codes and names) to `CaseValues`, with every
problem named by its field. Shared by the API and the staff pages."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from glocal.desk import resolve
from glocal.desk.services import CaseValues


def case_values(resolver: resolve.Resolver, data: dict) -> CaseValues:
    """`data` keys as in the API's CaseIn; raises ValidationError naming each bad field."""
    problems: dict[str, str] = {}

    def attempt(name, convert, default=None):
        try:
            return convert()
        except resolve.Unknown as exc:
            problems[name] = str(exc)
            return default

    received_at = data["received_at"]
    if isinstance(received_at, date) and not isinstance(received_at, datetime):
        received_at = datetime.combine(received_at, datetime.min.time())
    if timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at)
    values = CaseValues(
        received_at=received_at,
        channel=attempt(
            "channel", lambda: resolve.choice(resolve.CHANNELS, data["channel"], "channel")
        ),
        language=attempt("language", lambda: resolver.language(data["language"])),
        topics=attempt("topics", lambda: [resolver.topic(t) for t in data.get("topics") or []], []),
        interpretation=attempt(
            "interpretation",
            lambda: resolve.choice(
                resolve.INTERPRETATIONS, data.get("interpretation") or "none", "interpretation"
            ),
        ),
        nationality=attempt(
            "nationality", lambda: data.get("nationality") and resolver.country(data["nationality"])
        ),
        residence_status=attempt(
            "residence_status",
            lambda: (
                data.get("residence_status")
                and resolve.choice(
                    resolve.RESIDENCE_STATUSES, data["residence_status"], "residence status"
                )
            ),
        )
        or "",
        municipality=attempt(
            "municipality",
            lambda: data.get("municipality") and resolver.municipality(data["municipality"]),
        ),
        age_band=attempt(
            "age_band",
            lambda: resolve.choice(resolve.AGE_BANDS, data.get("age_band") or "", "age band"),
        ),
        gender=attempt(
            "gender", lambda: resolve.choice(resolve.GENDERS, data.get("gender") or "", "gender")
        ),
        summary=data.get("summary") or "",
        actions=data.get("actions") or "",
        referrals=attempt(
            "referrals", lambda: [resolver.agency(r) for r in data.get("referrals") or []], []
        ),
        status=attempt(
            "status",
            lambda: resolve.choice(resolve.STATUSES, data.get("status") or "open", "status"),
        ),
        closed_on=data.get("closed_on"),
        follow_up_on=data.get("follow_up_on"),
        minutes=data.get("minutes"),
        first_reply_at=data.get("first_reply_at"),
    )
    values.nationality = values.nationality or None
    values.municipality = values.municipality or None
    if problems:
        raise ValidationError(problems)
    return values
