"""An Atom feed of changes to public import restrictions, newest first."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from glocal.trade.models import MeasureVersion


class ChangesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Import restrictions on Japanese products: changes")

    def link(self):
        return reverse("public_trade")

    def subtitle(self):
        return _("Each measure imposed, tightened, eased or lifted, as recorded.")

    def items(self):
        return (
            MeasureVersion.objects.filter(measure__is_public=True)
            .select_related("measure__country")
            .order_by("-recorded_at", "-pk")[:100]
        )

    def item_title(self, item: MeasureVersion):
        return _("%(country)s: %(measure)s %(change)s from %(date)s") % {
            "country": item.measure.country.name_ja,
            "measure": item.measure.get_kind_display(),
            "change": item.get_change_display(),
            "date": (item.effective_to or item.effective_from).isoformat(),
        }

    def item_description(self, item: MeasureVersion):
        parts = [", ".join(item.product_terms), item.reference, item.notes]
        if item.illustrative:
            parts.insert(0, _("Illustrative: not checked against an official source."))
        return " — ".join(p for p in parts if p)

    def item_link(self, item: MeasureVersion):
        return reverse("public_trade_measure", args=[item.measure_id]) + f"#v{item.number}"

    def item_pubdate(self, item: MeasureVersion):
        return item.recorded_at

    def item_updateddate(self, item: MeasureVersion):
        return item.recorded_at
