"""The replier's queue, for what does not come from the ticket-events topic: citizens' `cek` requests.

A status request carries the requester's platform identity (to answer them and to tell whether they filed
the ticket), so it goes straight to the replier's encrypted queue, never onto the ticket-events topic.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from botocore.exceptions import ClientError

from aduan import aws
from aduan.adapters.replies_store import ReplyStore
from aduan.domain.replies import StatusRequest
from aduan.errors import StorageUnavailable


class ReplyQueue:
    def __init__(self, queue_url: str, client: Any = None) -> None:
        self.queue_url = queue_url
        self._client = client

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = aws.client("sqs")
        return self._client

    def request_status(self, request: StatusRequest) -> None:
        try:
            self.client.send_message(
                QueueUrl=self.queue_url,
                MessageBody=json.dumps(request.to_event()),
                MessageAttributes={"type": {"DataType": "String", "StringValue": "status.requested"}},
            )
        except ClientError as exc:
            raise StorageUnavailable(exc.response["Error"]["Code"]) from exc


class CitizenAnswerSink:
    """`aduan.ingest.CitizenAnswers`: status requests to the replier's queue, ratings onto their ticket."""

    def __init__(self, queue: ReplyQueue, store: ReplyStore) -> None:
        self.queue = queue
        self.store = store

    def request_status(self, request: StatusRequest) -> None:
        self.queue.request_status(request)

    def store_rating(self, ticket_no: str, rating: int, dedup_key: str, now: datetime) -> None:
        self.store.store_rating(ticket_no, rating, dedup_key, now)
