"""Focus markets: every country scored for a prefecture on the factors the apps register
(`glocal.core.registry.market_factor`), each with its points and reason.

Each factor says, for the countries it knows something about, (points, reason). An
organisation may weigh each factor (0–10, 1 by default, `FactorWeight`): a factor's points are
multiplied by its weight and rounded to one decimal, and the score is the sum of those rounded
points, so the parts shown always add up to the score. Countries no factor says anything about
are left out.
"""

from django.utils.translation import gettext as _

from glocal.core import registry
from glocal.markets.models import FactorWeight
from glocal.places import codes
from glocal.places.models import Country, LocalGovernment


def prefecture_of(code: str) -> LocalGovernment | None:
    """A prefecture by its code: 06, 06000 or 060003."""
    code = code.strip()
    if len(code) in (1, 2) and code.isdigit():
        code = f"{int(code):02d}000"
    if len(code) == 5 and code.isdigit():
        code += codes.check_digit(code)
    return LocalGovernment.objects.prefectures().filter(code=code).first()


def weights_of(organisation_id: int | None) -> dict[str, float]:
    if organisation_id is None:
        return {}
    return dict(
        FactorWeight.objects.filter(owner_id=organisation_id).values_list("factor", "weight")
    )


def rank(prefecture: LocalGovernment, weights: dict[str, float] | None = None) -> list[dict]:
    """[{country, country_name, score, factors: [{name, label, points, reason}]}], best first."""
    weights = weights or {}
    names = dict(Country.objects.values_list("code", "name_ja"))
    scored: dict[str, list[dict]] = {}
    for factor in registry.MARKET_FACTORS.values():
        weight = weights.get(factor.key, 1.0)
        if weight == 0:
            continue
        for code, (points, reason) in factor.score(prefecture, set(names)).items():
            if code not in names:
                continue
            if weight != 1.0:
                reason = _("%(reason)s (weight %(weight)s)") % {"reason": reason, "weight": weight}
            scored.setdefault(code, []).append(
                {
                    "name": factor.key,
                    "label": str(factor.label),
                    "points": round(points * weight, 1),
                    "reason": str(reason),
                }
            )
    ranked = [
        {
            "country": code,
            "country_name": names[code],
            "score": round(sum(f["points"] for f in factors), 1),
            "factors": factors,
        }
        for code, factors in scored.items()
    ]
    return sorted(ranked, key=lambda item: (-item["score"], item["country"]))


def factors() -> list[tuple[str, str]]:
    """(key, label) of every registered factor, for the weights form."""
    return [(f.key, str(f.label)) for f in registry.MARKET_FACTORS.values()]
