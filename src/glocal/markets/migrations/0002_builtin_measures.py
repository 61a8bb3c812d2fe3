"""The measures the publishers' statistics count, built in and public."""

from django.db import migrations

BUILT_IN = (
    ("visitor_arrivals", "訪日外客数", "Visitor arrivals", "人"),
    ("overnight_stays", "外国人延べ宿泊者数", "Overnight stays by foreign guests", "人泊"),
    ("export_value", "輸出額", "Export value", "円"),
    ("export_quantity", "輸出数量", "Export quantity", ""),
)


def add(apps, schema_editor):
    Measure = apps.get_model("markets", "Measure")
    for key, name_ja, name_en, unit in BUILT_IN:
        Measure.objects.update_or_create(
            key=key,
            defaults={"name_ja": name_ja, "name_en": name_en, "unit": unit, "is_public": True},
        )


def remove(apps, schema_editor):
    apps.get_model("markets", "Measure").objects.filter(
        key__in=[key for key, *_rest in BUILT_IN], owner__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("markets", "0001_statistics_measures_and_weights")]
    operations = [migrations.RunPython(add, remove)]
