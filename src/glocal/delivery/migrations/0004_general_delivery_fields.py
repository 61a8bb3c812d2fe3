"""Deliveries become the platform's one outbox: a sender organisation, a source, recipients
with their own address and language, and the message per language. Step 1 of 3: the new
columns, nullable until 0005 fills them from the notice-tied rows."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0003_delivery_leases_and_claims"),
        ("orgs", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="owner",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="orgs.organisation",
                verbose_name="sender",
            ),
        ),
        migrations.AddField(
            model_name="delivery",
            name="source_kind",
            field=models.CharField(default="", max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="delivery", name="source_id", field=models.PositiveBigIntegerField(null=True)
        ),
        migrations.AlterField(
            model_name="delivery", name="kind", field=models.CharField(blank=True, max_length=16)
        ),
        migrations.AddField(
            model_name="delivery",
            name="label",
            field=models.CharField(blank=True, max_length=200, verbose_name="about"),
        ),
        migrations.AddField(
            model_name="delivery", name="key", field=models.CharField(blank=True, max_length=100)
        ),
        migrations.AddField(
            model_name="delivery", name="audience", field=models.JSONField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="delivery",
            name="fallbacks",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="address",
            field=models.EmailField(default="", max_length=254),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="language",
            field=models.CharField(default="", max_length=16),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="unsubscribe_url",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="manage_url",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.CreateModel(
            name="DeliveryContent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language", models.CharField(max_length=16)),
                ("written_in", models.CharField(blank=True, max_length=16)),
                ("subject", models.CharField(max_length=200)),
                ("text", models.TextField()),
                ("html", models.TextField(blank=True)),
                ("footer", models.TextField(blank=True)),
                (
                    "delivery",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contents",
                        to="delivery.delivery",
                    ),
                ),
            ],
            options={
                "verbose_name": "delivery content",
                "verbose_name_plural": "delivery contents",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("delivery", "language"), name="one_content_per_language"
                    )
                ],
            },
        ),
    ]
