"""Data for the load test: the sample published, 89 operators (one per region), 10 ministry users.

Run by bench/load/run_load.py against its own database; prints the users as JSON.
"""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protokol.project.settings")
django.setup()

from protokol.accounts.models import Role, User  # noqa: E402
from protokol.publication.sample import load_sample  # noqa: E402
from protokol.regions.models import Region  # noqa: E402

PASSWORD = "нагрузка-2024"


def user(username: str, role: str, region: str | None = None) -> User:
    person = User.objects.create_user(
        username, password=PASSWORD, role=role, region_id=region, last_name=username
    )
    return person


admins = [user(f"admin{n}", Role.ADMIN) for n in range(2)]
curators = [user(f"curator{n}", Role.CURATOR) for n in range(8)]
operators = [user(f"op{r.code}", Role.OPERATOR, r.code) for r in Region.objects.all()]
protocol, _ = load_sample(admins[0])
protocol.instructions.update(curator=curators[0])
print(
    json.dumps(
        {
            "password": PASSWORD,
            "protocol": protocol.pk,
            "operators": [u.username for u in operators],
            "ministry": [u.username for u in (*admins, *curators)],
        }
    )
)
