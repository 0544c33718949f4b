"""Seed the workflow's local parts: the escalation ladder (supervisors, duty commanders) and an account in the
officers' user pool for every demo officer (username = officer id, password `DEMO_PASSWORD`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from aduan import aws
from aduan.adapters.roster_store import RosterAdmin, RosterEntry
from aduan.adapters.workflow_store import WorkflowStore
from aduan.domain.roster import Role
from aduan.models import Officer
from devstack import cognito

LADDER_FILE = Path(__file__).with_name("demo_ladder.json")


def demo_ladder() -> list[tuple[Officer, str]]:
    """(officer, role) for each supervisor and duty commander of the demo ladder (fictional people)."""
    return [(Officer.model_validate(row), str(row["role"])) for row in json.loads(LADDER_FILE.read_text())]


def user_pool_id() -> str | None:
    """The stack's officer user pool on the embedded endpoint (the only one there)."""
    pools = aws.client("cognito-idp").list_user_pools(MaxResults=10)["UserPools"]
    officers = [p["Id"] for p in pools if str(p["Name"]).endswith("-officers")]
    return officers[0] if officers else None


def client_id(pool_id: str) -> str:
    clients = aws.client("cognito-idp").list_user_pool_clients(UserPoolId=pool_id, MaxResults=10)["UserPoolClients"]
    return str(clients[0]["ClientId"])


def seed(env: Mapping[str, str], roster: list[Officer]) -> None:
    store = WorkflowStore(env["TABLE_NAME"])
    admin = RosterAdmin(env["TABLE_NAME"])
    ladder = demo_ladder()
    for officer, role in ladder:
        store.put_ladder(officer, role)
    # Each demo officer's managed profile (`/api/roster` reads and changes it). A restart keeps what the
    # roster API changed: the managed entry wins over the demo file's copy written just before.
    for officer, role in [*((o, "officer") for o in roster), *ladder]:
        demo = RosterEntry(officer, Role(role))
        managed = admin.get(officer.officer_id)
        if managed is None:
            admin.seed(demo)
            continue
        if managed.placement != demo.placement:
            admin.remove_placement(demo)
        admin.seed(managed)
    pool = user_pool_id()
    if pool is None:
        return
    accounts = [(o.officer_id, o.unit, "officer") for o in roster]
    accounts += [(o.officer_id, o.unit, role) for o, role in ladder]
    cognito.seed_accounts(pool, accounts)
