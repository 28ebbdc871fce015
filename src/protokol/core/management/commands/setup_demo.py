from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from protokol.accounts.demo import create_demo_users


class Command(BaseCommand):
    help = "Создаёт демонстрационных пользователей (по одному на роль) и печатает их логины."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Демонстрационные пользователи не создаются в production.")
        users = create_demo_users()
        self.stdout.write("Демонстрационные пользователи (логин / пароль — роль):")
        for demo in users:
            region = f", регион {demo.region_code}" if demo.region_code else ""
            self.stdout.write(f"  {demo.username:<10} / {demo.password:<18} — {demo.role}{region}")
