from django.db import migrations

# The default taxonomy as it stood when this migration was written (see vocabulary.py).
TOPICS = (
    ("residence", "在留手続", "Residence procedures"),
    ("work", "雇用・労働", "Employment and work"),
    ("medical", "医療", "Medical care"),
    ("pension", "年金・保険", "Pension and insurance"),
    ("welfare", "福祉", "Welfare"),
    ("childcare", "出産・子育て", "Childbirth and childcare"),
    ("education", "教育", "Education"),
    ("housing", "住宅", "Housing"),
    ("tax", "税金", "Taxes"),
    ("accident", "交通事故・事件", "Traffic accidents and incidents"),
    ("disaster", "災害", "Disasters"),
    ("japanese", "日本語学習", "Learning Japanese"),
    ("daily_life", "生活一般", "Daily life"),
    ("interpreting", "通訳・翻訳", "Interpreting and translation"),
    ("other", "その他", "Other"),
)


def add(apps, schema_editor):
    Topic = apps.get_model("desk", "Topic")
    for position, (code, name, name_en) in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(
            owner=None, code=code, defaults={"name": name, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("desk", "0001_cases_residents_interpreters")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
