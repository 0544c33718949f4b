"""Adapters for evidence: the evidence bucket, the evidence records and audit items, the fetch queues.

Items (the one table; pk / sk):
- `TICKET#<no>` / `EVIDENCE#<attachment id>`: one per attachment: where it came from (channel, message id,
  media id or URL, when the message was received), what it is (status, SHA-256, size, detected and declared
  type, the type check, the object's key and version) or why it is not kept (too large, failed, reason).
  A stored record is never changed again.
- `TICKET#<no>` / `AUDIT#<received at>#evidence-<attachment id>-<outcome>`: the audit item of that outcome,
  keyed by the attachment, not the time of the fetch, so a redelivered or refetched job cannot add a second
  one. Written in the same transaction as the record, with `attribute_not_exists`.

Objects: `tickets/<no>/<sha256>`, written with `If-None-Match: *`: the same bytes are one object and one
version, however often they are fetched. The bucket's default retention (object lock, governance mode)
applies to every object.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from botocore.exceptions import ClientError

from aduan import aws
from aduan.adapters.workflow_store import iso
from aduan.domain.evidence import EvidenceStatus, FetchJob
from aduan.errors import StorageUnavailable
from aduan.store import TableAdapter, from_item, to_item

EVIDENCE_PREFIX = "EVIDENCE#"


class EvidenceBucket:
    def __init__(self, bucket: str, client: Any = None) -> None:
        self.bucket = bucket
        self._client = client

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = aws.client("s3")
        return self._client

    def put(self, key: str, data: bytes, content_type: str, sha256_b64: str, ticket_no: str) -> str | None:
        """Store the bytes once; returns the object's version id (the existing one when it was there)."""
        try:
            reply = self.client.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=data,
                ContentType=content_type,
                ChecksumAlgorithm="SHA256",
                ChecksumSHA256=sha256_b64,  # S3 checks the bytes it received against it (object lock needs one)
                IfNoneMatch="*",
                Metadata={"ticket-no": ticket_no},
            )
            version = reply.get("VersionId")
        except ClientError as exc:
            code = exc.response["Error"]["Code"]
            if code in ("PreconditionFailed", "412"):
                return self._existing_version(key)
            raise StorageUnavailable(f"s3 {code}") from exc
        return str(version) if version else None

    def _existing_version(self, key: str) -> str | None:
        try:
            version = self.client.head_object(Bucket=self.bucket, Key=key).get("VersionId")
        except ClientError as exc:
            raise StorageUnavailable(f"s3 {exc.response['Error']['Code']}") from exc
        return str(version) if version else None

    def link(self, key: str, version_id: str | None, seconds: int, content_type: str, inline: bool) -> str:
        """A pre-signed GET for one version, served as `content_type`, inline or as a download."""
        params: dict[str, Any] = {
            "Bucket": self.bucket,
            "Key": key,
            "ResponseContentType": content_type,
            "ResponseContentDisposition": "inline" if inline else "attachment",
            "ResponseCacheControl": "private, no-store",
        }
        if version_id:
            params["VersionId"] = version_id
        return str(self.client.generate_presigned_url("get_object", Params=params, ExpiresIn=seconds))


