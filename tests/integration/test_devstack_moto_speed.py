"""The embedded endpoint's speed-ups keep moto's behaviour: SQS visibility and delays, backend dispatch."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from moto import mock_aws

from devstack.moto_speed import (
    ITEM_OPERATIONS,
    CachedDispatcher,
    fast_dynamodb_item_responses,
    fast_item_construction,
    fast_sqs_clock,
    fast_table_queries,
)


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


def test_a_base_table_query_reads_its_partition_only_and_answers_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    from moto.dynamodb.models.table import Table

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    fast_table_queries()
    fast_table_queries()  # idempotent
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name="ap-southeast-3")
        ddb.create_table(
            TableName="T",
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "g")],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "ByG",
                    "KeySchema": [
                        {"AttributeName": "g", "KeyType": "HASH"},
                        {"AttributeName": "sk", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
        )
        for p in range(5):
            for n in (3, 1, 2):
                item = {"pk": {"S": f"P{p}"}, "sk": {"S": f"ALERT#{n}"}, "g": {"S": "all"}}
                ddb.put_item(TableName="T", Item=item)
            ddb.put_item(TableName="T", Item={"pk": {"S": f"P{p}"}, "sk": {"S": "TICKET"}})

        def query(**kwargs: Any) -> list[str]:
            items = ddb.query(TableName="T", **kwargs)["Items"]
            return [f"{i['pk']['S']}/{i['sk']['S']}" for i in items]

        alerts = {"KeyConditionExpression": "pk = :p AND begins_with(sk, :a)"}
        values = {":p": {"S": "P2"}, ":a": {"S": "ALERT#"}}
        assert query(**alerts, ExpressionAttributeValues=values) == ["P2/ALERT#1", "P2/ALERT#2", "P2/ALERT#3"]
        assert query(**alerts, ExpressionAttributeValues=values, ScanIndexForward=False, Limit=2) == [
            "P2/ALERT#3",
            "P2/ALERT#2",
        ]
        assert query(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "P4"}}) == [
            "P4/ALERT#1",
            "P4/ALERT#2",
            "P4/ALERT#3",
            "P4/TICKET",
        ]
        assert query(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "nobody"}}) == []
        by_index = query(
            IndexName="ByG", KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": {"S": "all"}}
        )
        assert len(by_index) == 15
        # The whole table is never listed for a base-table query.
        listed: list[int] = []
        original = Table.all_items
        monkeypatch.setattr(Table, "all_items", lambda self: listed.append(1) or original(self))
        query(**alerts, ExpressionAttributeValues=values)
        assert listed == [1]  # one call, answered from the partition
        assert len(original(next(iter(_tables())))) == 20  # the table as a whole is still all there


def _tables() -> Any:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    return dynamodb_backends[DEFAULT_ACCOUNT_ID]["ap-southeast-3"].tables.values()


def test_in_process_streams_answer_as_the_api_does(monkeypatch: pytest.MonkeyPatch) -> None:
    from botocore.exceptions import ClientError
    from moto.core import DEFAULT_ACCOUNT_ID

    from devstack.moto_speed import InProcessStreams
    from devstack.pollers import stream_record

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    region = "ap-southeast-3"
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name=region)
        arn = ddb.create_table(
            TableName="T",
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        )["TableDescription"]["LatestStreamArn"]
        ddb.put_item(TableName="T", Item={"pk": {"S": "a"}, "n": {"N": "1"}, "b": {"B": b"\x00\xff"}})
        ddb.put_item(TableName="T", Item={"pk": {"S": "a"}, "n": {"N": "2"}})
        ddb.delete_item(TableName="T", Key={"pk": {"S": "a"}})

        def read(streams: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
            description = streams.describe_stream(StreamArn=arn)["StreamDescription"]
            [shard] = description["Shards"]
            iterator = streams.get_shard_iterator(
                StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
            )["ShardIterator"]
            response = streams.get_records(ShardIterator=iterator, Limit=1000)
            assert response["NextShardIterator"]
            return description, [stream_record(r, arn, region) for r in response["Records"]]

        api_description, api_records = read(boto3.client("dynamodbstreams", region_name=region))
        local_description, local_records = read(InProcessStreams(DEFAULT_ACCOUNT_ID, region))
        assert local_description["KeySchema"] == api_description["KeySchema"]
        assert [s["ShardId"] for s in local_description["Shards"]] == [s["ShardId"] for s in api_description["Shards"]]
        assert [r["eventName"] for r in local_records] == ["INSERT", "MODIFY", "REMOVE"]
        assert local_records == api_records
        with pytest.raises(ClientError):
            InProcessStreams(DEFAULT_ACCOUNT_ID, region).get_records(ShardIterator="no-such-iterator")


def test_item_responses_written_by_json_dumps_match_moto_s_serializer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every item operation's body, fast and by shape, parses to the same document; boto3 reads it."""
    from moto.dynamodb.responses import DynamoHandler

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    fast_dynamodb_item_responses()
    fast_dynamodb_item_responses()  # idempotent
    fast = DynamoHandler.serialized
    compared: dict[str, int] = {}

    def both(self: Any, action_result: Any) -> Any:
        status, headers, body = fast(self, action_result)
        slow_status, slow_headers, slow_body = fast.__wrapped__(self, action_result)  # type: ignore[attr-defined]
        operation = self._get_action()
        if operation in ITEM_OPERATIONS:
            assert (status, json.loads(body)) == (slow_status, json.loads(slow_body)), operation
            assert headers["Content-Type"] == slow_headers["Content-Type"]
            compared[operation] = compared.get(operation, 0) + 1
        return status, headers, body

    monkeypatch.setattr(DynamoHandler, "serialized", both)
    key = {"pk": {"S": "a"}, "sk": {"S": "b"}}
    item = {
        **key,
        "n": {"N": "1.50"},
        "bin": {"B": b"\x00\xffxyz"},
        "ss": {"SS": ["x", "y"]},
        "ns": {"NS": ["1", "2"]},
        "bs": {"BS": [b"q"]},
        "m": {"M": {"l": {"L": [{"S": "z"}, {"NULL": True}, {"BOOL": False}, {"M": {}}]}, "e": {"S": ""}}},
    }
    with mock_aws():
        db = boto3.client("dynamodb", region_name="ap-southeast-3")
        db.create_table(
            TableName="t",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk")],
            BillingMode="PAY_PER_REQUEST",
        )
        db.put_item(TableName="t", Item=item)
        assert db.put_item(TableName="t", Item=item, ReturnValues="ALL_OLD")["Attributes"]["bin"]["B"] == b"\x00\xffxyz"
        assert db.get_item(TableName="t", Key=key)["Item"]["ss"]["SS"] == ["x", "y"]
        assert "Item" not in db.get_item(TableName="t", Key={**key, "sk": {"S": "none"}})
        db.update_item(
            TableName="t",
            Key=key,
            UpdateExpression="SET x = :v",
            ExpressionAttributeValues={":v": {"N": "3"}},
            ReturnValues="ALL_NEW",
        )
        db.put_item(TableName="t", Item={**key, "sk": {"S": "c0"}})
        page = db.query(
            TableName="t",
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "a"}},
            Limit=1,
            ReturnConsumedCapacity="TOTAL",
        )
        assert page["Count"] == 1 and page["LastEvaluatedKey"] == key
        db.scan(TableName="t", Select="COUNT")
        db.transact_write_items(TransactItems=[{"Put": {"TableName": "t", "Item": {**key, "sk": {"S": "c"}}}}])
        db.transact_get_items(TransactItems=[{"Get": {"TableName": "t", "Key": key}}])
        db.batch_get_item(RequestItems={"t": {"Keys": [key]}})
        db.batch_write_item(RequestItems={"t": [{"PutRequest": {"Item": {**key, "sk": {"S": "d"}}}}]})
        assert db.delete_item(TableName="t", Key=key, ReturnValues="ALL_OLD")["Attributes"]["n"] == {"N": "1.50"}
        with pytest.raises(db.exceptions.ConditionalCheckFailedException):
            db.put_item(TableName="t", Item=item, ConditionExpression="attribute_exists(pk)")
        db.describe_table(TableName="t")  # not an item operation: serialised by shape
    assert set(compared) == ITEM_OPERATIONS


