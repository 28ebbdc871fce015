"""Demo users for the embedded default: one per role, operators for three regions."""

from __future__ import annotations

from dataclasses import dataclass

from protokol.accounts.models import Role, User


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    last_name: str
    first_name: str
    middle_name: str
    region_code: str | None = None


DEMO_USERS = (
    DemoUser("admin", "admin-protokol", Role.ADMIN, "Мелихова", "Светлана", "Евгеньевна"),
    DemoUser("curator", "curator-protokol", Role.CURATOR, "Меньшикова", "Елена", "Сергеевна"),
    DemoUser("observer", "observer-protokol", Role.OBSERVER, "Софронова", "Марина", "Игоревна"),
    DemoUser("belgorod", "belgorod-protokol", Role.OPERATOR, "Иванова", "Анна", "Петровна", "31"),
    DemoUser("moscow", "moscow-protokol", Role.OPERATOR, "Петров", "Илья", "Андреевич", "77"),
    DemoUser("tyva", "tyva-protokol", Role.OPERATOR, "Монгуш", "Айдын", "Олегович", "17"),
)


def create_demo_users() -> list[DemoUser]:
    """Create the demo users or reset their passwords; returns them for printing."""
    for demo in DEMO_USERS:
        # The ministry's administrators also manage reference data in Django admin.
        administrator = User(role=demo.role).administers_protocols
        user, _ = User.objects.update_or_create(
            username=demo.username,
            defaults={
                "role": demo.role,
                "last_name": demo.last_name,
                "first_name": demo.first_name,
                "middle_name": demo.middle_name,
                "region_id": demo.region_code,
                "email": f"{demo.username}@example.ru",
                "is_staff": administrator,
                "is_superuser": administrator,
            },
        )
        user.set_password(demo.password)
        user.save(update_fields=["password"])
    return list(DEMO_USERS)
