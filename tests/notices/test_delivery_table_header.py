"""The notice page's delivery table names its first column for what it holds."""

import pytest

from glocal.delivery.models import Delivery
from glocal.notices import mailing

pytestmark = pytest.mark.django_db


def test_delivery_table_header_names_the_mailing_not_an_address(client, editor, published):
    assert Delivery.objects.filter(source_kind=mailing.SOURCE, source_id=published.pk).exists()
    client.force_login(editor)
    text = client.get(f"/staff/notices/{published.pk}/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert '<th scope="col">配信の種類</th>' in text
    assert '<th scope="col">メールアドレス</th>' not in text
