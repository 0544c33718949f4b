"""The officer API's services, built once per execution environment on first use, and the caller."""

from __future__ import annotations

from datetime import timedelta
from functools import cache
from typing import Any

from aduan.api.errors import Unauthorized
from aduan.domain.access import Principal
from aduan.services.incidents import IncidentService
from aduan.services.officer import OfficerDesk
from aduan.services.roster import AccountGate, RosterService
from aduan.services.workflow import AckLinks, WorkflowService


@cache
def workflow() -> WorkflowService:
    from aduan.adapters.workflow_store import WorkflowStore
    from aduan.services import settings
    from aduan.store import TicketStore

    cfg = settings.workflow()
    return WorkflowService(WorkflowStore(cfg.table_name), TicketStore(cfg.table_name), cfg.policy)


@cache
def desk() -> OfficerDesk:
    from aduan.ingest import Ingestor
    from aduan.services import settings

    service = workflow()
    window = timedelta(hours=settings.workflow().thread_window_hours)
    ingestor = Ingestor(service.tickets, window, incidents=incidents())
    return OfficerDesk(service, lambda: ingestor)


@cache
def incidents() -> IncidentService:
    from aduan.adapters.incident_store import IncidentStore
    from aduan.services import settings

    return IncidentService(IncidentStore(settings.workflow().table_name))


@cache
def links() -> AckLinks:
    from aduan.services import settings

    return AckLinks(workflow(), settings.workflow().ack_base_url, incidents())


@cache
def roster() -> RosterService:
    from aduan.adapters.cognito import UserPool
    from aduan.adapters.roster_store import RosterAdmin
    from aduan.services import settings

    cfg = settings.workflow()
    return RosterService(RosterAdmin(cfg.table_name), UserPool(cfg.user_pool_id), cfg.mfa_groups)


@cache
def gate() -> AccountGate:
    from aduan.adapters.cognito import SOFTWARE_TOKEN, UserPool
    from aduan.adapters.roster_store import RosterAdmin
    from aduan.services import settings

    cfg = settings.workflow()
    if not cfg.user_pool_id:
        return AccountGate(RosterAdmin(cfg.table_name), cfg.mfa_groups, None)
    pool = UserPool(cfg.user_pool_id)

    def mfa_enabled(username: str) -> bool:
        account = pool.account(username)
        return account is not None and SOFTWARE_TOKEN in account.mfa

    return AccountGate(RosterAdmin(cfg.table_name), cfg.mfa_groups, mfa_enabled)


def reset() -> None:
    for built in (workflow, desk, links, incidents, roster, gate):
        built.cache_clear()


def caller(claims: dict[str, Any]) -> Principal:
    """The authenticated officer, admitted by the account gate (not disabled; MFA where required)."""
    who = principal(claims)
    gate().admit(who)
    return who


def principal(claims: dict[str, Any]) -> Principal:
    """The officer the HTTP API's JWT authorizer let through (Cognito access token claims).

    API Gateway passes list claims as one string, `[piket polsek_klojen]`; both shapes are read.
    """
    officer_id = claims.get("username") or claims.get("cognito:username")
    if not officer_id:
        raise Unauthorized("Token tidak ada atau tidak valid")
    raw = claims.get("cognito:groups") or []
    if isinstance(raw, str):
        raw = raw.strip("[]").replace(",", " ").split()
    return Principal(str(officer_id), frozenset(str(g) for g in raw))
