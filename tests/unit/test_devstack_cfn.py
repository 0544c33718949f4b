"""The local stack's pure parts: template loading and intrinsics, names, filters, HTTP API v2 events."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from devstack import REPO_ROOT
from devstack.api import Router, build_http_event, is_text_content, map_response
from devstack.cfn import (
    DEFAULT_LOCAL_CONCURRENCY,
    CreationReport,
    HttpRoute,
    Stack,
    TemplateError,
    _CfnLoader,
    create_resources,
    creation_order,
    load_template,
)
from devstack.pollers import (
    failed_item_ids,
    filter_shape,
    matches_filters,
    matches_pattern,
    sqs_record,
    stream_record,
)

ENV_JSON = REPO_ROOT / "devstack" / "env.json"


def parse(text: str) -> Any:
    return yaml.load(text, Loader=_CfnLoader)  # noqa: S506 - a SafeLoader subclass


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template()


@pytest.fixture
def stack(template: dict[str, Any]) -> Stack:
    return Stack(template)


MINI = """
Parameters:
  Stage: {Type: String, Default: dev, AllowedValues: [dev, prod]}
  Hours: {Type: Number, Default: 24, MinValue: 1, MaxValue: 168}
  Email: {Type: String, Default: ""}
Mappings:
  Sizes: {dev: {memory: 256}, prod: {memory: 1024}}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  HasEmail: !Not [!Equals [!Ref Email, ""]]
  Both: !And [!Condition IsProd, !Condition HasEmail]
  Either: !Or [!Condition IsProd, !Condition HasEmail]
Resources:
  Queue: {Type: AWS::SQS::Queue}
  Dlq: {Type: AWS::SQS::Queue}
  Topic: {Type: AWS::SNS::Topic}
  Bucket: {Type: AWS::S3::Bucket}
  Table: {Type: AWS::DynamoDB::Table, Properties: {KeySchema: [], AttributeDefinitions: []}}
  Sub:
    Type: AWS::SNS::Subscription
    Condition: HasEmail
    Properties: {TopicArn: !Ref Topic, Protocol: email, Endpoint: !Ref Email}
"""


@pytest.fixture
def mini() -> Stack:
    return Stack(parse(MINI))


# ------------------------------------------------------------------------------------------- loading


def test_short_tags_become_long_forms() -> None:
    doc = parse(
        """
