"""Open311 GeoReport v2 use cases: authenticate a client, file a service request, read a client's requests.

An app report is a message of channel `app` filed directly (`aduan.services.filing`, the 110 call centre's
path): triaged, deduplicated, alerted from the stream like any channel's. Each service request is its own
conversation (`open311:<client>:<request key>`), so it never joins an earlier ticket: Open311 identifies a
request by the id its POST returned, and a request merged into another would answer with an id the app
already has. The request key is the client's `Idempotency-Key` (hashed with the client id), so a retried POST
finds the ticket the first one made even after Powertools' idempotency record has expired; without the
header every POST is a new request.

What a client reads back is the ticket's public face only: status, notes, the responsible Polsek, times
from the SLA, a coarse location. Never the description, the media or the contact; a sensitive ticket
(`kdrt_ppa`, `pengaduan_petugas`) shows only its status.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from aduan.adapters.open311_store import Client, FiledRequest, Open311Store
from aduan.adapters.workflow_store import WorkflowState, iso
from aduan.alerts import UNIT_NAMES
from aduan.domain.workflow import FINISHED
from aduan.domain.workflow_texts import WIB
from aduan.ingest import Ingestor
from aduan.models import Channel, CitizenIdentity, GeoPoint, InboundMessage, Media, Ticket, TicketStatus, utcnow
from aduan.open311.catalogue import SENSITIVE, SERVICES, service_name
from aduan.open311.errors import Forbidden, NotFound
from aduan.open311.models import RequestQuery, ServiceRequestForm
from aduan.services.filing import file_message
from aduan.services.workflow import WorkflowService
from aduan.sms import AREA_LABELS
from aduan.ticket_number import normalize
from aduan.triage import POLSEK_AREAS

JURISDICTION_ID = "polresta-malang-kota"
DEFAULT_SPAN = timedelta(days=90)  # the spec's default query limit: 90 days or 1,000 requests
MAX_RESULTS = 1000
COARSE_DIGITS = 2  # about 1.1 km: enough to see the district, not the house
CITY_DESK = "Polresta Malang Kota"
STATUS_NOTES = {
    TicketStatus.BARU: "Laporan sudah masuk dan menunggu petugas.",
    TicketStatus.DITERIMA: "Laporan sudah diterima petugas.",
    TicketStatus.DITANGANI: "Laporan sedang ditangani petugas.",
    TicketStatus.SELESAI: "Laporan selesai ditangani.",
    TicketStatus.DITUTUP: "Laporan ditutup.",
}


def key_hash(api_key: str) -> str:
    """SHA-256 of an API key: keys are 256 random bits, so a fast hash is enough (no dictionary to try)."""
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()


def open311_status(status: TicketStatus) -> str:
    return "closed" if status in FINISHED else "open"


def agency(area: str | None) -> str:
    """The Polsek of the ticket's area; the city's Polresta when the area is unknown or outside the city."""
    return UNIT_NAMES[area] if area in POLSEK_AREAS else CITY_DESK


def local_time(moment: datetime) -> str:
    return moment.astimezone(WIB).isoformat(timespec="seconds")


def coarse(value: float | None) -> float | None:
    return None if value is None else round(value, COARSE_DIGITS)


def service_notice(ticket_no: str, priority: str) -> str:
    """The receipt an app report gets: its number, in the POST's answer (there is no channel to send on)."""
    text = (
        f"Laporan Anda tercatat dengan nomor {ticket_no}. Pantau statusnya di aplikasi, "
        "atau sebutkan nomor ini bila menghubungi polisi."
    )
    if priority == "darurat":
        text += " Jika nyawa terancam, hubungi 110."
    return text


def request_row(state: WorkflowState, lat: float | None, lon: float | None) -> dict[str, Any]:
    """A ticket as an Open311 service request, without the description, the media or the contact."""
    status = open311_status(state.status)
    if state.sensitive or state.category in SENSITIVE:
        return {"service_request_id": state.ticket_no, "status": status}
    area = AREA_LABELS.get(state.area or "")
    row: dict[str, Any] = {
        "service_request_id": state.ticket_no,
        "status": status,
        "status_notes": STATUS_NOTES[state.status],
        "service_name": service_name(state.category),
        "service_code": state.category,
        "agency_responsible": agency(state.area),
        "requested_datetime": local_time(state.created_at),
        "updated_datetime": local_time(state.updated_at),
        "expected_datetime": local_time(state.resolve_due_at),
        "address": f"Kecamatan {area}, Kota Malang" if area and state.area in POLSEK_AREAS else area,
        "lat": coarse(lat),
        "long": coarse(lon),
    }
    return {k: v for k, v in row.items() if v is not None}


def request_key(client: Client, idempotency_key: str | None) -> str:
    if idempotency_key is None:
        return uuid.uuid4().hex
    return hashlib.sha256(f"{client.client_id}\n{idempotency_key}".encode()).hexdigest()[:32]


