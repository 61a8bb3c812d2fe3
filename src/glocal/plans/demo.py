"""Demo plans: Fukushima's international initiatives plan and Yamagata's international strategy,
their structure transcribed from the published outlines, with example indicators and sample
actuals that are labelled as samples in the data and on every page."""

from pathlib import Path

from django.utils import timezone

from glocal import wareki
from glocal.orgs.models import Organisation
from glocal.plans import actuals, derived, importer

ORDER = 40
DATA = Path(__file__).resolve().parent / "data"
PLANS = [
    # owner, plan file, sample actuals, publish the dashboard
    ("fukushima-pref", "fukushima_international_plan.yaml", "fukushima_sample_actuals.csv", True),
    ("yamagata-pref", "yamagata_international_strategy.yaml", "yamagata_sample_actuals.csv", False),
]


def load(write) -> None:
    for slug, plan_file, actuals_file, publish in PLANS:
        owner = Organisation.objects.get(slug=slug)
        path = DATA / plan_file
        checked, done = importer.import_file(path.read_bytes(), path.name, owner.pk)
        if done is None:  # the shipped files are ours: a problem is a bug
            raise ValueError("; ".join(map(str, checked.problems)))
        plan = done.plan
        if publish and not plan.is_public:
            plan.is_public = True
            plan.save(update_fields=["is_public"])
        figures = actuals.check_file((DATA / actuals_file).read_bytes(), actuals_file, plan)
        if figures.problems:
            raise ValueError("; ".join(map(str, figures.problems)))
        saved = actuals.write(figures)
        # This year's derived figures, zero or not; an earlier year's only where something was
        # counted (official statistics and dated exchanges reach back, but the demo's notices
        # and subscribers are made today and would count nothing then, which is not a figure).
        this_year = wareki.fiscal_year(timezone.localdate())
        for year in range(plan.start_fy, min(plan.end_fy, this_year) + 1):
            derived.recompute_plan(plan, year, counted_only=year < this_year)
        write(
            f"plan {plan.pk} {plan.title}: {done.nodes} nodes, {done.indicators} indicators, "
            f"{saved} sample actuals"
        )
