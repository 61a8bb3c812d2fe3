"""CAP 1.2 (OASIS Common Alerting Protocol) documents for published notices.

One <info> per language with its <language>; msgType follows the notice's history: Alert for
the first publication, Update for a later version (referencing the earlier ones), Cancel once
withdrawn. Areas carry the local government code as a geocode.
"""

from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from glocal import languages
from glocal.core import portal
from glocal.core.portal import place_name
from glocal.notices.models import Notice

NS = "urn:oasis:names:tc:emergency:cap:1.2"
TOKYO = ZoneInfo("Asia/Tokyo")

# Our categories in CAP's fixed list.
CAP_CATEGORY = {
    "earthquake": "Geo",
    "tsunami": "Geo",
    "heavy_rain": "Met",
    "typhoon": "Met",
    "evacuation": "Safety",
    "shelter": "Safety",
    "supplies": "Other",
    "outage": "Infra",
    "disease": "Health",
    "heat": "Health",
    "vaccination": "Health",
    "garbage": "Env",
    "registration": "Other",
    "tax_health": "Other",
    "consultation": "Other",
    "general": "Other",
}
# severity → (urgency, severity, certainty)
CAP_GRADES = {
    Notice.Severity.EMERGENCY: ("Immediate", "Extreme", "Observed"),
    Notice.Severity.WARNING: ("Expected", "Severe", "Likely"),
    Notice.Severity.ADVISORY: ("Expected", "Moderate", "Possible"),
    Notice.Severity.INFO: ("Future", "Minor", "Unknown"),
}


def _time(moment) -> str:
    return timezone.localtime(moment, TOKYO).replace(microsecond=0).isoformat()


def identifier(notice: Notice, number: int) -> str:
    return f"glocal-notice-{notice.pk}-v{number}"


def _sender() -> str:
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"glocal@{host}"


def _sub(parent, tag: str, text: str | None = None):
    element = ET.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        element.text = text
    return element


def document(notice: Notice) -> bytes:
    """The CAP 1.2 XML of a published (or cancelled) notice."""
    version = notice.published_version
    cancelled = notice.status == Notice.Status.CANCELLED
    ET.register_namespace("", NS)
    alert = ET.Element(f"{{{NS}}}alert")
    _sub(alert, "identifier", identifier(notice, version.number) + ("-cancel" if cancelled else ""))
    _sub(alert, "sender", _sender())
    _sub(alert, "sent", _time(notice.cancelled_at if cancelled else notice.published_at))
    _sub(alert, "status", "Actual")
    msg_type = "Cancel" if cancelled else ("Update" if version.number > 1 else "Alert")
    _sub(alert, "msgType", msg_type)
    _sub(alert, "scope", "Public")
    if msg_type == "Cancel":  # withdraws the message residents last had
        _sub(
            alert,
            "references",
            f"{_sender()},{identifier(notice, version.number)},{_time(notice.published_at)}",
        )
    elif msg_type == "Update":  # replaces the first publication
        _sub(
            alert,
            "references",
            f"{_sender()},{identifier(notice, 1)},{_time(notice.first_published_at)}",
        )
    urgency, severity, certainty = CAP_GRADES[notice.severity]
    areas = list(notice.municipalities.all()) or [notice.prefecture]
    for text in sorted(version.texts.all(), key=lambda t: languages.TAGS.index(t.language)):
        language = languages.get(text.language)
        words = portal.words(language.tag)
        info = _sub(alert, "info")
        _sub(info, "language", language.tag)
        _sub(info, "category", CAP_CATEGORY[notice.category])
        _sub(info, "event", words[f"category_{notice.category}"])
        _sub(info, "urgency", urgency)
        _sub(info, "severity", severity)
        _sub(info, "certainty", certainty)
        _sub(info, "effective", _time(notice.valid_from))
        if notice.valid_until:
            _sub(info, "expires", _time(notice.valid_until))
        _sub(
            info,
            "senderName",
            notice.owner.name
            if language.is_japanese
            else (notice.owner.name_en or notice.owner.name),
        )
        _sub(info, "headline", text.title[:160])
        _sub(info, "description", "\n\n".join(p for p in (text.title, text.body) if p))
        _sub(
            info,
            "web",
            settings.SITE_URL.rstrip("/")
            + reverse("portal:notice", args=[language.tag, notice.pk]),
        )
        area = _sub(info, "area")
        _sub(area, "areaDesc", ", ".join(place_name(a, language) for a in areas))
        for place in areas:
            code = _sub(area, "geocode")
            _sub(code, "valueName", "JP-LGCODE")
            _sub(code, "value", place.code)
    return ET.tostring(alert, encoding="utf-8", xml_declaration=True)