a: !Ref X
b: !GetAtt Table.StreamArn
c: !GetAtt [Table, Arn]
d: !Sub "${AWS::Region}-x"
e: !Sub ["${A}-${B}", {A: 1, B: !Ref Y}]
f: !Join [",", [a, b]]
g: !Select [0, !Split [",", "a,b"]]
h: !If [Cond, 1, 2]
i: !Condition Cond
j: !ImportValue Exported
k: !FindInMap [M, a, b]
"""
    )
    assert doc["a"] == {"Ref": "X"}
    assert doc["b"] == {"Fn::GetAtt": ["Table", "StreamArn"]}
    assert doc["c"] == {"Fn::GetAtt": ["Table", "Arn"]}
    assert doc["d"] == {"Fn::Sub": "${AWS::Region}-x"}
    assert doc["e"] == {"Fn::Sub": ["${A}-${B}", {"A": 1, "B": {"Ref": "Y"}}]}
    assert doc["g"] == {"Fn::Select": [0, {"Fn::Split": [",", "a,b"]}]}
    assert doc["h"] == {"Fn::If": ["Cond", 1, 2]}
    assert doc["i"] == {"Condition": "Cond"}
    assert doc["j"] == {"Fn::ImportValue": "Exported"}
    assert doc["k"] == {"Fn::FindInMap": ["M", "a", "b"]}


def test_not_a_template_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("just: a mapping\n")
    with pytest.raises(TemplateError, match="no Resources"):
        load_template(path)


# ------------------------------------------------------------------------------------------- intrinsics


def test_pseudo_parameters(mini: Stack) -> None:
    assert mini.resolve({"Ref": "AWS::Region"}) == "ap-southeast-3"
    assert mini.resolve({"Ref": "AWS::AccountId"}) == "123456789012"
    assert mini.resolve({"Ref": "AWS::Partition"}) == "aws"
    assert mini.resolve({"Ref": "AWS::URLSuffix"}) == "amazonaws.com"
    assert mini.resolve({"Ref": "AWS::StackName"}) == "aduan-local"


def test_parameters_defaults_overrides_and_validation() -> None:
    template = parse(MINI)
    assert Stack(template).resolve({"Ref": "Hours"}) == "24"  # Ref to a Number parameter is a string
    assert Stack(template, parameter_overrides={"Stage": "prod"}).resolve({"Ref": "Stage"}) == "prod"
    with pytest.raises(TemplateError, match="not one of"):
        Stack(template, parameter_overrides={"Stage": "staging"})
    with pytest.raises(TemplateError, match="above MaxValue"):
        Stack(template, parameter_overrides={"Hours": "500"})
    with pytest.raises(TemplateError, match="undeclared"):
        Stack(template, parameter_overrides={"Nope": "x"})


def test_sub_forms(mini: Stack) -> None:
    assert mini.resolve({"Fn::Sub": "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:x"}) == (
        "arn:aws:sqs:ap-southeast-3:123456789012:x"
    )
    assert mini.resolve({"Fn::Sub": "${Bucket.Arn}/deliveries/*"}) == "arn:aws:s3:::aduan-local-bucket/deliveries/*"
    assert mini.resolve({"Fn::Sub": ["${A}-${Stage}", {"A": {"Ref": "Topic"}}]}) == (
        "arn:aws:sns:ap-southeast-3:123456789012:Topic-dev"
    )
    assert mini.resolve({"Fn::Sub": "${!Literal}-${Stage}"}) == "${Literal}-dev"


def test_join_select_split_findinmap_if_novalue(mini: Stack) -> None:
    assert mini.resolve({"Fn::Join": ["-", ["a", {"Ref": "Stage"}, 3]]}) == "a-dev-3"
    assert mini.resolve({"Fn::Select": [1, {"Fn::Split": [",", "x,y,z"]}]}) == "y"
    assert mini.resolve({"Fn::FindInMap": ["Sizes", {"Ref": "Stage"}, "memory"]}) == 256
    assert mini.resolve({"Fn::If": ["IsProd", "big", "small"]}) == "small"
    assert mini.resolve({"a": {"Fn::If": ["IsProd", 1, {"Ref": "AWS::NoValue"}]}, "b": 2}) == {"b": 2}
    assert mini.resolve([1, {"Ref": "AWS::NoValue"}, 2]) == [1, 2]
    with pytest.raises(TemplateError, match="FindInMap"):
        mini.resolve({"Fn::FindInMap": ["Sizes", "qa", "memory"]})
    with pytest.raises(TemplateError, match="ImportValue"):
        mini.resolve({"Fn::ImportValue": "other-stack-output"})
    assert Stack(parse(MINI), imports={"x": "y"}).resolve({"Fn::ImportValue": "x"}) == "y"


def test_conditions() -> None:
    default = Stack(parse(MINI))
    assert default.condition("IsProd") is False
    assert default.condition("HasEmail") is False
    assert default.is_active("Sub") is False
    with_email = Stack(parse(MINI), parameter_overrides={"Email": "ops@example.org", "Stage": "prod"})
    assert with_email.condition("Both") is True
    assert with_email.condition("Either") is True
    assert with_email.is_active("Sub") is True
    assert "Sub" in creation_order(with_email)
    assert "Sub" not in creation_order(default)
    with pytest.raises(TemplateError, match="unknown condition"):
        default.condition("Nope")


def test_template_conditions(template: dict[str, Any]) -> None:
    assert Stack(template).is_active("OpsEmailSubscription") is False
    assert Stack(template, parameter_overrides={"AlarmEmail": "ops@example.org"}).is_active("OpsEmailSubscription")


# ------------------------------------------------------------------------------------------- names


def test_names_refs_and_arns(stack: Stack) -> None:
    region, account = "ap-southeast-3", "123456789012"
    assert stack.resolve({"Ref": "Table"}) == "Table"
    assert stack.resolve({"Fn::GetAtt": ["Table", "Arn"]}) == f"arn:aws:dynamodb:{region}:{account}:table/Table"
    assert stack.resolve({"Ref": "IntakeQueue"}) == f"http://localhost:5000/{account}/IntakeQueue"
    assert stack.resolve({"Fn::GetAtt": ["IntakeQueue", "Arn"]}) == f"arn:aws:sqs:{region}:{account}:IntakeQueue"
    assert stack.resolve({"Fn::GetAtt": ["IntakeDeadLetterQueue", "QueueName"]}) == "IntakeDeadLetterQueue"
    assert stack.resolve({"Ref": "AlertsTopic"}) == f"arn:aws:sns:{region}:{account}:AlertsTopic"
    assert stack.resolve({"Fn::GetAtt": ["AlertsTopic", "TopicName"]}) == "AlertsTopic"
    assert stack.resolve({"Ref": "PayloadBucket"}) == "aduan-local-payloadbucket"
    assert stack.resolve({"Fn::GetAtt": ["PayloadBucket", "Arn"]}) == "arn:aws:s3:::aduan-local-payloadbucket"
    assert stack.resolve({"Ref": "NotifierFunction"}) == "NotifierFunction"
    assert stack.resolve({"Ref": "HttpApi"}) == "httpapi"
    with pytest.raises(TemplateError, match="unsupported attribute"):
        stack.resolve({"Fn::GetAtt": ["Table", "Nope"]})
    with pytest.raises(TemplateError, match="undeclared resource"):
        stack.resolve({"Ref": "Nope"})


def test_runtime_attributes_win(stack: Stack) -> None:
    stack.runtime_attributes[("Table", "StreamArn")] = "arn:real-stream"
    assert stack.resolve({"Fn::GetAtt": ["Table", "StreamArn"]}) == "arn:real-stream"


def test_dead_letter_queue_created_before_its_source(stack: Stack) -> None:
    order = creation_order(stack)
    assert order.index("IntakeDeadLetterQueue") < order.index("IntakeQueue")
    assert order.index("OpsTopic") < order.index("IntakeDeadLetterAlarm")


def test_unknown_resource_type_is_an_error() -> None:
    template = parse("Resources:\n  Thing: {Type: AWS::Made::Up}\n  Q: {Type: AWS::SQS::Queue}\n")
    calls: list[str] = []
    with pytest.raises(TemplateError, match=r"Thing \(AWS::Made::Up\)"):
        create_resources(Stack(template), lambda service: calls.append(service))
    assert calls == []


def test_skipped_types_are_reported() -> None:
    template = parse("Resources:\n  Policy: {Type: AWS::S3::BucketPolicy}\n")
    report = create_resources(Stack(template), lambda service: None)
    assert report == CreationReport(skipped=[("Policy", "AWS::S3::BucketPolicy")])


# ------------------------------------------------------------------------------------------- functions


def test_functions_from_template(stack: Stack) -> None:
    functions = {spec.logical_id: spec for spec in stack.functions()}
    assert {"WhatsAppWebhookFunction", "NormalizerFunction", "NotifierFunction"} <= set(functions)
    webhook = functions["WhatsAppWebhookFunction"]
    assert webhook.code_uri == REPO_ROOT / "functions" / "webhooks"
    assert webhook.handler == "app.whatsapp"
    assert webhook.memory_size == 1024
    assert webhook.environment["TABLE_NAME"] == "Table"  # from Globals
    assert webhook.environment["INTAKE_QUEUE_URL"].endswith("/123456789012/IntakeQueue")
    [layer] = stack.layers()
    assert layer.logical_id.startswith("SharedLayer")  # samtranslator adds a content hash
    assert webhook.layers == [layer.arn]
    assert webhook.layer_paths == [REPO_ROOT / "shared"]
    assert {route.route_key for route in webhook.routes} == {
        "GET /webhooks/whatsapp",
        "POST /webhooks/whatsapp",
    }
    [intake] = functions["NormalizerFunction"].sqs_sources
    assert intake.queue_arn.endswith(":IntakeQueue")
    assert intake.report_batch_item_failures
    assert intake.batch_size == 10
    [ticket_stream] = functions["NotifierFunction"].stream_sources
    assert ticket_stream.maximum_retry_attempts == 10
    assert ticket_stream.bisect_on_error
    assert ticket_stream.parallelization_factor == 5  # ParallelizationFactor, honoured by the local poller
    assert ticket_stream.on_failure_arn is not None
    assert ticket_stream.on_failure_arn.endswith(":NotifierDeadLetterQueue")
    assert ticket_stream.filters[0]["dynamodb"]["Keys"]["sk"]["S"] == ["TICKET"]
    assert functions["NotifierFunction"].timeout == 60
    assert [layer.content_uri for layer in stack.layers()] == [REPO_ROOT / "shared"]


def test_merged_environment_has_one_value_per_name(stack: Stack) -> None:
    # Webhook functions share variable names with their own values (SIGNING_SECRET_PARAM...): not strict.
    env = stack.merged_environment(strict=False)
    assert "AWS_ENDPOINT_URL" not in env
    assert env["TABLE_NAME"] == "Table"
    assert env["ALERTS_TOPIC_ARN"] == "arn:aws:sns:ap-southeast-3:123456789012:AlertsTopic"


def test_conflicting_environment_fails_loudly(stack: Stack) -> None:
    first, second = stack.functions()[:2]
    second.environment["TABLE_NAME"] = "Other"
    with pytest.raises(TemplateError, match="TABLE_NAME differs"):
        stack.merged_environment([first, second])


# ------------------------------------------------------------------------------------------- env.json


def test_env_json_is_generated_from_the_template(stack: Stack) -> None:
    committed = json.loads(ENV_JSON.read_text())
    assert committed == stack.env_json(), "regenerate: python -m devstack.cfn --env-json > devstack/env.json"


def test_env_json_sets_only_declared_variables(stack: Stack) -> None:
    committed = json.loads(ENV_JSON.read_text())
    global_vars = set(stack.template["Globals"]["Function"]["Environment"]["Variables"])
    assert set(committed.pop("Parameters")) <= global_vars
    for logical_id, variables in committed.items():
        declared = set(stack.properties(logical_id)["Environment"]["Variables"])
        assert set(variables) <= declared, f"{logical_id}: sam local ignores undeclared {set(variables) - declared}"
        assert variables["AWS_ENDPOINT_URL"] == "http://localhost:5000"


# ------------------------------------------------------------------------------------------- filters


TICKET_PATTERN = {"dynamodb": {"Keys": {"sk": {"S": ["TICKET"]}}}, "eventName": ["INSERT", "MODIFY"]}


def ddb_record(sk: str, event_name: str = "INSERT", **extra: Any) -> dict[str, Any]:
    return {"eventName": event_name, "dynamodb": {"Keys": {"pk": {"S": "T#1"}, "sk": {"S": sk}}, **extra}}


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (ddb_record("TICKET"), True),
        (ddb_record("TICKET", "MODIFY"), True),
        (ddb_record("TICKET", "REMOVE"), False),
        (ddb_record("MSG#1"), False),
        ({"eventName": "INSERT", "dynamodb": {"Keys": {"pk": {"S": "x"}}}}, False),
        ({"eventName": "INSERT"}, False),
    ],
)
def test_template_filter_pattern(record: dict[str, Any], expected: bool) -> None:
    assert matches_pattern(TICKET_PATTERN, record) is expected


@pytest.mark.parametrize(
    ("pattern", "event", "expected"),
    [
        ({"a": ["x"]}, {"a": "x"}, True),
        ({"a": ["x"]}, {"a": "y"}, False),
        ({"a": ["x"]}, {"a": ["y", "x"]}, True),  # event arrays match on any element
        ({"a": [5]}, {"a": 5.0}, True),
        ({"a": [5]}, {"a": "5"}, False),
        ({"a": [None]}, {"a": None}, True),
        ({"a": [True]}, {"a": True}, True),
        ({"a": [{"prefix": "TICK"}]}, {"a": "TICKET"}, True),
        ({"a": [{"prefix": "TICK"}]}, {"a": "MSG"}, False),
        ({"a": [{"suffix": "ET"}]}, {"a": "TICKET"}, True),
        ({"a": [{"equals-ignore-case": "ticket"}]}, {"a": "TICKET"}, True),
        ({"a": [{"anything-but": ["x", "y"]}]}, {"a": "z"}, True),
        ({"a": [{"anything-but": ["x", "y"]}]}, {"a": "x"}, False),
        ({"a": [{"anything-but": "x"}]}, {"a": "z"}, True),
        ({"a": [{"anything-but": {"prefix": "T"}}]}, {"a": "TICKET"}, False),
        ({"a": [{"anything-but": ["x"]}]}, {}, False),  # anything-but needs the field
        ({"a": [{"exists": True}]}, {"a": "v"}, True),
        ({"a": [{"exists": True}]}, {}, False),
        ({"a": [{"exists": False}]}, {}, True),
        ({"a": [{"exists": False}]}, {"a": "v"}, False),
        ({"a": {"b": [{"exists": False}]}}, {}, True),
        ({"a": {"b": ["x"]}}, {"a": "scalar"}, False),
        ({"n": [{"numeric": [">", 0, "<=", 5]}]}, {"n": 5}, True),
        ({"n": [{"numeric": [">", 0, "<=", 5]}]}, {"n": 6}, False),
        ({"a": ["x"], "b": ["y"]}, {"a": "x", "b": "z"}, False),  # every field must match
    ],
)
def test_filter_semantics(pattern: dict[str, Any], event: dict[str, Any], expected: bool) -> None:
    assert matches_pattern(pattern, event) is expected


def test_filters_are_ored_and_empty_keeps_all() -> None:
    assert matches_filters([], {"anything": 1})
    assert matches_filters([{"a": ["x"]}, {"a": ["y"]}], {"a": "y"})
    assert not matches_filters([{"a": ["x"]}, {"a": ["y"]}], {"a": "z"})


def test_invalid_pattern_is_rejected() -> None:
    with pytest.raises(ValueError, match="must be an array"):
        matches_pattern({"a": "x"}, {"a": "x"})


# ------------------------------------------------------------------------------------------- records


def test_partial_batch_responses() -> None:
    ids = ["a", "b", "c"]
    assert failed_item_ids(None, ids) is None
    assert failed_item_ids({"batchItemFailures": []}, ids) is None
    assert failed_item_ids({"batchItemFailures": [{"itemIdentifier": "b"}]}, ids) == ["b"]
    assert failed_item_ids({"batchItemFailures": [{"itemIdentifier": "zz"}]}, ids) == ids  # unknown id: all fail
    assert failed_item_ids({"batchItemFailures": [{"itemIdentifier": ""}]}, ids) == ids
    assert failed_item_ids({"batchItemFailures": "oops"}, ids) == ids


def test_sqs_record_shape() -> None:
    message = {
        "MessageId": "m1",
        "ReceiptHandle": "rh",
        "Body": "{}",
        "MD5OfBody": "99914b932bd37a50b983c5e7c90ae93b",
        "Attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1"},
        "MessageAttributes": {"k": {"DataType": "String", "StringValue": "v"}},
        "MD5OfMessageAttributes": "x",
    }
    record = sqs_record(message, "arn:aws:sqs:ap-southeast-3:123456789012:Q", "ap-southeast-3")
    assert record["messageId"] == "m1"
    assert record["receiptHandle"] == "rh"
    assert record["attributes"]["ApproximateReceiveCount"] == "1"
    assert record["messageAttributes"]["k"] == {
        "stringValue": "v",
        "stringListValues": [],
        "binaryListValues": [],
        "dataType": "String",
    }
    assert record["eventSource"] == "aws:sqs"
    assert record["eventSourceARN"].endswith(":Q")
    assert record["awsRegion"] == "ap-southeast-3"
    assert record["md5OfBody"] == message["MD5OfBody"]


def test_stream_record_shape() -> None:
    raw = {
        "eventID": "e1",
        "eventName": "INSERT",
        "eventVersion": "1.0",
        "awsRegion": "us-east-1",
        "dynamodb": {
            "ApproximateCreationDateTime": datetime(2026, 1, 1, tzinfo=UTC),
            "Keys": {"pk": {"S": "T#1"}, "sk": {"S": "TICKET"}},
            "NewImage": {"pk": {"S": "T#1"}, "blob": {"B": b"\x00\x01"}},
            "SequenceNumber": "100",
            "SizeBytes": 42,
            "StreamViewType": "NEW_AND_OLD_IMAGES",
        },
    }
    record = stream_record(raw, "arn:stream", "ap-southeast-3")
    assert record["eventVersion"] == "1.1"
    assert record["eventSource"] == "aws:dynamodb"
    assert record["awsRegion"] == "ap-southeast-3"
    assert record["eventSourceARN"] == "arn:stream"
    assert record["dynamodb"]["ApproximateCreationDateTime"] == 1767225600
    assert record["dynamodb"]["NewImage"]["blob"] == {"B": "AAE="}
    assert "OldImage" not in record["dynamodb"]
    json.dumps(record)


def _template_stream_filters() -> list[list[dict[str, Any]]]:
    """Each stream event's filter patterns, as the template declares them."""
    template = load_template(REPO_ROOT / "template.yaml")
    found = []
    for resource in template["Resources"].values():
        for event in (resource.get("Properties") or {}).get("Events", {}).values():
            if event.get("Type") == "DynamoDB":
                filters = event["Properties"].get("FilterCriteria", {}).get("Filters", [])
                found.append([json.loads(f["Pattern"]) for f in filters])
    return found


