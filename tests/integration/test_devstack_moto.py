"""The local stack's fixes to moto's DynamoDB: atomic transactions without table copies, reads that do not
write, and a model registry that does not keep every version (``devstack.moto_patches``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from devstack import ACCOUNT_ID
from devstack.moto_patches import DynamoDBChange, add_write_observer, remove_write_observer, serialize_dynamodb_writes

REGION = "ap-southeast-3"


@pytest.fixture
def ddb() -> Iterator[Any]:
    serialize_dynamodb_writes()
    with mock_aws():
        client = boto3.client(
            "dynamodb", region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing"
        )
        client.create_table(
            TableName="t",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
            ],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        )
        yield client


def backend() -> Any:
    from moto.dynamodb.models import dynamodb_backends

    return dynamodb_backends[ACCOUNT_ID][REGION]


def key(pk: str, sk: str = "A") -> dict[str, Any]:
    return {"pk": {"S": pk}, "sk": {"S": sk}}


def put(pk: str, **attrs: Any) -> dict[str, Any]:
    return {"Put": {"TableName": "t", "Item": {**key(pk), **attrs}, "ConditionExpression": "attribute_not_exists(pk)"}}


def items(client: Any) -> dict[str, dict[str, Any]]:
    return {item["pk"]["S"]: item for item in client.scan(TableName="t")["Items"]}


def stream_events(client: Any) -> list[tuple[str, str]]:
    streams = boto3.client(
        "dynamodbstreams", region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    arn = client.describe_table(TableName="t")["Table"]["LatestStreamArn"]
    [shard] = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")
    records = streams.get_records(ShardIterator=iterator["ShardIterator"])["Records"]
    return [(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"]) for r in records]


def seed(client: Any) -> None:
    client.put_item(TableName="t", Item={**key("b"), "n": {"N": "1"}})
    client.put_item(TableName="t", Item={**key("c"), "n": {"N": "1"}})


def test_a_transaction_writes_everything_in_order_with_its_stream_records(ddb: Any) -> None:
    seed(ddb)
    ddb.transact_write_items(
        TransactItems=[
            put("a", n={"N": "7"}),
            {
                "Update": {
                    "TableName": "t",
                    "Key": key("b"),
                    "UpdateExpression": "SET n = n + :one",
                    "ConditionExpression": "n = :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                }
            },
            {"Delete": {"TableName": "t", "Key": key("c")}},
        ]
    )
    stored = items(ddb)
    assert sorted(stored) == ["a", "b"]
    assert stored["b"]["n"] == {"N": "2"}
    assert stream_events(ddb)[2:] == [("INSERT", "a"), ("MODIFY", "b"), ("REMOVE", "c")]


def test_one_failed_condition_cancels_the_whole_transaction_and_leaves_no_trace(ddb: Any) -> None:
    seed(ddb)
    table = backend().tables["t"]
    shard = table.stream_shard
    with pytest.raises(ClientError) as raised:
        ddb.transact_write_items(
            TransactItems=[
                put("a"),
                {
                    "Update": {
                        "TableName": "t",
                        "Key": key("b"),
                        "UpdateExpression": "SET n = :two",
                        "ExpressionAttributeValues": {":two": {"N": "2"}},
                    }
                },
                {"Delete": {"TableName": "t", "Key": key("c")}},
                {
                    "ConditionCheck": {
                        "TableName": "t",
                        "Key": key("d"),
                        "ConditionExpression": "n = :five",
                        "ExpressionAttributeValues": {":five": {"N": "5"}},
                    }
                },
            ]
        )
    error = raised.value.response
    assert error["Error"]["Code"] == "TransactionCanceledException"
    assert [reason["Code"] for reason in error["CancellationReasons"]] == [
        "None",
        "None",
        "None",
        "ConditionalCheckFailed",
    ]
    stored = items(ddb)
    assert sorted(stored) == ["b", "c"] and stored["b"]["n"] == {"N": "1"}
    assert stream_events(ddb) == [("INSERT", "b"), ("INSERT", "c")]
    # Same table, same shard: readers holding an iterator keep reading.
    assert backend().tables["t"] is table and table.stream_shard is shard


def test_a_write_failing_half_way_is_undone(ddb: Any) -> None:
    """The condition holds but the update cannot apply (a number added to a string): the put before it is undone."""
    ddb.put_item(TableName="t", Item={**key("b"), "n": {"S": "not a number"}})
    with pytest.raises(ClientError) as raised:
        ddb.transact_write_items(
            TransactItems=[
                put("a"),
                {
                    "Update": {
                        "TableName": "t",
                        "Key": key("b"),
                        "UpdateExpression": "SET n = n + :one, m = :one",
                        "ExpressionAttributeValues": {":one": {"N": "1"}},
                    }
                },
            ]
        )
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    stored = items(ddb)
    assert sorted(stored) == ["b"] and stored["b"] == {**key("b"), "n": {"S": "not a number"}}
    assert stream_events(ddb) == [("INSERT", "b")]


def test_two_operations_on_one_item_are_refused_before_anything_is_written(ddb: Any) -> None:
    with pytest.raises(ClientError) as raised:
        ddb.transact_write_items(TransactItems=[put("a"), {"Delete": {"TableName": "t", "Key": key("a")}}])
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert items(ddb) == {}


def test_return_values_on_condition_failure_carry_the_old_item(ddb: Any) -> None:
    seed(ddb)
    with pytest.raises(ClientError) as raised:
        ddb.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": "t",
                        "Item": {**key("b"), "n": {"N": "9"}},
                        "ConditionExpression": "attribute_not_exists(pk)",
                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                    }
                }
            ]
        )
    [reason] = raised.value.response["CancellationReasons"]
    assert reason["Code"] == "ConditionalCheckFailed" and reason["Item"]["n"] == {"N": "1"}


def test_transactions_keep_no_copies_of_the_table(ddb: Any) -> None:
    from moto.dynamodb.models.dynamo_type import Item
    from moto.dynamodb.models.table import Table

    for number in range(50):
        ddb.put_item(TableName="t", Item={**key(f"seed{number}"), "n": {"N": "1"}})
    gc.collect()
    tables_before = len(Table.instances_tracked)  # type: ignore[attr-defined]
    for number in range(50):
        ddb.transact_write_items(TransactItems=[put(f"x{number}")])
        with pytest.raises(ClientError):  # the duplicate is refused, as a redelivery is
            ddb.transact_write_items(TransactItems=[put(f"x{number}")])
    gc.collect()
    assert len(Table.instances_tracked) == tables_before  # type: ignore[attr-defined]
    live = sum(len(partition) for partition in backend().tables["t"].items.values())
    assert live == 100
    # What is tracked is what is alive (moto kept every Item ever made, copies included).
    assert len(Item.instances_tracked) < live + 20  # type: ignore[attr-defined]


def test_reading_a_missing_key_does_not_add_a_partition(ddb: Any) -> None:
    seed(ddb)
    table = backend().tables["t"]
    partitions = len(table.items)
    assert "Item" not in ddb.get_item(TableName="t", Key=key("nobody"))
    assert len(table.items) == partitions


def test_observers_see_each_successful_write_with_its_keys_and_stream_records(ddb: Any) -> None:
    seen: list[tuple[list[str], list[str]]] = []

    def observe(change: DynamoDBChange) -> None:
        keys = sorted(k["pk"]["S"] for k in change.keys.get("t", {}).values())
        seen.append((keys, [r["eventName"] for r in change.new_stream_records("t")]))

    add_write_observer(observe)
    try:
        seed(ddb)
        ddb.transact_write_items(TransactItems=[put("a"), {"Delete": {"TableName": "t", "Key": key("c")}}])
        with pytest.raises(ClientError):
            ddb.transact_write_items(TransactItems=[put("a")])
        ddb.update_item(
            TableName="t", Key=key("b"), UpdateExpression="SET n = :n", ExpressionAttributeValues={":n": {"N": "3"}}
        )
    finally:
        remove_write_observer(observe)
    assert seen == [
        (["b"], ["INSERT"]),
        (["c"], ["INSERT"]),
        (["a", "c"], ["INSERT", "REMOVE"]),
        (["b"], ["MODIFY"]),
    ]
