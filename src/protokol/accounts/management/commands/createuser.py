from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from protokol.accounts.models import Role, User
from protokol.core.audit import record
from protokol.regions.models import Region


class Command(BaseCommand):
    help = (
        "Создаёт пользователя с ролью (admin, curator, operator, observer); оператору "
        "указывается субъект РФ (код или наименование). / Creates a user with a role; an "
        "operator needs --region."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username", help="логин")
        roles = ", ".join(f"{value} — {label}" for value, label in Role.choices)
        parser.add_argument("--role", required=True, help=f"роль: {roles}")
        parser.add_argument("--region", help="субъект РФ оператора: код (31) или наименование")
        parser.add_argument("--email", default="", help="адрес электронной почты")
        parser.add_argument("--last-name", default="", help="фамилия")
        parser.add_argument("--first-name", default="", help="имя")
        parser.add_argument("--middle-name", default="", help="отчество")
        parser.add_argument(
            "--password", help="пароль (если не указан — создаётся случайный и печатается)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip()
        try:
            role = Role(options["role"].strip().lower())
        except ValueError:
            allowed = ", ".join(Role.values)
            raise CommandError(
                f"Неизвестная роль «{options['role']}». Допустимы: {allowed}."
            ) from None
        region = _region(options["region"])
        user = User(
            username=username,
            role=role,
            region=region,
            email=options["email"],
            last_name=options["last_name"],
            first_name=options["first_name"],
            middle_name=options["middle_name"],
        )
        if user.is_regional_operator and region is None:
            raise CommandError("Оператору региона нужно указать субъект РФ: --region 31.")
        if not user.is_regional_operator and region is not None:
            raise CommandError(
                "Субъект РФ указывается только у оператора региона (--role operator)."
            )
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"Пользователь «{username}» уже существует.")
        # The ministry's administrators also manage reference data in Django admin.
        user.is_staff = user.is_superuser = user.administers_protocols
        generated = options["password"] is None
        password = secrets.token_urlsafe(12) if generated else options["password"]
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Пароль не принят: " + " ".join(error.messages)) from error
        user.set_password(password)
        with transaction.atomic():
            user.save()
            where = f", {region.name}" if region else ""
            record(
                None,
                "user.created",
                user,
                f"Создан пользователь {username} ({user.get_role_display()}{where}) из командной строки",
                region_code=region.code if region else "",
            )
        self.stdout.write(f"Создан пользователь {username}: {user.get_role_display()}{where}.")
        if generated:
            self.stdout.write(f"Пароль (показывается один раз): {password}")


def _region(value: str | None) -> Region | None:
    if not value:
        return None
    value = value.strip()
    region = Region.objects.filter(code=value.zfill(2) if value.isdigit() else value).first()
    region = region or Region.objects.filter(name__iexact=value).first()
    region = region or Region.objects.filter(short_name__iexact=value).first()
    if region is None:
        raise CommandError(
            f"Субъект РФ «{value}» не найден. Укажите код (например, 31) или наименование "
            "(например, Белгородская область)."
        )
    return region