def _raw_records() -> list[dict[str, Any]]:
    images = [
        {"pk": {"S": "TICKET#A1"}, "sk": {"S": "TICKET"}, "media_count": {"N": "2"}, "b": {"B": b"\x01"}},
        {"pk": {"S": "TICKET#A1"}, "sk": {"S": "AUDIT#2026#1"}, "event": {"S": "ticket.created"}},
        {"pk": {"S": "CHANNEL#x"}, "sk": {"S": "HOUR#1"}, "n": {"N": "1"}},
        {"pk": {"S": "TICKET#A2"}, "sk": {"S": "TICKET"}, "m": {"M": {"l": {"L": [{"B": b"\x00"}]}}}},
    ]
    records = []
    for number, (image, name) in enumerate((i, n) for i in images for n in ("INSERT", "MODIFY", "REMOVE")):
        dynamodb: dict[str, Any] = {
            "ApproximateCreationDateTime": datetime(2026, 1, 1, tzinfo=UTC),
            "Keys": {"pk": image["pk"], "sk": image["sk"]},
            "SequenceNumber": str(number),
            "SizeBytes": 10,
            "StreamViewType": "NEW_AND_OLD_IMAGES",
        }
        if name != "REMOVE":
            dynamodb["NewImage"] = image
        if name != "INSERT":
            dynamodb["OldImage"] = image
        records.append({"eventID": str(number), "eventName": name, "dynamodb": dynamodb})
    return records


