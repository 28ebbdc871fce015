"""Corrections wait for publication; snapshots record the requisites and report forms.

Until now an edit of a published protocol reached the regions at once, so the rows are
what the regions hold today: the newest version of each protocol records them from the
rows. Its next publication is then compared with what the regions really have, and does
not report every requisite and report form as a change.
"""

from django.db import migrations, models

# The snapshot's new keys as of this migration (protocols/snapshot.py may grow later).
REQUISITES = (
    "place", "chair", "letter_number", "letter_date", "letter_title", "letter_addressee",
    "letter_body", "letter_signatory", "letter_signatory_position", "letter_executor",
    "letter_executor_phone", "letter_attachment",
)  # fmt: skip


def record_what_regions_hold(apps, schema_editor):
    ProtocolVersion = apps.get_model("protocols", "ProtocolVersion")
    Instruction = apps.get_model("protocols", "Instruction")
    newest = {}
    for version in ProtocolVersion.objects.select_related("protocol").order_by("number"):
        newest[version.protocol_id] = version
    for version in newest.values():
        protocol, snapshot = version.protocol, version.snapshot
        for name in REQUISITES:
            value = getattr(protocol, name)
            snapshot.setdefault(name, value.isoformat() if hasattr(value, "isoformat") else value)
        forms = dict(
            Instruction.objects.filter(protocol=protocol).values_list("pk", "report_template")
        )
        for key, item in snapshot.get("instructions", {}).items():
            item.setdefault("report_template", forms.get(int(key)) or [])
        version.save(update_fields=["snapshot"])


class Migration(migrations.Migration):
    dependencies = [
        ("protocols", "0002_document_kind_and_extract_pdf"),
    ]

    operations = [
        migrations.AddField(
            model_name="instruction",
            name="pending",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="неопубликованные исправления"
            ),
        ),
        migrations.AddField(
            model_name="protocol",
            name="pending",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="неопубликованные исправления"
            ),
        ),
        migrations.RunPython(record_what_regions_hold, migrations.RunPython.noop),
    ]
