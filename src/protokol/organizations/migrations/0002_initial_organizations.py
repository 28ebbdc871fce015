from django.db import migrations


def create_organizations(apps, schema_editor):
    from protokol.organizations.reference import create_initial_organizations

    create_initial_organizations(
        apps.get_model("organizations", "Organization"), apps.get_model("regions", "Region")
    )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial"), ("regions", "0002_load_regions")]

    operations = [migrations.RunPython(create_organizations, migrations.RunPython.noop)]
