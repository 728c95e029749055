from django.db import migrations

# The four steps of the handelingskader, as CP 5 of 7 July 2023 names them.
STEPS = [
    ("selecteren", "Selecteren", 1),
    ("motiveren", "Motiveren", 2),
    ("respectvol-omgaan", "Respectvol omgaan met de gecontroleerde persoon", 3),
    ("reflecteren", "Reflecteren", 4),
]


def create_steps(apps, schema_editor):
    FrameworkStep = apps.get_model("recommendations", "FrameworkStep")
    for code, name, position in STEPS:
        FrameworkStep.objects.update_or_create(
            code=code, defaults={"name": name, "position": position}
        )


def delete_steps(apps, schema_editor):
    FrameworkStep = apps.get_model("recommendations", "FrameworkStep")
    FrameworkStep.objects.filter(code__in=[code for code, _, _ in STEPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial")]

    operations = [migrations.RunPython(create_steps, delete_steps)]
