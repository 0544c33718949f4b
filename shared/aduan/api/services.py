"""The officer API's services, built once per execution environment on first use, and the caller."""

from __future__ import annotations

from datetime import timedelta
from functools import cache
from typing import Any

from aduan.api.errors import Unauthorized
from aduan.domain.access import Principal
from aduan.services.incidents import IncidentService
from aduan.services.officer import OfficerDesk
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

    return AckLinks(workflow(), settings.workflow().ack_base_url)


def reset() -> None:
    for built in (workflow, desk, links, incidents):
        built.cache_clear()


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