def test_filters_on_the_projected_record_decide_as_on_the_whole_record() -> None:
    """The stream poller matches filters on the attributes they read only: the same decision, every time."""
    every_filters = _template_stream_filters()
    assert len(every_filters) >= 3
    extra = [
        {"dynamodb": {"NewImage": {"b": {"B": ["AQ=="]}}}},
        {"dynamodb": {"NewImage": {"m": [{"exists": True}]}}},
        {"dynamodb": [{"exists": True}]},
    ]
    kept = 0
    for filters in [*every_filters, extra]:
        shape = filter_shape(filters)
        for raw in _raw_records():
            whole = stream_record(raw, "arn:stream", "ap-southeast-3")
            projected = stream_record(raw, "arn:stream", "ap-southeast-3", images=shape)
            assert matches_filters(filters, projected) is matches_filters(filters, whole), (filters, raw)
            kept += matches_filters(filters, whole)
    assert kept >= 5  # the cases include records each filter keeps


def test_filter_shape_is_the_union_of_the_paths_read() -> None:
    assert filter_shape([{"a": {"b": ["x"]}}, {"a": {"c": [{"exists": True}]}, "d": ["y"]}]) == {
        "a": {"b": None, "c": None},
        "d": None,
    }
    assert filter_shape([{"a": {"b": ["x"]}}, {"a": ["z"]}]) == {"a": None}  # a leaf takes the whole value
    assert filter_shape([{"a": ["z"]}, {"a": {"b": ["x"]}}]) == {"a": None}


