from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from protokol.accounts.demo import create_demo_users
from protokol.accounts.models import User
from protokol.accounts.policy import Role
from protokol.publication.sample import load_sample
from protokol.regions.models import Region


class Command(BaseCommand):
    help = (
        "Создаёт демонстрационных пользователей (по одному на роль), загружает и публикует "
        "образец протокола, печатает логины."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Демонстрационные данные не создаются в production.")
        users = create_demo_users()
        protocol, publication = load_sample(User.objects.get(username="admin"))
        if publication is not None:
            self.stdout.write(
                f"Образец опубликован: {protocol}, поручений регионам — "
                f"{len(publication.issued.created)}."
            )
        else:
            self.stdout.write(f"Образец уже загружен: {protocol}.")
        self.stdout.write("Демонстрационные пользователи (логин / пароль — роль):")
        for demo in users:
            role = Role(demo.role).label
            region = f": {Region.objects.get(pk=demo.region_code)}" if demo.region_code else ""
            self.stdout.write(f"  {demo.username:<10} / {demo.password:<18} — {role}{region}")