class EvidenceLedger(TableAdapter):
    """Evidence records and their audit items."""

    def get(self, ticket_no: str, attachment_id: str) -> dict[str, Any] | None:
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"TICKET#{ticket_no}"}, "sk": {"S": EVIDENCE_PREFIX + attachment_id}},
            ConsistentRead=True,
        ).get("Item")
        return from_item(item) if item else None

    def records(self, ticket_no: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :e)",
            "ExpressionAttributeValues": {":pk": {"S": f"TICKET#{ticket_no}"}, ":e": {"S": EVIDENCE_PREFIX}},
            "ConsistentRead": True,
        }
        while True:
            response = self._call("query", **kwargs)
            items.extend(from_item(i) for i in response.get("Items", []))
            if "LastEvaluatedKey" not in response:
                return sorted(items, key=lambda i: (i.get("received_at", ""), i.get("index", 0)))
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def record(self, job: FetchJob, outcome: dict[str, Any], event: str, at: datetime) -> bool:
        """Write the attachment's record and its audit item together; False when this outcome was already
        recorded (a redelivery or refetch), or the attachment is already stored."""
        status = outcome["status"]
        record = {
            "pk": f"TICKET#{job.ticket_no}",
            "sk": EVIDENCE_PREFIX + job.attachment_id,
            "type": "evidence",
            "ticket_no": job.ticket_no,
            "attachment_id": job.attachment_id,
            "channel": job.channel,
            "message_id": job.message_id,
            "media_id": job.media_id,
            "index": job.index,
            "kind": job.kind,
            "filename": job.filename,
            "received_at": job.received_at,
            "fetched_at": iso(at),
            **outcome,
        }
        details = {k: v for k, v in outcome.items() if k not in ("key", "version_id")}
        details.update(channel=job.channel, message_id=job.message_id, received_at=job.received_at, kind=job.kind)
        audit = {
            "pk": f"TICKET#{job.ticket_no}",
            "sk": f"AUDIT#{iso(datetime.fromisoformat(job.received_at))}#evidence-{job.attachment_id}-{status}",
            "type": "audit",
            "subject_kind": "ticket",
            "ticket_no": job.ticket_no,
            "event": event,
            "actor": "sistem",
            "at": iso(at),
            "details": details,
        }
        try:
            self.client.transact_write_items(
                TransactItems=[
                    {
                        "Put": {
                            "TableName": self.table_name,
                            "Item": to_item(record),
                            "ConditionExpression": "attribute_not_exists(pk) OR #s <> :stored",
                            "ExpressionAttributeNames": {"#s": "status"},
                            "ExpressionAttributeValues": {":stored": {"S": EvidenceStatus.STORED.value}},
                        }
                    },
                    {
                        "Put": {
                            "TableName": self.table_name,
                            "Item": to_item(audit),
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    },
                ]
            )
        except ClientError as exc:
            code = exc.response["Error"]["Code"]
            reasons = {r.get("Code") for r in exc.response.get("CancellationReasons") or []}
            if code == "TransactionCanceledException" and "ConditionalCheckFailed" in reasons:
                return False
            raise StorageUnavailable(code) from exc
        return True

    def audit_view(self, ticket_no: str, officer_id: str, at: datetime, files: Sequence[dict[str, Any]]) -> None:
        """Each view of a ticket's evidence is audited: who, when, which files (by hash)."""
        item = {
            "pk": f"TICKET#{ticket_no}",
            "sk": f"AUDIT#{iso(at)}#{secrets.token_hex(4)}",
            "type": "audit",
            "subject_kind": "ticket",
            "ticket_no": ticket_no,
            "event": "ticket.evidence_viewed",
            "actor": officer_id,
            "at": iso(at),
            "details": {"files": [f["sha256"] for f in files if f.get("sha256")], "links": len(files)},
        }
        self._call(
            "put_item", TableName=self.table_name, Item=to_item(item), ConditionExpression="attribute_not_exists(pk)"
        )


class JobQueue:
    """The evidence queue (fetch jobs) and its dead-letter queue (parked jobs, with their reason)."""

    def __init__(self, queue_url: str, dead_letter_url: str, client: Any = None) -> None:
        self.queue_url = queue_url
        self.dead_letter_url = dead_letter_url
        self._client = client

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = aws.client("sqs")
        return self._client

    def enqueue(self, jobs: Sequence[FetchJob]) -> None:
        for start in range(0, len(jobs), 10):
            chunk = jobs[start : start + 10]
            entries = [{"Id": str(n), "MessageBody": job.model_dump_json()} for n, job in enumerate(chunk)]
            try:
                reply = self.client.send_message_batch(QueueUrl=self.queue_url, Entries=entries)
            except ClientError as exc:
                raise StorageUnavailable(f"sqs {exc.response['Error']['Code']}") from exc
            if reply.get("Failed"):
                raise StorageUnavailable(f"sqs refused {len(reply['Failed'])} of {len(entries)} jobs")

    def park(self, job: FetchJob, reason: str, attempts: int) -> None:
        try:
            self.client.send_message(
                QueueUrl=self.dead_letter_url,
                MessageBody=job.model_dump_json(),
                MessageAttributes={
                    "reason": {"DataType": "String", "StringValue": reason[:256]},
                    "attempts": {"DataType": "Number", "StringValue": str(attempts)},
                    "ticket_no": {"DataType": "String", "StringValue": job.ticket_no},
                },
            )
        except ClientError as exc:
            raise StorageUnavailable(f"sqs {exc.response['Error']['Code']}") from exc

    def back_off(self, receipt_handle: str, seconds: int) -> None:
        """Keep a failed job invisible for `seconds` before its next attempt (best effort)."""
        try:
            self.client.change_message_visibility(
                QueueUrl=self.queue_url, ReceiptHandle=receipt_handle, VisibilityTimeout=seconds
            )
        except ClientError:
            return  # the queue's own visibility timeout still spaces the retries


def job_from_body(body: str) -> FetchJob:
    return FetchJob.model_validate(json.loads(body))
