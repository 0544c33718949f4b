"""The local stack against moto (``mock_aws``): template resources, and the pollers driving fake handlers.

The handlers here are injected test doubles, so these tests pin the event-source semantics (partial batch
failures, redrive to the dead-letter queue, stream retries and the on-failure destination) independently of
Aduan's functions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import boto3
import pytest
from moto import mock_aws

from devstack.cfn import Stack, create_resources, load_template
from devstack.pollers import SqsPoller, StreamPoller
from devstack.runtime import FunctionRuntime

REGION = "ap-southeast-3"


@pytest.fixture
def stack(monkeypatch: pytest.MonkeyPatch) -> Iterator[Stack]:
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    with mock_aws():
        built = Stack(load_template(), endpoint_url=None, region=REGION)
        create_resources(built, client)
        yield built


def props(logical_id: str) -> dict[str, Any]:
    """A resource's properties as declared in template.yaml (resolved)."""
    template = Stack(load_template(), endpoint_url=None, region=REGION)
    return dict(template.resolve(template.resources[logical_id]["Properties"]))


def client(service: str) -> Any:
    return boto3.client(service, region_name=REGION)


def queue_url(name: str) -> str:
    return str(client("sqs").get_queue_url(QueueName=name)["QueueUrl"])


def drain(name: str) -> list[dict[str, Any]]:
    sqs, messages = client("sqs"), []
    while batch := sqs.receive_message(QueueUrl=queue_url(name), MaxNumberOfMessages=10).get("Messages"):
        messages.extend(batch)
        for message in batch:
            sqs.delete_message(QueueUrl=queue_url(name), ReceiptHandle=message["ReceiptHandle"])
    return messages


class Recorder:
    """A fake handler: records each batch and fails the records ``fail`` selects."""

    def __init__(self, *, fail: Any = None, raise_on: Any = None, key: str = "messageId") -> None:
        self.batches: list[list[dict[str, Any]]] = []
        self.fail = fail or (lambda record: False)
        self.raise_on = raise_on or (lambda record: False)
        self.key = key

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        assert context.get_remaining_time_in_millis() > 0
        records = event["Records"]
        self.batches.append(records)
        if any(self.raise_on(r) for r in records):
            raise RuntimeError("poison record")
        failures = [{"itemIdentifier": self._id(r)} for r in records if self.fail(r)]
        return {"batchItemFailures": failures}

    def _id(self, record: dict[str, Any]) -> str:
        return str(record["dynamodb"]["SequenceNumber"] if self.key == "seq" else record[self.key])

    @property
    def records(self) -> list[dict[str, Any]]:
        return [r for batch in self.batches for r in batch]


# ------------------------------------------------------------------------------------------- resources


def test_table_has_stream_ttl_and_keys(stack: Stack) -> None:
    dynamodb = client("dynamodb")
    table = dynamodb.describe_table(TableName="Table")["Table"]
    assert table["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert {k["AttributeName"]: k["KeyType"] for k in table["KeySchema"]} == {"pk": "HASH", "sk": "RANGE"}
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    ttl = dynamodb.describe_time_to_live(TableName="Table")["TimeToLiveDescription"]
    assert ttl == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires_at"}
    assert stack.resolve({"Fn::GetAtt": ["Table", "StreamArn"]}) == table["LatestStreamArn"]


def test_queues_with_redrive_and_attributes(stack: Stack) -> None:
    sqs = client("sqs")
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url("IntakeQueue"), AttributeNames=["All"])["Attributes"]
    assert json.loads(attributes["RedrivePolicy"]) == {
        "deadLetterTargetArn": f"arn:aws:sqs:{REGION}:123456789012:IntakeDeadLetterQueue",
        "maxReceiveCount": int(props("IntakeQueue")["RedrivePolicy"]["maxReceiveCount"]),
    }
    assert attributes["VisibilityTimeout"] == str(props("IntakeQueue")["VisibilityTimeout"])
    assert attributes["MessageRetentionPeriod"] == str(props("IntakeQueue")["MessageRetentionPeriod"])
    for name in ("IntakeDeadLetterQueue", "NotifierDeadLetterQueue"):
        assert queue_url(name).endswith(f"/123456789012/{name}")
    assert stack.resolve({"Ref": "IntakeQueue"}) == queue_url("IntakeQueue")


