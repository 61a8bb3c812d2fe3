"""Public registration pages in the reader's language, cancellation, calendars; staff pages
only for hosts."""

import icalendar
import pytest

from glocal.events import services, tickets
from glocal.events.models import CheckIn, Registration
from tests.events.conftest import applicant

pytestmark = pytest.mark.django_db


def test_register_in_vietnamese_and_cancel(client, make_event):
    event = make_event(title={"ja": "防災講座", "vi": "Lớp phòng chống thiên tai"},
                       languages=["ja", "vi"])  # fmt: skip
    page = client.get(f"/events/{event.pk}/?lang=vi")
    assert "Lớp phòng chống thiên tai" in page.content.decode()
    assert "Đăng ký" in page.content.decode()
    body = {"language": "vi", "name": "Nguyễn Văn An", "email": "an@example.org",
            "q_interpreter": "yes", "q_diet": ""}  # fmt: skip
    done = client.post(f"/events/{event.pk}/", body)
    assert done.status_code == 201
    text = done.content.decode()
    assert "Chỗ của bạn đã được xác nhận." in text
    assert 'src="data:image/png;base64,' in text
    registration = Registration.objects.get()
    assert registration.answers == {"interpreter": True}
    cancel_url = f"/events/cancel/{tickets.cancel_code(registration)}/"
    assert cancel_url in text
    assert client.post(cancel_url).status_code == 200
    assert Registration.objects.get().status == "cancelled"


def test_bad_registration_is_shown_not_written(client, make_event):
    event = make_event()
    page = client.post(f"/events/{event.pk}/", {"name": "", "email": "x@example.org"})
    assert page.status_code == 422
    assert 'role="alert"' in page.content.decode()
    assert not Registration.objects.exists()


def test_forged_links_are_refused(client, make_event):
    event = make_event(is_public=False, public=False)
    assert client.get(f"/events/{event.pk}/").status_code == 404
    assert client.get("/events/invitation/1:forged/").status_code == 403
    assert client.get("/events/cancel/1:forged/").status_code == 403


def test_feed_lists_public_events_and_parses(client, make_event, home_org):
    make_event()
    make_event(is_public=False, public=False, title={"ja": "非公開の催し"})
    response = client.get(f"/events/feed/{home_org.slug}/en.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Regional Promotion Seminar"]


def test_staff_pages_are_for_hosts_only(client, make_event, owner, outsider, editor, actor_for):
    event = make_event()
    registration = services.register(event, applicant(1, name="Ambassador Example"))
    services.check_in(actor_for(editor), event, tickets.ticket_code(registration))
    assert CheckIn.objects.count() == 1
    base = f"/staff/events/{event.pk}/"
    paths = [base, f"{base}checkin/", f"{base}attendance.pdf", f"{base}badges.pdf"]
    for path in paths:
        assert client.get(path).status_code == 302  # to the login page
    client.force_login(outsider)
    for path in paths:
        assert client.get(path).status_code == 404
    assert "Ambassador" not in client.get("/staff/events/").content.decode()
    client.force_login(owner)
    assert "Ambassador Example" in client.get(paths[0]).content.decode()
    checkin = client.get(paths[1]).content.decode()
    assert "events/vendor/jsQR" in checkin
    assert "<script>" not in checkin
    pdf = client.get(paths[2])
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get(paths[3]).content.startswith(b"%PDF")


def test_checkin_page_registers_its_service_worker_for_its_own_path(client, make_event, member):
    event = make_event()
    worker = client.get("/staff/events/checkin-sw.js")
    assert worker.status_code == 200
    assert worker["Content-Type"].startswith("text/javascript")
    assert worker["Cache-Control"] == "no-cache"
    assert b"caches.open" in worker.content
    client.force_login(member)
    page = client.get(f"/staff/events/{event.pk}/checkin/").content.decode()
    assert 'data-worker="/staff/events/checkin-sw.js?static=/static/"' in page
    assert f'data-scope="/staff/events/{event.pk}/checkin/"' in page


def test_logging_out_asks_the_browser_to_clear_the_tickets_kept_for_the_door(client, member):
    """The check-in page keeps names on the phone; logging out clears the site's storage."""
    client.force_login(member)
    done = client.post("/accounts/logout/")
    assert done.status_code == 302
    assert done["Clear-Site-Data"] == '"cache", "storage"'
    assert client.get("/staff/events/").status_code == 302  # logged out indeed


def test_the_attendance_list_shows_times_in_the_venues_zone(client, make_event, owner, actor_for):
    """An event in Ho Chi Minh City (UTC+7): its list reads 10:00 where Tokyo reads 12:00."""
    from datetime import UTC, datetime
    from io import BytesIO

    from pypdf import PdfReader

    event = make_event(timezone="Asia/Ho_Chi_Minh")
    registration = services.register(event, applicant(1, name="Trần Thị Mai"))
    arrival = datetime(2030, 3, 10, 3, 0, tzinfo=UTC)  # 10:00 in Ho Chi Minh City
    services.check_in(actor_for(owner), event, tickets.ticket_code(registration), arrival)
    CheckIn.objects.update(scanned_at=arrival)  # the service keeps no scan time in the future
    client.force_login(owner)
    pdf = client.get(f"/staff/events/{event.pk}/attendance.pdf")
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert "Trần Thị Mai" in text
    assert "10:00" in text
    assert "12:00" not in text
    assert "Asia/Ho_Chi_Minh" in text
    assert "確定した申込み 1件" in text
    assert "1 / 1" in text  # the page number
