from glocal.trade.models.measures import Measure, MeasureKind, MeasureVersion, Scope
from glocal.trade.models.promotion import Exporter, ProjectKind, PromotionProject
from glocal.trade.models.subscriptions import AlertSubscription, Topic

__all__ = [
    "AlertSubscription",
    "Exporter",
    "Measure",
    "MeasureKind",
    "MeasureVersion",
    "ProjectKind",
    "PromotionProject",
    "Scope",
    "Topic",
]
