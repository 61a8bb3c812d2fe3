"""The desk's fixed vocabularies: channels, interpretation, statuses, age bands, genders and
residence statuses (在留資格), each with the names offices type in their spreadsheets."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    VISIT = "visit", _("Visit (来所)")
    PHONE = "phone", _("Phone (電話)")
    EMAIL = "email", _("E-mail (メール)")
    WEB = "web", _("Web form (ウェブ)")
    SNS = "sns", _("SNS")
    OUTREACH = "outreach", _("Outreach (出張相談)")
    VIDEO = "video", _("Video (オンライン)")


class Interpretation(models.TextChoices):
    NONE = "none", _("None")
    STAFF = "staff", _("Staff")
    IN_PERSON = "in_person", _("In-person interpreter")
    REMOTE = "remote", _("Phone or video interpreting")
    MACHINE = "machine", _("Machine translation")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    WAITING = "waiting", _("Waiting for the resident")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")


class AgeBand(models.TextChoices):
    NOT_STATED = "", _("Not stated")
    UNDER_20 = "0-19", _("Under 20")
    TWENTIES = "20-29", _("20s")
    THIRTIES = "30-39", _("30s")
    FORTIES = "40-49", _("40s")
    FIFTIES = "50-59", _("50s")
    SIXTY_PLUS = "60+", _("60 and over")


class Gender(models.TextChoices):
    NOT_STATED = "", _("Not stated")
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class ResidenceStatus(models.TextChoices):
    """The statuses of residence of the Immigration Control Act (在留資格), as 入管 lists them."""

    PERMANENT = "permanent_resident", "永住者"
    SPOUSE_JAPANESE = "spouse_of_japanese", "日本人の配偶者等"
    SPOUSE_PERMANENT = "spouse_of_permanent", "永住者の配偶者等"
    LONG_TERM = "long_term_resident", "定住者"
    SPECIAL_PERMANENT = "special_permanent", "特別永住者"
    ENGINEER = "engineer_humanities", "技術・人文知識・国際業務"
    TECHNICAL_INTERN = "technical_intern", "技能実習"
    SPECIFIED_SKILLED = "specified_skilled", "特定技能"
    STUDENT = "student", "留学"
    DEPENDENT = "dependent", "家族滞在"
    DESIGNATED = "designated_activities", "特定活動"
    SKILLED_LABOR = "skilled_labor", "技能"
    INTRA_COMPANY = "intra_company", "企業内転勤"
    BUSINESS_MANAGER = "business_manager", "経営・管理"
    PROFESSOR = "professor", "教授"
    INSTRUCTOR = "instructor", "教育"
    NURSING_CARE = "nursing_care", "介護"
    MEDICAL = "medical", "医療"
    RESEARCHER = "researcher", "研究"
    HIGHLY_SKILLED = "highly_skilled", "高度専門職"
    RELIGIOUS = "religious", "宗教"
    JOURNALIST = "journalist", "報道"
    ARTIST = "artist", "芸術"
    ENTERTAINER = "entertainer", "興行"
    CULTURAL = "cultural_activities", "文化活動"
    TEMPORARY = "temporary_visitor", "短期滞在"
    OTHER = "other", "その他"


# Default topic taxonomy (code, Japanese, English); each organisation may add its own.
DEFAULT_TOPICS = (
    ("residence", "在留手続", "Residence procedures"),
    ("work", "雇用・労働", "Employment and work"),
    ("medical", "医療", "Medical care"),
    ("pension", "年金・保険", "Pension and insurance"),
    ("welfare", "福祉", "Welfare"),
    ("childcare", "出産・子育て", "Childbirth and childcare"),
    ("education", "教育", "Education"),
    ("housing", "住宅", "Housing"),
    ("tax", "税金", "Taxes"),
    ("accident", "交通事故・事件", "Traffic accidents and incidents"),
    ("disaster", "災害", "Disasters"),
    ("japanese", "日本語学習", "Learning Japanese"),
    ("daily_life", "生活一般", "Daily life"),
    ("interpreting", "通訳・翻訳", "Interpreting and translation"),
    ("other", "その他", "Other"),
)

# Names offices type into their spreadsheets, besides the codes themselves.
CHANNEL_NAMES = {
    Channel.VISIT: ("来所", "来庁", "窓口", "visit", "in person"),
    Channel.PHONE: ("電話", "phone", "telephone"),
    Channel.EMAIL: ("メール", "電子メール", "e-mail", "email"),
    Channel.WEB: ("ウェブ", "web", "webフォーム", "web form", "フォーム"),
    Channel.SNS: ("sns", "line", "facebook"),
    Channel.OUTREACH: ("出張相談", "出張", "outreach"),
    Channel.VIDEO: ("オンライン", "ビデオ", "video", "online"),
}
INTERPRETATION_NAMES = {
    Interpretation.NONE: ("なし", "無", "none", "no"),
    Interpretation.STAFF: ("職員", "相談員", "staff"),
    Interpretation.IN_PERSON: ("通訳者", "対面通訳", "in-person interpreter", "in_person"),
    Interpretation.REMOTE: ("電話通訳", "遠隔通訳", "ビデオ通訳", "remote", "phone or video"),
    Interpretation.MACHINE: ("機械翻訳", "翻訳機", "machine translation", "machine"),
}
STATUS_NAMES = {
    Status.OPEN: ("対応中", "受付", "open"),
    Status.WAITING: ("返答待ち", "相談者待ち", "waiting"),
    Status.REFERRED: ("紹介済", "引継ぎ", "referred"),
    Status.CLOSED: ("完了", "終了", "closed"),
}
