from django.db import migrations

CATEGORIES = [
    ("EBD", "Emotional and behavioural difficulties"),
    ("LD", "Learning disability"),
    ("PD", "Physical disability"),
    ("MH", "Mental health"),
    ("SI", "Sensory impairment"),
    ("DA", "Drug or alcohol misuse"),
]


def add(apps, schema_editor):
    NeedCategory = apps.get_model("providers", "NeedCategory")
    for code, label in CATEGORIES:
        NeedCategory.objects.update_or_create(code=code, defaults={"label": label})


class Migration(migrations.Migration):
    dependencies = [("providers", "0002_market")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
