"""Ranking every Japanese local government for a partner request, with the reasons.

The score is the sum of these factors; each match lists what each one added, so the parts
always add up to the score:

- scale (0–20): a foreign place's population against the kind of Japanese government (a
  prefecture for a state or a city over 1,000,000; a city for 50,000 and more; a town or village
  for less). Japanese populations are not in the reference data, so the kind stands in.
- fields (0–30): 10 for each field the request wants that the government's partner-seeking
  profile lists (at most three).
- preferences (0–20): 20 when the government is in, or is, a prefecture the request prefers.
- seeking (0–15): 10 for having a partner-seeking profile, 5 more if it names the country.
- climate (0–15): 15 for the same latitude, falling by one per degree of difference (the
  southern hemisphere is mirrored).
- ties (−10…+10): existing affiliations with the same country. With `ties="experience"` each
  adds 5 (up to 10); with `ties="diversity"` each takes 5 away (down to −10).
"""

from operator import attrgetter

from django.db.models import Count

from glocal.partners.models import Affiliation, PartnerProfile, PartnerRequest
from glocal.places.models import LocalGovernment

TIES = ("experience", "diversity")


class Match:
    """One local government's score and its parts. The reasons are written when read: a
    ranking scores every government, a page shows a few."""

    __slots__ = ("_parts", "code", "name", "score")

    def __init__(self, code: str, name: str, score: float = 0.0, parts=None):
        self.code, self.name, self.score = code, name, score
        self._parts: list[tuple] = parts if parts is not None else []

    def add(self, factor: str, points: float, reason: str, *args) -> None:
        self._parts.append((factor, points, reason, args))
        self.score += points

    @property
    def factors(self) -> list[dict]:
        return [
            {"factor": factor, "points": points, "reason": reason % args if args else reason}
            for factor, points, reason, args in self._parts
        ]


def _scale_kind(population: int | None) -> set[str] | None:
    if population is None:
        return None
    if population >= 1_000_000:
        return {"prefecture", "city"}
    if population >= 50_000:
        return {"city", "special_ward"}
    return {"town", "village"}


def rank(request: PartnerRequest, ties: str = "experience", limit: int | None = None):
    if ties not in TIES:
        raise ValueError(f"ties must be one of {TIES}")
    wanted_fields = set(request.fields)
    preferred = set(request.preferred_prefectures.values_list("pk", flat=True))
    scale = _scale_kind(request.population)
    country = request.country.code
    profiles = {
        pk: (set(countries), set(fields))
        for pk, countries, fields in PartnerProfile.objects.filter(is_public=True).values_list(
            "local_government_id", "countries", "fields"
        )
    }
    existing = dict(
        # Public affiliations only: a ranking anyone may read must not reveal private ties.
        Affiliation.objects.filter(partner__country=request.country, is_public=True)
        .values_list("local_government_id")
        .annotate(n=Count("pk"))
    )
    latitude = abs(request.latitude) if request.latitude is not None else None
    matches = []
    rows = (
        LocalGovernment.objects.current()
        .order_by("code")
        .values_list("pk", "code", "name", "kind", "prefecture_id", "latitude")
    )
    scale_reason = f"%s suits a population of {request.population or 0:,}"
    experience = 1 if ties == "experience" else -1
    for pk, code, name, kind, prefecture_id, lg_latitude in rows:
        # The hot loop of a ranking: parts are plain tuples, summed as they come.
        parts, score = [], 0
        if scale is not None and kind in scale:
            parts.append(("scale", 20, scale_reason, (kind,)))
            score += 20
        profile = profiles.get(pk)
        if profile is not None:
            countries, fields = profile
            shared = wanted_fields & fields
            if shared:
                points = 10 * min(3, len(shared))
                parts.append(("fields", points, "shares %s", (", ".join(sorted(shared)),)))
                score += points
            if country in countries:
                parts.append(("seeking", 15, "is looking for a partner in %s", (country,)))
                score += 15
            else:
                parts.append(("seeking", 10, "is looking for a partner", ()))
                score += 10
        if preferred and (pk in preferred or prefecture_id in preferred):
            parts.append(("preferences", 20, "in a preferred prefecture", ()))
            score += 20
        if latitude is not None and lg_latitude is not None:
            difference = abs(latitude - lg_latitude)
            if difference < 15:  # points in tenths, so that the parts add up exactly
                points = int((15 - difference) * 10) / 10
                parts.append(("climate", points, "%.1f° of latitude apart", (difference,)))
                score += points
        count = existing.get(pk)
        if count:
            points = min(10, 5 * count) * experience
            parts.append(("ties", points, "%d affiliation(s) with %s already", (count, country)))
            score += points
        matches.append(Match(code, name, score, parts))
    matches.sort(key=attrgetter("score"), reverse=True)  # stable: equal scores stay in code order
    return matches[:limit] if limit else matches