def test_topics_bucket_and_alarms(stack: Stack) -> None:
    arns = {t["TopicArn"] for t in client("sns").list_topics()["Topics"]}
    assert arns == {
        f"arn:aws:sns:{REGION}:123456789012:{name}" for name in ("TicketEventsTopic", "AlertsTopic", "OpsTopic")
    }
    s3 = client("s3")
    s3.head_bucket(Bucket="aduan-local-payloadbucket")
    rules = s3.get_bucket_lifecycle_configuration(Bucket="aduan-local-payloadbucket")["Rules"]
    [template_rule] = props("PayloadBucket")["LifecycleConfiguration"]["Rules"]
    assert rules[0]["Expiration"] == {"Days": template_rule["ExpirationInDays"]}
    assert rules[0]["ID"] == template_rule["Id"]
    encryption = s3.get_bucket_encryption(Bucket="aduan-local-payloadbucket")
    default = encryption["ServerSideEncryptionConfiguration"]["Rules"][0]["ApplyServerSideEncryptionByDefault"]
    assert default["SSEAlgorithm"] == "AES256"
    alarms = {a["AlarmName"]: a for a in client("cloudwatch").describe_alarms()["MetricAlarms"]}
    declared = Stack(load_template(), endpoint_url=None, region=REGION).resources_of("AWS::CloudWatch::Alarm")
    assert set(alarms) == set(declared)
    assert {"IntakeDeadLetterAlarm", "NotifierDeadLetterAlarm", "NotifierErrorsAlarm"} <= set(alarms)
    assert alarms["IntakeDeadLetterAlarm"]["Dimensions"] == [{"Name": "QueueName", "Value": "IntakeDeadLetterQueue"}]
    assert alarms["NotifierErrorsAlarm"]["AlarmActions"] == [f"arn:aws:sns:{REGION}:123456789012:OpsTopic"]


