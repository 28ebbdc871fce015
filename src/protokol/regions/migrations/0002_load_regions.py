from django.db import migrations


def load_regions(apps, schema_editor):
    from protokol.regions.reference import sync_regions

    sync_regions(apps.get_model("regions", "Region"))


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]

    operations = [migrations.RunPython(load_regions, migrations.RunPython.noop)]
