from glocal.notices.models.facility import Facility
from glocal.notices.models.notice import Notice, NoticePolicy, NoticeText, NoticeVersion
from glocal.notices.models.phrase import Category, PhraseTemplate, PhraseTranslation, ReviewStatus

__all__ = [
    "Category",
    "Facility",
    "Notice",
    "NoticePolicy",
    "NoticeText",
    "NoticeVersion",
    "PhraseTemplate",
    "PhraseTranslation",
    "ReviewStatus",
]