def conversation_prefix(client: Client) -> str:
    return f"{Channel.APP.value}#open311:{client.client_id}:"


def app_message(client: Client, form: ServiceRequestForm, key: str, now: datetime) -> InboundMessage:
    """The service request as a citizen message of channel `app`. Triage reads the description, the address
    (for the area) and the service's name (the citizen's own classification, last, so the alert SMS shows
    their words first); coordinates, when given, decide the area."""
    lines = [form.description] if form.description else []  # the citizen's words first (the SMS snippet)
    if form.address_string:
        lines.append(f"Lokasi: {form.address_string}")
    lines.append(f"(Pilihan aplikasi: {SERVICES[form.service_code].name})")
    location = (
        GeoPoint(lat=form.lat, lon=form.lon, address=form.address_string)
        if form.lat is not None and form.lon is not None
        else None
    )
    name = " ".join(p for p in (form.first_name, form.last_name) if p) or None
    return InboundMessage(
        channel=Channel.APP,
        platform_message_id=key,
        account_id=client.client_id,
        citizen=CitizenIdentity(
            channel=Channel.APP,
            platform_id=f"{client.client_id}:{form.account_id or form.device_id or key}",
            display_name=name,
            phone=form.phone,
            email=form.email,
        ),
        conversation_id=f"open311:{client.client_id}:{key}",
        sent_at=now,
        kind="text",
        text="\n".join(lines),
        location=location,
        # A link the app gives, not a platform file: not fetched by the evidence worker (kind `link`).
        media=(Media(kind="link", media_id=form.media_url, url=form.media_url),) if form.media_url else (),
    )


class Open311Service:
    def __init__(
        self,
        store: Open311Store,
        workflow: WorkflowService,
        ingestor: Callable[[], Ingestor],
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.workflow = workflow
        self._ingestor = ingestor
        self.clock = clock

    # ------------------------------------------------------------------ clients
    def authenticate(self, api_key: str | None) -> Client:
        if not api_key:
            raise Forbidden("api_key is required")
        client = self.store.client_for(key_hash(api_key))
        if client is None:
            raise Forbidden("Invalid api_key")
        return client

    # ------------------------------------------------------------------ filing
    def submit(self, client: Client, form: ServiceRequestForm, idempotency_key: str | None) -> dict[str, Any]:
        """File the request; the answer's `status` is 201 for a new ticket, 200 when a retry found it."""
        if form.jurisdiction_id not in (None, JURISDICTION_ID):
            raise NotFound("jurisdiction_id not found")
        key = request_key(client, idempotency_key)
        message = app_message(client, form, key, self.clock())
        filed = file_message(self.workflow, self._ingestor(), message, actor=f"open311:{client.client_id}")
        ticket = filed.ticket
        self.store.record_request(
            client.client_id,
            FiledRequest(
                ticket.ticket_no,
                iso(ticket.created_at),
                coarse(ticket.location.lat) if ticket.location else None,
                coarse(ticket.location.lon) if ticket.location else None,
            ),
        )
        return {
            "status": 201 if filed.outcome == "created" else 200,
            "service_request_id": ticket.ticket_no,
            "service_notice": service_notice(ticket.ticket_no, ticket.triage.priority),
        }

    # ------------------------------------------------------------------ reading
    def owned(self, client: Client, ticket: Ticket) -> bool:
        return ticket.channel is Channel.APP and ticket.conversation.startswith(conversation_prefix(client))

    def request(self, client: Client, service_request_id: str) -> dict[str, Any]:
        """One of the client's requests; another client's, or an unknown id, is 404 (existence not told)."""
        try:
            ticket_no = normalize(service_request_id)
        except ValueError:
            raise NotFound("service_request_id not found") from None
        ticket = self.workflow.tickets.get_ticket(ticket_no)
        if ticket is None or not self.owned(client, ticket):
            raise NotFound("service_request_id not found")
        _, state = self.workflow.state(ticket_no)
        location = ticket.location
        return request_row(state, location.lat if location else None, location.lon if location else None)

    def requests(self, client: Client, query: RequestQuery) -> list[dict[str, Any]]:
        if query.service_request_id:
            rows = []
            for wanted in dict.fromkeys(query.service_request_id):
                try:
                    rows.append(self.request(client, wanted))
                except NotFound:
                    continue
            return rows
        end = query.end_date or self.clock()
        start = query.start_date or end - DEFAULT_SPAN
        filed = self.store.requests(client.client_id, start, end, MAX_RESULTS)
        states = self.store.workflow_states([f.ticket_no for f in filed])
        rows = []
        for f in filed:
            state = states.get(f.ticket_no) or self.workflow.state(f.ticket_no)[1]
            if query.service_code and state.category not in query.service_code:
                continue
            if query.status and open311_status(state.status) not in query.status:
                continue
            rows.append(request_row(state, f.lat, f.lon))
        return rows
