"""`GET /api/tickets/{ticket_no}/evidence`: the files citizens sent with a ticket, with short-lived links.

Only for officers who may read the ticket's content (`aduan.domain.access`: a FULL view); the duty desk's
withheld view of a sensitive ticket and other units' officers get 403. Every call is audited.

Each file: `attachment_id`, `status` (`stored`, `too_large`, `failed`), `kind`, `channel`, `sha256`, `size`,
`content_type` (read from the bytes), `declared_type`, `type_check`, `received_at`, `fetched_at`, `reason`,
`filename`; a stored file also has `url` (a pre-signed GET, `url_expires_in` seconds), and `inline` (true:
an image, audio, video or PDF the console may show or play in place; false: offered as a download).
"""

from __future__ import annotations

from functools import cache

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from aduan.api import services
from aduan.api.errors import json_response
from aduan.services.evidence import EvidenceViewer

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]


@cache
def viewer() -> EvidenceViewer:
    from aduan.adapters.evidence_store import EvidenceBucket, EvidenceLedger
    from aduan.services.evidence import EvidenceConfig

    cfg = EvidenceConfig.from_env()
    return EvidenceViewer(
        services.workflow(), EvidenceLedger(cfg.table_name), EvidenceBucket(cfg.bucket), cfg.link_seconds
    )


@router.get("/<ticket_no>/evidence")
def list_evidence(ticket_no: str) -> Response[str]:
    who = services.caller(router.current_event.request_context.authorizer.jwt_claim)
    from aduan.services.officer import ticket_no_of

    return json_response(200, viewer().list(who, ticket_no_of(ticket_no)))
