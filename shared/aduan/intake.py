"""The intake queue: how a verified webhook delivery travels from a webhook function to the normalizer.

A webhook function wraps the raw delivery in an envelope and sends it to SQS. Deliveries larger than an
SQS message (WhatsApp's can reach 3 MB) are written to the payload bucket and the envelope carries a
reference instead, so nothing is lost and the webhook still answers at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from aduan import aws
from aduan.errors import InvalidPayload, StorageUnavailable

ENVELOPE_VERSION = 1
# SQS accepts 256 KiB per message; leave room for the envelope and message attributes.
MAX_INLINE_BYTES = 240 * 1024


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
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

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
        envelope = Envelope(channel=channel, received_at=received_at, request_id=request_id, body=body)
        message = envelope.to_json()
        if len(message.encode()) > MAX_INLINE_BYTES:
            key = f"deliveries/{channel}/{received_at[:10]}/{request_id}.json"
            self.s3.put_object(Bucket=self.bucket, Key=key, Body=body.encode(), ContentType="application/json")
            envelope = Envelope(
                channel=channel,
                received_at=received_at,
                request_id=request_id,
                body_ref={"bucket": self.bucket, "key": key},
            )
            message = envelope.to_json()
        response = self.sqs.send_message(
            QueueUrl=self.queue_url,
            MessageBody=message,
            MessageAttributes={"channel": {"DataType": "String", "StringValue": channel}},
        )
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
        return str(obj["Body"].read().decode())

    def dead_letter(self, message_body: str, reason: str) -> None:
        """Park a message that can never be processed, with the reason, for an operator to inspect."""
        self.sqs.send_message(
            QueueUrl=self.dead_letter_queue_url,
            MessageBody=message_body,
            MessageAttributes={"reason": {"DataType": "String", "StringValue": reason[:256]}},
        )
