from django.db import migrations


def sync_forms(apps, schema_editor):
    # regions.json gained abbreviated forms («Курской обл.», «ХМАО-Югра», «РСО – Алания»,
    # «Чукотский АО», «Кубань», «Тува»); existing databases get them here.
    from protokol.regions.reference import sync_regions

    sync_regions(apps.get_model("regions", "Region"))


class Migration(migrations.Migration):
    dependencies = [("regions", "0002_load_regions")]

    operations = [migrations.RunPython(sync_forms, migrations.RunPython.noop)]
