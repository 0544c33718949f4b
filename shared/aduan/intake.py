"""The intake queue: how a verified webhook delivery travels from a webhook function to the normalizer.

A webhook function wraps the raw delivery in an envelope and sends it to SQS. Deliveries larger than an
SQS message (WhatsApp's can reach 3 MB) are written to the payload bucket and the envelope carries a
reference instead, so nothing is lost and the webhook still answers at once.

A signed body the webhook cannot read is parked: the same envelope goes to the intake dead-letter queue
with a `reason` attribute, its body kept whole (inline when it is UTF-8 and small enough, otherwise the
exact bytes in the payload bucket), for an operator to inspect or redrive.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from aduan import aws
from aduan.errors import InvalidPayload, StorageUnavailable

ENVELOPE_VERSION = 1
# SQS accepts 256 KiB per message; leave room for the envelope and message attributes.
MAX_INLINE_BYTES = 240 * 1024
_SQS_REFUSES = re.compile("[\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Envelope:
    """One verified delivery from one platform, as received."""

    channel: str
    received_at: str
    request_id: str
    body: str | None = None
    body_ref: dict[str, str] | None = None

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "v": ENVELOPE_VERSION,
            "channel": self.channel,
            "received_at": self.received_at,
            "request_id": self.request_id,
        }
        if self.body_ref is not None:
            data["body_ref"] = self.body_ref
        else:
            data["body"] = self.body
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        # SQS refuses a few valid code points (U+FFFE, U+FFFF); escaped, the envelope says the same thing.
        return json.dumps(data, separators=(",", ":")) if _SQS_REFUSES.search(text) else text

    @classmethod
    def from_json(cls, text: str) -> Envelope:
        try:
            data = json.loads(text)
            if data.get("v") != ENVELOPE_VERSION:
                raise InvalidPayload(f"unsupported envelope version {data.get('v')!r}")
            ref = data.get("body_ref")
            if ref is not None and not (isinstance(ref, dict) and {"bucket", "key"} <= ref.keys()):
                raise InvalidPayload("body_ref needs bucket and key")
            if ref is None and not isinstance(data.get("body"), str):
                raise InvalidPayload("envelope has neither body nor body_ref")
            return cls(
                channel=str(data["channel"]),
                received_at=str(data["received_at"]),
                request_id=str(data.get("request_id", "")),
                body=data.get("body"),
                body_ref=ref,
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InvalidPayload(f"not an intake envelope: {type(exc).__name__}") from exc


class IntakeQueue:
    """Adapter for the intake queue and the payload bucket behind it."""

    def __init__(
        self,
        bucket: str,
        queue_url: str | None = None,
        dead_letter_queue_url: str | None = None,
        sqs: Any = None,
        s3: Any = None,
    ) -> None:
        self.bucket = bucket
        self.queue_url = queue_url
        self.dead_letter_queue_url = dead_letter_queue_url
        self._sqs = sqs
        self._s3 = s3

    @property
    def sqs(self) -> Any:
        if self._sqs is None:
            self._sqs = aws.client("sqs")
        return self._sqs

    @property
    def s3(self) -> Any:
        if self._s3 is None:
            self._s3 = aws.client("s3")
        return self._s3

    def enqueue(self, channel: str, body: str, received_at: str, request_id: str) -> str:
        """Send one delivery to the normalizer; returns the SQS message id."""
        message = self._envelope(channel, body.encode(), received_at, request_id, text=body)
        return self._send(self.queue_url, message, {"channel": channel})

    def park(self, channel: str, body: bytes, reason: str, received_at: str, request_id: str) -> str:
        """Keep a signed body we cannot read, whole, in the dead-letter queue with its reason."""
        try:
            text: str | None = body.decode("utf-8")
        except UnicodeDecodeError:
            text = None  # only the payload bucket keeps bytes exactly
        message = self._envelope(channel, body, received_at, request_id, text=text)
        return self._send(self.dead_letter_queue_url, message, {"channel": channel, "reason": reason[:256]})

    def _envelope(self, channel: str, raw: bytes, received_at: str, request_id: str, text: str | None) -> str:
        if text is not None:
            message = Envelope(channel=channel, received_at=received_at, request_id=request_id, body=text).to_json()
            if len(message.encode()) <= MAX_INLINE_BYTES:
                return message
        key = f"deliveries/{channel}/{received_at[:10]}/{request_id or uuid.uuid4().hex}.json"
        try:
            self.s3.put_object(Bucket=self.bucket, Key=key, Body=raw, ContentType="application/json")
        except ClientError as exc:
            raise StorageUnavailable(f"payload bucket: {exc.response['Error']['Code']}") from exc
        ref = {"bucket": self.bucket, "key": key}
        return Envelope(channel=channel, received_at=received_at, request_id=request_id, body_ref=ref).to_json()

    def _send(self, queue_url: str | None, message: str, attributes: dict[str, str]) -> str:
        try:
            response = self.sqs.send_message(
                QueueUrl=queue_url,
                MessageBody=message,
                MessageAttributes={
                    name: {"DataType": "String", "StringValue": value} for name, value in attributes.items()
                },
            )
        except ClientError as exc:
            raise StorageUnavailable(f"queue: {exc.response['Error']['Code']}") from exc
        return str(response["MessageId"])

    def load_body(self, envelope: Envelope) -> str:
        """The delivery's raw body, fetched from the payload bucket when it was too big to enqueue."""
        if envelope.body is not None:
            return envelope.body
        if envelope.body_ref is None:
            raise InvalidPayload("envelope has neither body nor body_ref")
        try:
            obj = self.s3.get_object(Bucket=envelope.body_ref["bucket"], Key=envelope.body_ref["key"])
        except ClientError as exc:
            code = exc.response["Error"]["Code"]
            if code in ("NoSuchKey", "NoSuchBucket"):
                raise InvalidPayload(f"stored delivery {envelope.body_ref['key']} is gone ({code})") from exc
            raise StorageUnavailable(code) from exc
        try:
            return str(obj["Body"].read().decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise InvalidPayload(f"stored delivery {envelope.body_ref['key']} is not UTF-8") from exc

    def dead_letter(self, message_body: str, reason: str, attributes: Mapping[str, str] | None = None) -> None:
        """Park a message that can never be processed, with the reason (and `attributes` such as the
        channel and the path of the bad item), for an operator to inspect."""
        extra = {
            name: {"DataType": "String", "StringValue": value[:256]}
            for name, value in (attributes or {}).items()
            if value and name != "reason"
        }
        self.sqs.send_message(
            QueueUrl=self.dead_letter_queue_url,
            MessageBody=message_body,
            MessageAttributes={"reason": {"DataType": "String", "StringValue": reason[:256]}, **extra},
        )

    def requeue(self, bodies: Sequence[str], channel: str) -> None:
        """Put work items (parts of a big delivery) back on the intake queue, ten per call."""
        for start in range(0, len(bodies), 10):
            entries = [
                {
                    "Id": str(index),
                    "MessageBody": body,
                    "MessageAttributes": {"channel": {"DataType": "String", "StringValue": channel}},
                }
                for index, body in enumerate(bodies[start : start + 10])
            ]
            response = self.sqs.send_message_batch(QueueUrl=self.queue_url, Entries=entries)
            if response.get("Failed"):
                raise StorageUnavailable(str(response["Failed"][0].get("Code", "SendMessageBatchFailed")))