def test_conditional_subscription(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        built = Stack(load_template(), endpoint_url=None, parameter_overrides={"AlarmEmail": "ops@example.org"})
        create_resources(built, client)
        topic = f"arn:aws:sns:{REGION}:123456789012:OpsTopic"
        subscriptions = client("sns").list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
        assert [(s["Protocol"], s["Endpoint"]) for s in subscriptions] == [("email", "ops@example.org")]


# ------------------------------------------------------------------------------------------- SQS poller


def sqs_poller(stack: Stack, handler: Recorder, batch_size: int = 10) -> SqsPoller:
    [source] = stack.function("NormalizerFunction").sqs_sources
    runtime = FunctionRuntime(stack.function("NormalizerFunction"), handler=handler)
    return SqsPoller(
        replace(source, batch_size=batch_size),
        runtime,
        client("sqs"),
        region=REGION,
        wait_seconds=0,
        retry_visibility=0,
    )


def test_sqs_batch_event_and_deletion(stack: Stack) -> None:
    sqs = client("sqs")
    for i in range(3):
        sqs.send_message(
            QueueUrl=queue_url("IntakeQueue"),
            MessageBody=json.dumps({"n": i}),
            MessageAttributes={"channel": {"DataType": "String", "StringValue": "whatsapp"}},
        )
    handler = Recorder()
    assert sqs_poller(stack, handler).poll_once() == 3
    [batch] = handler.batches
    record = batch[0]
    assert record["eventSource"] == "aws:sqs"
    assert record["eventSourceARN"] == f"arn:aws:sqs:{REGION}:123456789012:IntakeQueue"
    assert record["attributes"]["ApproximateReceiveCount"] == "1"
    assert record["messageAttributes"]["channel"]["stringValue"] == "whatsapp"
    assert record["md5OfBody"]
    assert drain("IntakeQueue") == []


def test_sqs_partial_failure_retries_only_failed_then_redrives(stack: Stack) -> None:
    sqs = client("sqs")
    for body in ("ok-1", "poison", "ok-2"):
        sqs.send_message(QueueUrl=queue_url("IntakeQueue"), MessageBody=body)
    handler = Recorder(fail=lambda record: record["body"] == "poison")
    poller = sqs_poller(stack, handler)
    for _ in range(10):
        poller.poll_once()
    bodies = [r["body"] for r in handler.records]
    assert bodies.count("ok-1") == 1
    assert bodies.count("ok-2") == 1
    max_receive_count = int(props("IntakeQueue")["RedrivePolicy"]["maxReceiveCount"])
    assert bodies.count("poison") == max_receive_count
    receive_counts = [r["attributes"]["ApproximateReceiveCount"] for r in handler.records if r["body"] == "poison"]
    assert receive_counts == [str(n) for n in range(1, max_receive_count + 1)]
    assert [m["Body"] for m in drain("IntakeDeadLetterQueue")] == ["poison"]
    assert drain("IntakeQueue") == []


def test_sqs_handler_exception_deletes_nothing(stack: Stack) -> None:
    sqs = client("sqs")
    for body in ("a", "b"):
        sqs.send_message(QueueUrl=queue_url("IntakeQueue"), MessageBody=body)
    raising = Recorder(raise_on=lambda record: True)
    sqs_poller(stack, raising).poll_once()
    assert len(raising.records) == 2
    healthy = Recorder()
    sqs_poller(stack, healthy).poll_once()
    assert sorted(r["body"] for r in healthy.records) == ["a", "b"]
    assert {r["attributes"]["ApproximateReceiveCount"] for r in healthy.records} == {"2"}


def test_sqs_invalid_partial_response_fails_the_batch(stack: Stack) -> None:
    client("sqs").send_message(QueueUrl=queue_url("IntakeQueue"), MessageBody="x")

    def bad(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return {"batchItemFailures": [{"itemIdentifier": "not-in-batch"}]}

    [source] = stack.function("NormalizerFunction").sqs_sources
    runtime = FunctionRuntime(stack.function("NormalizerFunction"), handler=bad)
    SqsPoller(source, runtime, client("sqs"), region=REGION, wait_seconds=0, retry_visibility=0).poll_once()
    assert [m["Body"] for m in drain("IntakeQueue")] == ["x"]


# ------------------------------------------------------------------------------------------- stream poller


def stream_poller(stack: Stack, handler: Recorder, **changes: Any) -> StreamPoller:
    """The notifier's stream mapping, with one lane unless `parallelization_factor` is given: these tests
    check the shard's order across items (tests/unit/test_devstack_stream_lanes.py covers the lanes)."""
    spec = stack.function("NotifierFunction")
    [source] = spec.stream_sources
    changes.setdefault("parallelization_factor", 1)
    return StreamPoller(
        replace(source, **changes),
        FunctionRuntime(spec, handler=handler),
        client("dynamodbstreams"),
        region=REGION,
        sqs=client("sqs"),
        poll_interval=0,
        retry_delay=0,
        max_retry_delay=0,
    )


def put(pk: str, sk: str = "TICKET", **extra: str) -> None:
    item = {"pk": {"S": pk}, "sk": {"S": sk}, **{k: {"S": v} for k, v in extra.items()}}
    client("dynamodb").put_item(TableName="Table", Item=item)


def test_stream_records_filtered_and_in_order(stack: Stack) -> None:
    put("T#1")
    put("T#1", sk="MSG#1")  # filtered out: not the ticket item
    put("T#2")
    put("T#1", status="closed")  # MODIFY
    handler = Recorder(key="seq")
    poller = stream_poller(stack, handler)
    assert poller.poll_once() == 4
    assert [(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"]) for r in handler.records] == [
        ("INSERT", "T#1"),
        ("INSERT", "T#2"),
        ("MODIFY", "T#1"),
    ]
    record = handler.records[2]
    assert record["eventVersion"] == "1.1"
    assert record["eventSource"] == "aws:dynamodb"
    assert record["awsRegion"] == REGION
    assert record["eventSourceARN"] == stack.resolve({"Fn::GetAtt": ["Table", "StreamArn"]})
    assert record["dynamodb"]["OldImage"]["pk"] == {"S": "T#1"}
    assert record["dynamodb"]["NewImage"]["status"] == {"S": "closed"}
    assert record["dynamodb"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert isinstance(record["dynamodb"]["ApproximateCreationDateTime"], int)
    assert poller.poll_once() == 0  # the checkpoint moved on


def test_stream_partial_failure_retries_from_first_failed(stack: Stack) -> None:
    for pk in ("T#1", "T#2", "T#3"):
        put(pk)
    seen: set[str] = set()

    def fail_once(record: dict[str, Any]) -> bool:
        pk = record["dynamodb"]["Keys"]["pk"]["S"]
        if pk == "T#2" and pk not in seen:
            seen.add(pk)
            return True
        return False

    handler = Recorder(fail=fail_once, key="seq")
    stream_poller(stack, handler).poll_once()
    keys = [[r["dynamodb"]["Keys"]["pk"]["S"] for r in batch] for batch in handler.batches]
    assert keys == [["T#1", "T#2", "T#3"], ["T#2", "T#3"]]
    assert drain("NotifierDeadLetterQueue") == []


def test_stream_poison_record_is_bisected_retried_and_sent_to_on_failure(stack: Stack) -> None:
    for pk in ("T#1", "T#2", "POISON", "T#4"):
        put(pk)
    handler = Recorder(raise_on=lambda r: r["dynamodb"]["Keys"]["pk"]["S"] == "POISON", key="seq")
    stream_poller(stack, handler, maximum_retry_attempts=3).poll_once()
    delivered_ok = [
        r["dynamodb"]["Keys"]["pk"]["S"]
        for batch in handler.batches
        if all(r["dynamodb"]["Keys"]["pk"]["S"] != "POISON" for r in batch)
        for r in batch
    ]
    assert sorted(set(delivered_ok)) == ["T#1", "T#2", "T#4"]
    assert handler.batches[1:3] == [handler.batches[0][:2], handler.batches[0][2:]]  # bisected
    poison_calls = [b for b in handler.batches if any(r["dynamodb"]["Keys"]["pk"]["S"] == "POISON" for r in b)]
    assert len(poison_calls) == 4  # the first attempt and 3 retries
    [message] = drain("NotifierDeadLetterQueue")
    failure = json.loads(message["Body"])
    assert failure["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert failure["requestContext"]["functionArn"] == f"arn:aws:lambda:{REGION}:123456789012:function:NotifierFunction"
    assert failure["requestContext"]["approximateInvokeCount"] == 4
    assert failure["responseContext"]["functionError"] == "Unhandled"
    info = failure["DDBStreamBatchInfo"]
    poison = next(r for r in handler.records if r["dynamodb"]["Keys"]["pk"]["S"] == "POISON")
    assert info["startSequenceNumber"] == info["endSequenceNumber"] == poison["dynamodb"]["SequenceNumber"]
    assert info["batchSize"] == 1
    assert info["streamArn"] == stack.resolve({"Fn::GetAtt": ["Table", "StreamArn"]})
    assert info["shardId"].startswith("shardId-")


def test_stream_without_bisect_discards_the_whole_batch(stack: Stack) -> None:
    for pk in ("T#1", "POISON"):
        put(pk)
    handler = Recorder(raise_on=lambda r: r["dynamodb"]["Keys"]["pk"]["S"] == "POISON", key="seq")
    stream_poller(stack, handler, maximum_retry_attempts=1, bisect_on_error=False).poll_once()
    assert len(handler.batches) == 2
    [message] = drain("NotifierDeadLetterQueue")
    assert json.loads(message["Body"])["DDBStreamBatchInfo"]["batchSize"] == 2


# ------------------------------------------------------------------------------------------- generic resources


def test_kms_key_for_topics_custom_metric_alarm_and_redrive(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.unit.test_devstack_cfn import SAM, parse

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        built = Stack(parse(SAM), endpoint_url=None, region=REGION)
        report = create_resources(built, client)
        assert ("TopicKey", "AWS::KMS::Key") in report.created
        kms = client("kms")
        key_id = built.resolve({"Ref": "TopicKey"})
        key_arn = built.resolve({"Fn::GetAtt": ["TopicKey", "Arn"]})
        assert kms.describe_key(KeyId=key_id)["KeyMetadata"]["Arn"] == key_arn
        assert kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"] is True
        policy = json.loads(kms.get_key_policy(KeyId=key_id, PolicyName="default")["Policy"])
        assert policy["Statement"][0]["Principal"] == {"Service": "cloudwatch.amazonaws.com"}
        topic = f"arn:aws:sns:{REGION}:123456789012:Topic"
        assert client("sns").get_topic_attributes(TopicArn=topic)["Attributes"]["KmsMasterKeyId"] == key_id
        [alarm] = client("cloudwatch").describe_alarms(AlarmNames=["CustomMetricAlarm"])["MetricAlarms"]
        assert (alarm["Namespace"], alarm["MetricName"], alarm["AlarmActions"]) == (
            "Aduan",
            "UnreadableDeliveries",
            [topic],
        )
        attributes = client("sqs").get_queue_attributes(QueueUrl=queue_url("Queue"), AttributeNames=["RedrivePolicy"])
        assert json.loads(attributes["Attributes"]["RedrivePolicy"])["deadLetterTargetArn"].endswith(":Dlq")
        skipped = {resource_type for _, resource_type in report.skipped}
        assert {"AWS::IAM::Role", "AWS::Events::Rule"} <= skipped