# ------------------------------------------------------------------------------------------- HTTP API


ROUTES = [
    HttpRoute("Hook", "GET", "/webhooks/whatsapp", "api1"),
    HttpRoute("HookPost", "POST", "/webhooks/whatsapp", "api1"),
    HttpRoute("Item", "GET", "/items/{id}", "api1"),
    HttpRoute("Any", "ANY", "/items/{id}", "api1"),
    HttpRoute("Proxy", "ANY", "/files/{proxy+}", "api1"),
]


def test_route_selection() -> None:
    router = Router(ROUTES)
    post = router.match("POST", "/webhooks/whatsapp")
    assert post is not None
    assert post.route.function == "HookPost"
    item = router.match("GET", "/items/42")
    assert item is not None
    assert (item.route.function, item.path_parameters) == ("Item", {"id": "42"})
    other = router.match("DELETE", "/items/42")
    assert other is not None
    assert other.route.function == "Any"
    proxy = router.match("PUT", "/files/a/b%20c.txt")
    assert proxy is not None
    assert proxy.path_parameters == {"proxy": "a/b c.txt"}
    assert router.match("PUT", "/webhooks/whatsapp") is None
    assert router.match("GET", "/nope") is None


def http_event(method: str, target: str, headers: list[tuple[str, str]], body: bytes = b"") -> dict[str, Any]:
    raw_path, _, raw_query = target.partition("?")
    match = Router(ROUTES).match(method, raw_path)
    assert match is not None
    return build_http_event(
        method=method,
        raw_path=raw_path,
        raw_query=raw_query,
        headers=headers,
        body=body,
        match=match,
        source_ip="10.0.0.1",
        request_id="req-1",
        now=datetime(2026, 11, 28, 1, 2, 3, tzinfo=UTC),
    )


