"""Now that every version has them (0004), a version's category, severity, prefecture and start
are required. A separate migration: PostgreSQL does not alter a table with rows just updated in
the same transaction."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0004_version_holds_category_severity_area_validity"),
    ]

    operations = [
        migrations.AlterField(
            model_name="noticeversion",
            name="category",
            field=models.CharField(
                choices=[
                    ("earthquake", "Earthquake"),
                    ("tsunami", "Tsunami"),
                    ("heavy_rain", "Heavy rain and landslides"),
                    ("typhoon", "Typhoon"),
                    ("evacuation", "Evacuation"),
                    ("shelter", "Shelters"),
                    ("supplies", "Water and food"),
                    ("outage", "Power, gas, water and transport"),
                    ("disease", "Infectious disease"),
                    ("heat", "Heatstroke"),
                    ("vaccination", "Vaccination"),
                    ("garbage", "Garbage"),
                    ("registration", "Resident registration"),
                    ("tax_health", "Tax and health insurance"),
                    ("consultation", "Consultation desk"),
                    ("general", "General"),
                ],
                max_length=20,
                verbose_name="category",
            ),
        ),
        migrations.AlterField(
            model_name="noticeversion",
            name="severity",
            field=models.CharField(
                choices=[
                    ("emergency", "Emergency"),
                    ("warning", "Warning"),
                    ("advisory", "Advisory"),
                    ("info", "Information"),
                ],
                max_length=12,
                verbose_name="severity",
            ),
        ),
        migrations.AlterField(
            model_name="noticeversion",
            name="prefecture",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="places.localgovernment",
                verbose_name="prefecture",
            ),
        ),
        migrations.AlterField(
            model_name="noticeversion",
            name="valid_from",
            field=models.DateTimeField(verbose_name="valid from"),
        ),
    ]
