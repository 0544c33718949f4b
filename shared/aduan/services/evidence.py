"""Evidence use cases: dispatch fetch jobs from the table's stream, fetch and keep each file, show it safely.

Why the stream and not the normalizer: the table's stream is already the outbox (README, "How it works").
A ticket stored just before a crash still gets its files fetched, the normalizer's path (and so the
ticket's alert) gains no call at all, and a follow-up that adds a photo, from any path that writes a
ticket, is seen the same way. The dispatcher only turns records into jobs on the evidence queue; the
downloads happen in the fetcher, from that queue, with their own retries, backoff and dead-letter queue, so
a slow or failing platform never delays a ticket, its alert or another stream consumer.

Exactly once: a job is identified by its attachment (`FetchJob.attachment_id`); the file's object is keyed
by its hash and written with `If-None-Match`, its record and audit item are written in one conditional
transaction. A redelivered stream record, a retried job, or two fetchers at once make one object, one
record and one audit item. A crash after the object was written and before the record: the retry finds
the object (same key, same bytes) and writes the record.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from aduan.domain import evidence as ev
from aduan.domain.access import Principal, View
from aduan.domain.workflow import Forbidden
from aduan.models import Ticket, utcnow


@dataclass(frozen=True, slots=True)
class EvidenceConfig:
    table_name: str
    bucket: str
    queue_url: str
    dead_letter_url: str
    max_attempts: int = 5  # the evidence queue's attempts before a transient failure is parked
    retry_base_seconds: int = 30  # backoff: base * 2^(attempt - 1), at most 15 minutes
    link_seconds: int = 300  # how long a pre-signed link works

    @classmethod
    def from_env(cls) -> EvidenceConfig:
        return cls(
            table_name=os.environ["TABLE_NAME"],
            bucket=os.environ.get("EVIDENCE_BUCKET", ""),
            queue_url=os.environ.get("EVIDENCE_QUEUE_URL", ""),
            dead_letter_url=os.environ.get("EVIDENCE_DLQ_URL", ""),
            max_attempts=int(os.environ.get("EVIDENCE_MAX_ATTEMPTS", "5")),
            retry_base_seconds=int(os.environ.get("EVIDENCE_RETRY_BASE_SECONDS", "30")),
            link_seconds=int(os.environ.get("EVIDENCE_LINK_SECONDS", "300")),
        )

    def backoff(self, attempt: int) -> int:
        return int(min(900, self.retry_base_seconds * 2 ** max(0, attempt - 1)))


# ---------------------------------------------------------------------------------------------- ports
class Bucket(Protocol):
    def put(self, key: str, data: bytes, content_type: str, sha256_b64: str, ticket_no: str) -> str | None: ...
    def link(self, key: str, version_id: str | None, seconds: int, content_type: str, inline: bool) -> str: ...


class Ledger(Protocol):
    def get(self, ticket_no: str, attachment_id: str) -> dict[str, Any] | None: ...
    def records(self, ticket_no: str) -> list[dict[str, Any]]: ...
    def record(self, job: ev.FetchJob, outcome: dict[str, Any], event: str, at: datetime) -> bool: ...
    def audit_view(self, ticket_no: str, officer_id: str, at: datetime, files: list[dict[str, Any]]) -> None: ...


class Queue(Protocol):
    def enqueue(self, jobs: list[ev.FetchJob]) -> None: ...


Downloader = Callable[[ev.FetchJob], Any]  # job -> aduan.channels.media.Download


# ---------------------------------------------------------------------------------------------- dispatch
class Dispatcher:
    def __init__(self, queue: Queue) -> None:
        self.queue = queue

    def handle(self, record: dict[str, Any]) -> int:
        """Enqueue the fetch jobs a ticket's stream record asks for; returns how many."""
        from aduan.store import ticket_from_item

        images = record.get("dynamodb") or {}
        if "NewImage" not in images or images.get("Keys", {}).get("sk", {}).get("S") != "TICKET":
            return 0
        new = ticket_from_item(images["NewImage"])
        old: Ticket | None = ticket_from_item(images["OldImage"]) if "OldImage" in images else None
        jobs = ev.jobs_for(new, old)
        if jobs:
            self.queue.enqueue(jobs)
        return len(jobs)


# ---------------------------------------------------------------------------------------------- fetch
class Outcome(StrEnum):
    STORED = "stored"
    ALREADY = "already"  # recorded before (a redelivery or refetch): nothing new
    TOO_LARGE = "too_large"
    PARKED = "parked"  # failed for good, or on its last attempt: recorded on the ticket, to the DLQ
    RETRY = "retry"


@dataclass(frozen=True, slots=True)
class FetchResult:
    outcome: Outcome
    reason: str = ""
    sha256: str | None = None
    size: int | None = None


def channel_downloader(job: ev.FetchJob) -> Any:
    """The channel's media client (`aduan.channels.<channel>.media`), with its access token from SSM."""
    from aduan.channels.tokens import access_token

    client = importlib.import_module(f"aduan.channels.{job.channel}.media")
    return client.download(job, lambda: access_token(job.channel))