def test_http_event_v2_for_a_get() -> None:
    event = http_event(
        "GET",
        "/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1&a=1&a=2",
        [
            ("Host", "127.0.0.1:3000"),
            ("User-Agent", "curl/8"),
            ("X-Multi", "1"),
            ("x-multi", "2"),
            ("Cookie", "a=1; b=2"),
        ],
    )
    assert event["version"] == "2.0"
    assert event["routeKey"] == "GET /webhooks/whatsapp"
    assert event["rawPath"] == "/webhooks/whatsapp"
    assert event["rawQueryString"] == "hub.mode=subscribe&hub.challenge=1&a=1&a=2"
    assert event["queryStringParameters"] == {"hub.mode": "subscribe", "hub.challenge": "1", "a": "1,2"}
    headers = event["headers"]
    assert {k: headers[k] for k in ("host", "user-agent", "x-multi")} == {
        "host": "127.0.0.1:3000",
        "user-agent": "curl/8",
        "x-multi": "1,2",
    }
    assert headers["x-forwarded-for"] == "10.0.0.1"
    assert headers["x-forwarded-port"] == "3000"
    assert headers["x-forwarded-proto"] == "http"
    assert headers["x-amzn-trace-id"].startswith("Root=1-")
    assert "cookie" not in headers
    assert event["cookies"] == ["a=1", "b=2"]
    assert "body" not in event
    assert event["isBase64Encoded"] is False
    assert "pathParameters" not in event
    context = event["requestContext"]
    assert context["http"] == {
        "method": "GET",
        "path": "/webhooks/whatsapp",
        "protocol": "HTTP/1.1",
        "sourceIp": "10.0.0.1",
        "userAgent": "curl/8",
    }
    assert context["accountId"] == "123456789012"
    assert context["apiId"] == "api1"
    assert context["domainName"] == "127.0.0.1:3000"
    assert context["requestId"] == "req-1"
    assert context["routeKey"] == "GET /webhooks/whatsapp"
    assert context["stage"] == "$default"
    assert context["time"] == "28/Nov/2026:01:02:03 +0000"
    assert context["timeEpoch"] == 1795827723000