def test_items_are_built_as_moto_builds_them_with_the_same_size_limit() -> None:
    from moto.dynamodb.exceptions import ItemSizeTooLarge
    from moto.dynamodb.models.dynamo_type import DynamoType, Item

    fast_item_construction()
    fast_item_construction()  # idempotent
    slow = Item.__init__.__wrapped__  # type: ignore[attr-defined]
    attrs = {
        "pk": {"S": "TICKET#A"},
        "n": {"N": "12"},
        "l": {"L": [{"M": {"a": {"S": "b" * 50}, "t": {"N": "3"}}} for _ in range(20)]},
        "ss": {"SS": ["x", "y"]},
    }
    fast_item = Item(DynamoType(attrs["pk"]), None, attrs)
    slow_item = Item.__new__(Item)
    slow(slow_item, DynamoType(attrs["pk"]), None, attrs)
    assert fast_item == slow_item and fast_item.to_json() == slow_item.to_json()
    fast_item.attrs["added"] = DynamoType({"S": "later"})  # later sets keep moto's own check
    for size, fits in ((404_000, True), (406_000, False)):
        big = {"pk": {"S": "A"}, "text": {"S": "x" * size}}
        for build in (Item, lambda h, r, a: slow(Item.__new__(Item), h, r, a)):
            if fits:
                build(DynamoType(big["pk"]), None, big)
            else:
                with pytest.raises(ItemSizeTooLarge):
                    build(DynamoType(big["pk"]), None, big)
