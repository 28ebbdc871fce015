"""ExtensionRequest.granted_date: the due date an approval gave (the requested day, or the
working day before it). Requests approved before this migration get it from the production
calendar in force — the same rule ``extensions.decide_extension`` applied when approving.
"""

from django.db import migrations, models

from protokol.extraction.workdays import ProductionCalendar


def fill_granted_dates(apps, schema_editor):
    ExtensionRequest = apps.get_model("assignments", "ExtensionRequest")
    CalendarDay = apps.get_model("workcalendar", "CalendarDay")
    calendar = ProductionCalendar(dict(CalendarDay.objects.values_list("date", "is_working")))
    approved = ExtensionRequest.objects.filter(decision="approved", granted_date=None)
    for request in approved.only("pk", "requested_date"):
        request.granted_date = calendar.previous_working_day(request.requested_date)
        request.save(update_fields=["granted_date"])


class Migration(migrations.Migration):
    dependencies = [
        ("assignments", "0005_report_file_budgets"),
        ("workcalendar", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="extensionrequest",
            name="granted_date",
            field=models.DateField(blank=True, null=True, verbose_name="согласованный срок"),
        ),
        migrations.RunPython(fill_granted_dates, migrations.RunPython.noop),
    ]
