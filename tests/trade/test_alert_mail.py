"""Restriction alerts through the platform's outbox, over SMTP to a sink on 127.0.0.1: the
confirmation mail, then alerts to confirmed followers in Japanese or English, each with a leave
link that works (also as the one-click List-Unsubscribe POST)."""

from urllib.parse import urlparse

import pytest

from glocal.trade import alerts, services
from glocal.trade.models import AlertSubscription, MeasureVersion
from tests.smtpsink import SmtpSink, body, smtp_settings, subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp():
    sink = SmtpSink().start()
    with smtp_settings(sink.port):
        yield sink
    sink.stop()


def _link(text: str, part: str) -> str:
    return urlparse(next(w for w in text.split() if part in w)).path


def test_confirm_by_mail_then_alerts_in_each_language_with_a_leave_link(
    smtp, client, home_org, editor, actor_for, measure_data, django_capture_on_commit_callbacks
):
    for email, language in (("a@example.org", "en"), ("b@example.org", "ja")):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/trade/alerts/",
                {"email": email, "language": language, "topic": "country", "country": "HK"},
            )
        assert response.status_code == 200
    [confirm_en] = smtp.to("a@example.org")
    [confirm_ja] = smtp.to("b@example.org")
    assert subject(confirm_en) == "Confirm your alerts on import restrictions"
    assert confirm_en["List-Unsubscribe"] is None
    assert confirm_ja["Content-Language"] == "ja"
    for mail in (confirm_en, confirm_ja):
        assert client.get(_link(body(mail), "/trade/alerts/confirm/")).status_code == 200
    assert AlertSubscription.objects.filter(confirmed_at__isnull=False).count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        services.record(actor_for(editor), home_org.pk, measure_data())
    [_, alert_en] = smtp.to("a@example.org")
    [_, alert_ja] = smtp.to("b@example.org")
    assert subject(alert_en).startswith("Hong Kong: ")
    assert subject(alert_ja).startswith("香港")
    assert "このアラートの配信停止" in body(alert_ja)
    leave = alert_en["List-Unsubscribe"][1:-1]
    assert leave in body(alert_en)
    assert alert_en["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert client.get(_link(body(alert_en), "/trade/measures/")).status_code == 200

    # The mail program's one-click POST, without a CSRF token, deletes the subscription.
    client.handler.enforce_csrf_checks = True
    response = client.post(urlparse(leave).path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert list(AlertSubscription.objects.values_list("email", flat=True)) == ["b@example.org"]


def test_an_alert_task_run_twice_mails_once(
    smtp, home_org, editor, actor_for, measure_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _sub, token = alerts.subscribe("a@example.org", "en", "country", "HK", "1.2.3.4")
    alerts.confirm(token)
    with django_capture_on_commit_callbacks(execute=True):
        services.record(actor_for(editor), home_org.pk, measure_data())
    latest = MeasureVersion.objects.latest("pk")
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.alert(latest.pk) == 1  # again, as a retried task would
    assert len(smtp.to("a@example.org")) == 2  # the confirmation and one alert