def test_http_event_bodies_text_and_binary() -> None:
    body = '{"x":"é"}'.encode()
    text = http_event("POST", "/webhooks/whatsapp", [("Content-Type", "application/json")], body)
    assert (text["body"], text["isBase64Encoded"]) == ('{"x":"é"}', False)
    assert "queryStringParameters" not in text
    form = http_event("POST", "/webhooks/whatsapp", [("Content-Type", "application/x-www-form-urlencoded")], b"a=1")
    assert form["isBase64Encoded"] is False
    binary = http_event("POST", "/webhooks/whatsapp", [("Content-Type", "image/png")], b"\x89PNG")
    assert binary["isBase64Encoded"] is True
    assert base64.b64decode(binary["body"]) == b"\x89PNG"
    # A text type whose bytes are not UTF-8 (a lone surrogate's encoding, a Latin-1 byte) travels as the
    # exact bytes, base64-encoded, so a signature over them still verifies.
    for raw in (b'{"x":"\xed\xa0\x80"}', b'{"x":"\xe9"}'):
        odd = http_event("POST", "/webhooks/whatsapp", [("Content-Type", "application/json")], raw)
        assert odd["isBase64Encoded"] is True
        assert base64.b64decode(odd["body"]) == raw
    with_params = http_event("GET", "/items/7", [])
    assert with_params["pathParameters"] == {"id": "7"}
    assert is_text_content("text/plain; charset=utf-8")
    assert is_text_content("application/vnd.api+json")
    assert not is_text_content("application/octet-stream")


def test_response_mapping() -> None:
    full = map_response(
        {"statusCode": 201, "headers": {"Content-Type": "text/plain"}, "body": "ok", "cookies": ["s=1"]}
    )
    assert full.status == 201
    assert ("Content-Type", "text/plain") in full.headers
    assert ("Set-Cookie", "s=1") in full.headers
    assert full.body == b"ok"
    binary = map_response({"statusCode": 200, "body": base64.b64encode(b"\x00").decode(), "isBase64Encoded": True})
    assert binary.body == b"\x00"
    implicit = map_response({"hello": "world"})
    assert (implicit.status, json.loads(implicit.body)) == (200, {"hello": "world"})
    assert ("Content-Type", "application/json") in implicit.headers
    assert map_response("text").body == b'"text"'
    assert map_response({"statusCode": 204}).body == b""


# ------------------------------------------------------------------------------------------- SAM transform

SAM = """
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.11
    Timeout: 5
    CodeUri: functions/webhooks/
    Environment: {Variables: {TABLE_NAME: !Ref Table}}
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 3}
  Dlq: {Type: AWS::SQS::Queue}
  TopicKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {Service: cloudwatch.amazonaws.com}, Action: kms:Decrypt, Resource: "*"}
  Topic: {Type: AWS::SNS::Topic, Properties: {KmsMasterKeyId: !Ref TopicKey}}
  WhatsAppFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.whatsapp
      ReservedConcurrentExecutions: 7
      Policies: [AWSLambdaBasicExecutionRole]
      Events:
        Post: {Type: HttpApi, Properties: {Path: /webhooks/whatsapp, Method: POST}}
  InstagramFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.instagram
      Events:
        Post: {Type: HttpApi, Properties: {Path: /webhooks/instagram, Method: post}}
        Anything: {Type: HttpApi}
  WorkerFunction:
    Type: AWS::Serverless::Function
    Metadata: {devstack: {LocalConcurrency: 6}}
    Properties:
      CodeUri: functions/worker/
      Handler: app.lambda_handler
      Events:
        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
            BatchSize: 5
            FunctionResponseTypes: [ReportBatchItemFailures]
            FilterCriteria: {Filters: [{Pattern: '{"body": {"kind": ["report"]}}'}]}
        Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}
  CustomMetricAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: Aduan
      MetricName: UnreadableDeliveries
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 0
      ComparisonOperator: GreaterThanThreshold
      AlarmActions: [!Ref Topic]
"""


