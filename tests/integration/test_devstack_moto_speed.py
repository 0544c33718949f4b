"""The embedded endpoint's speed-ups keep moto's behaviour: SQS visibility and delays, backend dispatch."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from moto import mock_aws

from devstack.moto_speed import CachedDispatcher, fast_sqs_clock


def test_sqs_visibility_and_delay_follow_the_fast_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    fast_sqs_clock()
    fast_sqs_clock()  # idempotent
    with mock_aws():
        sqs = boto3.client("sqs", region_name="ap-southeast-3")
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody="now")
        sqs.send_message(QueueUrl=url, MessageBody="later", DelaySeconds=900)

        def counts() -> dict[str, str]:
            names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
            names.append("ApproximateNumberOfMessagesDelayed")
            return dict(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"])

        assert counts() == {
            "ApproximateNumberOfMessages": "1",
            "ApproximateNumberOfMessagesNotVisible": "0",
            "ApproximateNumberOfMessagesDelayed": "1",
        }
        [message] = sqs.receive_message(QueueUrl=url, VisibilityTimeout=600)["Messages"]
        assert message["Body"] == "now"
        assert sqs.receive_message(QueueUrl=url).get("Messages") is None  # in flight, the other delayed
        assert counts()["ApproximateNumberOfMessagesNotVisible"] == "1"
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0)
        [again] = sqs.receive_message(QueueUrl=url)["Messages"]
        assert again["Body"] == "now"


def test_the_dispatcher_looks_each_host_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    lookups: list[str | None] = []
    original = DomainDispatcherApplication.get_backend_for_host

    def counted(self: Any, host: str | None) -> Any:
        lookups.append(host)
        return original(self, host)

    monkeypatch.setattr(DomainDispatcherApplication, "get_backend_for_host", counted)
    dispatcher = CachedDispatcher(create_backend_app)
    host = "sqs.ap-southeast-3.amazonaws.com"
    assert dispatcher.get_backend_for_host(host) == "sqs"
    assert dispatcher.get_backend_for_host(host) == "sqs"
    assert dispatcher.get_backend_for_host("dynamodb.ap-southeast-3.amazonaws.com") == "dynamodb"
    assert dispatcher.get_backend_for_host(None) is None
    assert lookups == [host, "dynamodb.ap-southeast-3.amazonaws.com"]
