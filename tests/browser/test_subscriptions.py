"""A resident subscribes in Portuguese, confirms, gets a notice in Portuguese, and leaves."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from glocal.delivery.models import Subscriber
from glocal.notices import services
from tests.smtpsink import SmtpSink, body, smtp_settings, subject

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sink():
    running = SmtpSink().start()
    with smtp_settings(running.port):
        yield running
    running.stop()


def link(message, kind: str) -> str:
    return re.search(rf"https?://[^/\s]+(/residents/{kind}/[^\s]+)", body(message))[1]


def test_subscribe_in_portuguese_receive_and_leave(
    page, sink, home_org, editor, owner, actor_for, shelter, screenshot
):
    page.goto("/residents/pt/?area=072028")
    page.get_by_role("link", name="Receber avisos por e-mail", exact=False).click()
    page.get_by_label("E-mail", exact=False).fill("ana@example.com")
    # Not every town of Fukushima has a Portuguese name yet, so the list names all of them
    # one way, romanised, rather than mixing "Cidade de Aizuwakamatsu" with "Tamura City".
    page.get_by_label("Aizuwakamatsu City").check()
    screenshot("subscribe-pt")
    page.locator("form.subscribe button[type=submit]").click()
    expect(page.get_by_role("status")).to_contain_text("ana@example.com")

    [confirmation] = sink.to("ana@example.com")
    assert confirmation["Content-Language"] == "pt"
    page.goto(link(confirmation, "confirm"))
    assert Subscriber.objects.get().confirmed_at is None  # opening the link only asks
    page.get_by_role("button", name="Sim, confirmar").click()
    expect(page.get_by_role("status")).to_contain_text("Aizuwakamatsu")
    assert Subscriber.objects.get().confirmed_at is not None

    notice = services.create_notice(
        actor_for(editor),
        {
            "owner_id": home_org.pk,
            "category": "shelter",
            "severity": "warning",
            "prefecture": "070009",
            "municipalities": ["072028"],
            "valid_from": timezone.now() - timedelta(hours=1),
            "phrases": ["shelter.opened"],
            "slots": {"date": "2026-11-21", "time": "15:30", "facility": "tsuruga-gym"},
        },
    )
    services.approve_notice(actor_for(owner), notice)
    services.publish_notice(actor_for(editor), notice)
    alert = sink.to("ana@example.com")[-1]
    portuguese = notice.published_version.text("pt")
    assert subject(alert) == portuguese.title[:200]
    assert portuguese.title in body(alert)

    page.goto(link(alert, "unsubscribe"))
    assert Subscriber.objects.exists()  # opening the link (as mail scanners do) only asks
    screenshot("unsubscribe-pt")
    page.get_by_role("button", name="Parar os e-mails e apagar o meu endereço").click()
    expect(page.get_by_role("status")).to_contain_text("endereço")
    screenshot("unsubscribed-pt")
    assert not Subscriber.objects.exists()