@pytest.fixture(scope="module")
def sam_stack() -> Stack:
    return Stack(parse(SAM), base_dir=Path("/repo"))


def test_sam_transform_expands_to_plain_cloudformation(sam_stack: Stack) -> None:
    types = {resource["Type"] for resource in sam_stack.resources.values()}
    assert not any(t.startswith("AWS::Serverless::") for t in types)
    assert {"AWS::Lambda::Function", "AWS::Lambda::EventSourceMapping", "AWS::ApiGatewayV2::Api"} <= types
    assert "AWS::Events::Rule" in types  # the Schedule event


def test_functions_sharing_one_code_uri(sam_stack: Stack) -> None:
    functions = {spec.logical_id: spec for spec in sam_stack.functions()}
    whatsapp, instagram = functions["WhatsAppFunction"], functions["InstagramFunction"]
    assert whatsapp.code_uri == instagram.code_uri == Path("/repo/functions/webhooks")
    assert (whatsapp.handler, instagram.handler) == ("app.whatsapp", "app.instagram")
    assert whatsapp.timeout == 5
    assert whatsapp.environment == {"TABLE_NAME": "Table"}
    assert functions["WorkerFunction"].code_uri == Path("/repo/functions/worker")


def test_routes_from_the_expanded_http_api(sam_stack: Stack) -> None:
    routes = {route.route_key: route for spec in sam_stack.functions() for route in spec.routes}
    assert set(routes) == {"POST /webhooks/whatsapp", "POST /webhooks/instagram", "$default"}
    assert routes["POST /webhooks/whatsapp"].function == "WhatsAppFunction"
    assert routes["$default"].function == "InstagramFunction"
    assert routes["$default"].method == "ANY"
    assert routes["$default"].api_id == sam_stack.api_id("ServerlessHttpApi")


def test_event_source_mapping_and_what_is_not_driven(sam_stack: Stack) -> None:
    worker = sam_stack.function("WorkerFunction")
    [source] = worker.sqs_sources
    assert source.queue_arn == "arn:aws:sqs:ap-southeast-3:123456789012:Queue"
    assert (source.batch_size, source.report_batch_item_failures) == (5, True)
    assert source.filters == ({"body": {"kind": ["report"]}},)
    [nightly] = worker.unsupported_events
    assert nightly.type == "AWS::Events::Rule"


def test_concurrency_limits(sam_stack: Stack) -> None:
    assert sam_stack.function("WhatsAppFunction").max_concurrency == 7
    assert sam_stack.function("InstagramFunction").reserved_concurrency is None
    assert sam_stack.function("InstagramFunction").max_concurrency == DEFAULT_LOCAL_CONCURRENCY
    assert sam_stack.function("WorkerFunction").max_concurrency == 6  # the Metadata hint


@pytest.mark.parametrize("value", [0, -1, "6", True])
def test_a_local_concurrency_hint_must_be_a_positive_integer(value: Any) -> None:
    template = SAM.replace(
        "Metadata: {devstack: {LocalConcurrency: 6}}",
        f"Metadata: {{devstack: {{LocalConcurrency: {json.dumps(value)}}}}}",
    )
    with pytest.raises(TemplateError, match="LocalConcurrency"):
        Stack(parse(template), base_dir=Path("/repo")).function("WorkerFunction")


def test_kms_key_before_the_topic_it_encrypts(sam_stack: Stack) -> None:
    order = creation_order(sam_stack)
    assert order.index("TopicKey") < order.index("Topic")
    assert order.index("Dlq") < order.index("Queue")
    key_id = sam_stack.resolve({"Ref": "TopicKey"})
    assert sam_stack.resolve({"Fn::GetAtt": ["TopicKey", "Arn"]}).endswith(f":key/{key_id}")


def test_local_code_must_be_a_directory() -> None:
    template = parse(SAM)
    template["Resources"]["WorkerFunction"]["Properties"]["CodeUri"] = "s3://bucket/code.zip"
    with pytest.raises(TemplateError, match="local directory"):
        Stack(template)


def test_transform_errors_are_template_errors() -> None:
    template = parse(SAM)
    template["Resources"]["WorkerFunction"]["Properties"]["Events"]["Work"]["Properties"].pop("Queue")
    with pytest.raises(TemplateError, match="SAM transform"):
        Stack(template)
