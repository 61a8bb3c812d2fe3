"""Each notice version carries its category, severity, area and validity (so that a change of
them is approved like a change of text), and who wrote it by identity (user or API token).

Existing versions get the values their notice has now: before this, those were shared by all
versions."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def copy_from_notices(apps, schema_editor):
    NoticeVersion = apps.get_model("notices", "NoticeVersion")
    for version in NoticeVersion.objects.select_related("notice").iterator(chunk_size=500):
        notice = version.notice
        version.category = notice.category
        version.severity = notice.severity
        version.prefecture_id = notice.prefecture_id
        version.valid_from = notice.valid_from
        version.valid_until = notice.valid_until
        version.save(
            update_fields=["category", "severity", "prefecture", "valid_from", "valid_until"]
        )
        version.municipalities.set(notice.municipalities.all())


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0003_admin_names_in_the_plural"),
        ("orgs", "0003_place_grants"),
        ("places", "0004_foreign_region_as_written"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="noticeversion",
            name="created_by_token",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="orgs.apitoken",
            ),
        ),
        migrations.AddField(
            model_name="noticeversion",
            name="category",
            field=models.CharField(default="", max_length=20, verbose_name="category"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="noticeversion",
            name="severity",
            field=models.CharField(default="", max_length=12, verbose_name="severity"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="noticeversion",
            name="prefecture",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="places.localgovernment",
                verbose_name="prefecture",
            ),
        ),
        migrations.AddField(
            model_name="noticeversion",
            name="municipalities",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="places.localgovernment",
                verbose_name="municipalities",
            ),
        ),
        migrations.AddField(
            model_name="noticeversion",
            name="valid_from",
            field=models.DateTimeField(null=True, verbose_name="valid from"),
        ),
        migrations.AddField(
            model_name="noticeversion",
            name="valid_until",
            field=models.DateTimeField(blank=True, null=True, verbose_name="valid until"),
        ),
        migrations.RunPython(copy_from_notices, migrations.RunPython.noop),
    ]
