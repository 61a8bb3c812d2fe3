"""Step 2 of 3: every notice-tied delivery in the general shape. The sender is the notice's
organisation, the source the notice (key: kind and version, as the old unique constraint was),
the messages are rendered from that version's texts as notices render them today, and each
outbox row gets its subscriber's address, language and links. Unfinished deliveries carry on
from where they were (planning ones keep the notice's area as their audience)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from glocal.delivery.mail import links
    from glocal.delivery.subscriptions import token_for_pk
    from glocal.notices.mailing import FALLBACKS, SOURCE, messages

    Delivery = apps.get_model("delivery", "Delivery")
    DeliveryContent = apps.get_model("delivery", "DeliveryContent")
    OutboxMessage = apps.get_model("delivery", "OutboxMessage")
    NoticeText = apps.get_model("notices", "NoticeText")
    for delivery in Delivery.objects.select_related("notice", "version").iterator():
        notice, version = delivery.notice, delivery.version
        texts = {
            t.language: (t.title, t.body) for t in NoticeText.objects.filter(version=version)
        }
        delivery.owner_id = notice.owner_id
        delivery.source_kind = SOURCE
        delivery.source_id = notice.pk
        delivery.key = f"{delivery.kind}:{version.pk}"
        delivery.label = f"v{version.number} {texts.get('ja', ('', ''))[0]}"[:200]
        delivery.fallbacks = list(FALLBACKS)
        delivery.audience = {
            "prefecture": notice.prefecture_id,
            "category": notice.category,
            "municipalities": list(notice.municipalities.values_list("pk", flat=True)),
        }
        delivery.save()
        DeliveryContent.objects.bulk_create(
            DeliveryContent(
                delivery=delivery,
                language=tag,
                written_in=m.written_in,
                subject=m.subject,
                text=m.text,
                footer=m.footer,
            )
            for tag, m in messages(notice.pk, texts, delivery.kind).items()
        )
    rows = OutboxMessage.objects.select_related("subscriber").order_by("pk")
    changed = []
    for message in rows.iterator(chunk_size=2000):
        addresses = links(token_for_pk(message.subscriber_id))
        message.address = message.subscriber.email
        message.language = message.subscriber.language
        message.unsubscribe_url = addresses["unsubscribe"]
        message.manage_url = addresses["manage"]
        changed.append(message)
        if len(changed) == 2000:
            OutboxMessage.objects.bulk_update(
                changed, ["address", "language", "unsubscribe_url", "manage_url"]
            )
            changed = []
    OutboxMessage.objects.bulk_update(
        changed, ["address", "language", "unsubscribe_url", "manage_url"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0004_general_delivery_fields"),
        ("notices", "0002_phrase_terms_source_and_check_date"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