class Fetcher:
    def __init__(
        self,
        bucket: Bucket,
        ledger: Ledger,
        download: Downloader = channel_downloader,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.bucket = bucket
        self.ledger = ledger
        self.download = download
        self.clock = clock

    def fetch(self, job: ev.FetchJob, attempt: int, max_attempts: int) -> FetchResult:
        from aduan.channels.media import MediaError, TooLarge
        from aduan.channels.tokens import TokenUnavailable

        known = self.ledger.get(job.ticket_no, job.attachment_id)
        if known and known.get("status") in (ev.EvidenceStatus.STORED, ev.EvidenceStatus.TOO_LARGE):
            return FetchResult(Outcome.ALREADY, sha256=known.get("sha256"), size=known.get("size"))
        try:
            got = self.download(job)
        except TooLarge as cut:
            outcome = {
                "status": ev.EvidenceStatus.TOO_LARGE.value,
                "limit": cut.limit,
                "size_seen": cut.seen,
                "reason": f"over the {cut.limit // ev.MB} MB limit for {ev.FETCHABLE.get(job.kind, 'document')}",
            }
            self.ledger.record(job, outcome, ev.EVIDENCE_REJECTED, self.clock())
            return FetchResult(Outcome.TOO_LARGE, reason="too large", size=cut.seen)
        except MediaError as error:
            return self._failed(job, error.reason, error.transient, attempt, max_attempts)
        except TokenUnavailable as error:
            reason = "access token not configured" if not error.configured else "access token unreadable"
            return self._failed(job, reason, True, attempt, max_attempts)
        return self._keep(job, got.data, job.mime_type or got.content_type)

    def _failed(self, job: ev.FetchJob, reason: str, transient: bool, attempt: int, max_attempts: int) -> FetchResult:
        if transient and attempt < max_attempts:
            return FetchResult(Outcome.RETRY, reason=reason)
        final = reason if not transient else f"{reason} (after {attempt} attempts)"
        outcome = {"status": ev.EvidenceStatus.FAILED.value, "reason": final, "attempts": attempt}
        self.ledger.record(job, outcome, ev.EVIDENCE_REJECTED, self.clock())
        return FetchResult(Outcome.PARKED, reason=final)

    def _keep(self, job: ev.FetchJob, data: bytes, declared: str | None) -> FetchResult:
        digest = hashlib.sha256(data)
        sha_hex = digest.hexdigest()
        check = ev.check_type(declared, data)
        key = ev.object_key(job.ticket_no, sha_hex)
        version = self.bucket.put(
            key, data, check.content_type, base64.b64encode(digest.digest()).decode(), job.ticket_no
        )
        outcome: dict[str, Any] = {
            "status": ev.EvidenceStatus.STORED.value,
            "sha256": sha_hex,
            "size": len(data),
            "content_type": check.content_type,
            "declared_type": check.declared,
            "type_check": check.verdict.value,
            "key": key,
            "version_id": version,
        }
        matches = ev.platform_hash_matches(job.platform_sha256, digest.digest())
        if matches is not None:
            outcome["platform_sha256_match"] = matches
        written = self.ledger.record(job, outcome, ev.EVIDENCE_STORED, self.clock())
        return FetchResult(Outcome.STORED if written else Outcome.ALREADY, sha256=sha_hex, size=len(data))


# ---------------------------------------------------------------------------------------------- show
class Tickets(Protocol):
    def state(self, ticket_no: str) -> tuple[Ticket, Any]: ...


class EvidenceViewer:
    """`GET /api/tickets/{no}/evidence`: the files, with short-lived links, for officers who may read the
    ticket's content (the same rule as the ticket's content, `aduan.domain.access`); every view audited."""

    def __init__(
        self,
        tickets: Tickets,
        ledger: Ledger,
        bucket: Bucket,
        link_seconds: int,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.tickets = tickets
        self.ledger = ledger
        self.bucket = bucket
        self.link_seconds = link_seconds
        self.clock = clock

    def list(self, who: Principal, ticket_no: str) -> dict[str, Any]:
        _, state = self.tickets.state(ticket_no)
        if who.view(state.category, state.area) is not View.FULL:
            raise Forbidden("Anda tidak berwenang melihat bukti tiket ini")
        files = []
        for record in self.ledger.records(state.ticket_no):
            entry = ev.describe(record)
            if record.get("status") == ev.EvidenceStatus.STORED and record.get("key"):
                content_type = str(record.get("content_type") or ev.OCTET_STREAM)
                shown_inline = ev.inline(content_type)
                entry["inline"] = shown_inline
                entry["url"] = self.bucket.link(
                    record["key"], record.get("version_id"), self.link_seconds, content_type, shown_inline
                )
                entry["url_expires_in"] = self.link_seconds
            files.append(entry)
        self.ledger.audit_view(state.ticket_no, who.officer_id, self.clock(), files)
        return {"ticket_no": state.ticket_no, "files": files}
