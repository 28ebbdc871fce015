from __future__ import annotations

from django import forms

from protokol.notifications.models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["mode", "email"]
        widgets = {"mode": forms.RadioSelect}
