"""`/a/<token>`: the one-tap acknowledgement page linked from every alert SMS (no login: the token is the key).

GET shows the ticket's facts and one button and changes nothing (SMS apps and link scanners fetch links);
POST, from that button, acknowledges as the link's officer; the link of an incident's alert acknowledges every
ticket of the incident still waiting. Unknown, forged or expired links: a page saying so, and nothing changes.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from aduan.api import services
from aduan.domain.ack_link import LinkState
from aduan.domain.workflow_texts import ack_page, acknowledged_page, problem_page

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
}
PROBLEM_STATUS = {LinkState.UNKNOWN: 404, LinkState.EXPIRED: 410, LinkState.FINISHED: 409}


def _html(status: int, body: str) -> Response[str]:
    return Response(status_code=status, content_type="text/html; charset=utf-8", body=body, headers=HEADERS)


@router.get("/<token>")
def open_link(token: str) -> Response[str]:
    view = services.links().view(token)
    if view.state is not LinkState.VALID or view.workflow is None or view.grant is None:
        return _html(PROBLEM_STATUS.get(view.state, 404), problem_page(view.state.value))
    state, incident = view.workflow, view.incident
    waiting = incident.waiting if incident is not None else (0 if state.acknowledged_by else 1)
    if not waiting:
        by = state.acknowledged_by or "-"
        return _html(
            200,
            acknowledged_page(
                ticket_no=state.ticket_no,
                by=by,
                at=state.acknowledged_at or state.updated_at,
                mine=by == view.grant.officer_id,
                incident=(incident.incident_id, 0) if incident is not None else None,
            ),
        )
    return _html(
        200,
        ack_page(
            ticket_no=state.ticket_no,
            priority=state.priority,
            category=state.category,
            area=state.area,
            created_at=state.created_at,
            officer_id=view.grant.officer_id,
            incident=(incident.incident_id, incident.tickets, incident.waiting) if incident is not None else None,
        ),
    )


@router.post("/<token>")
def acknowledge(token: str) -> Response[str]:
    view, result = services.links().acknowledge(token)
    if view.state is not LinkState.VALID or view.workflow is None or view.grant is None:
        return _html(PROBLEM_STATUS.get(view.state, 404), problem_page(view.state.value))
    state, incident = view.workflow, view.incident
    by = state.acknowledged_by or view.grant.officer_id
    mine = result is not None or by == view.grant.officer_id
    return _html(
        200 if mine else 409,
        acknowledged_page(
            ticket_no=state.ticket_no,
            by=by,
            at=state.acknowledged_at or state.updated_at,
            mine=mine,
            incident=(incident.incident_id, incident.acknowledged) if incident is not None else None,
        ),
    )
