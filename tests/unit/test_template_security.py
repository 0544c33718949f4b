"""The template's alarm delivery and security settings: alarms can reach someone, SMS health is watched."""

from __future__ import annotations

from typing import Any

import pytest

from devstack.cfn import load_template

TEMPLATE = load_template()
RESOURCES: dict[str, Any] = TEMPLATE["Resources"]


def of_type(resource_type: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in RESOURCES.items() if r["Type"] == resource_type}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def key_policy_statements(key: str) -> list[dict[str, Any]]:
    return list(RESOURCES[key]["Properties"]["KeyPolicy"]["Statement"])


def topics_alarms_publish_to() -> set[str]:
    topics = set()
    for alarm in of_type("AWS::CloudWatch::Alarm").values():
        for action in ("AlarmActions", "OKActions", "InsufficientDataActions"):
            for target in alarm["Properties"].get(action, []):
                topics.add(target["Ref"])
    return topics


def test_alarms_publish_to_topics_of_this_template() -> None:
    topics = topics_alarms_publish_to()
    assert topics == {"OpsTopic"}
    assert all(RESOURCES[t]["Type"] == "AWS::SNS::Topic" for t in topics)


@pytest.mark.parametrize("topic", sorted(of_type("AWS::SNS::Topic")))
def test_every_topic_is_encrypted_with_a_customer_managed_key(topic: str) -> None:
    key_id = RESOURCES[topic]["Properties"]["KmsMasterKeyId"]
    assert isinstance(key_id, dict), f"{topic}: {key_id!r} is not a key of this template (alias/aws/sns cannot be used)"
    assert RESOURCES[key_id["Ref"]]["Type"] == "AWS::KMS::Key"


def test_the_key_of_alarm_topics_lets_cloudwatch_publish_and_rotates() -> None:
    for topic in topics_alarms_publish_to():
        key = RESOURCES[topic]["Properties"]["KmsMasterKeyId"]["Ref"]
        props = RESOURCES[key]["Properties"]
        assert props["EnableKeyRotation"] is True
        statements = key_policy_statements(key)
        cloudwatch = [s for s in statements if s.get("Principal", {}).get("Service") == "cloudwatch.amazonaws.com"]
        assert len(cloudwatch) == 1
        assert cloudwatch[0]["Effect"] == "Allow"
        assert set(as_list(cloudwatch[0]["Action"])) == {"kms:Decrypt", "kms:GenerateDataKey*"}
        root = [s for s in statements if "AWS" in s.get("Principal", {})]
        assert len(root) == 1
        assert root[0]["Principal"]["AWS"] == {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}


def test_functions_use_the_topics_key_through_sns_only_and_no_other_key() -> None:
    checked = 0
    for name, function in of_type("AWS::Serverless::Function").items():
        for policy in function["Properties"].get("Policies", []):
            for statement in policy.get("Statement", []):
                actions = as_list(statement["Action"])
                via = statement.get("Condition", {}).get("StringEquals", {}).get("kms:ViaService", {})
                if not any(a.startswith("kms:") for a in actions) or "sns." not in str(via):
                    continue
                checked += 1
                assert statement["Resource"] == {
                    "Fn::Sub": "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${TopicsKey}"
                }, name
    assert checked >= 1  # the notifier publishes to encrypted topics


def test_sms_spend_alarm_fires_at_80_percent_of_the_spend_limit_parameter() -> None:
    parameter = TEMPLATE["Parameters"]["SmsMonthlySpendLimitUsd"]
    assert (parameter["Type"], parameter["Default"]) == ("Number", 1)
    props = RESOURCES["SmsSpendNearLimitAlarm"]["Properties"]
    [spent] = [m for m in props["Metrics"] if "MetricStat" in m]
    assert spent["MetricStat"]["Metric"] == {"Namespace": "AWS/SNS", "MetricName": "SMSMonthToDateSpentUSD"}
    assert spent["MetricStat"]["Stat"] == "Maximum"
    [expression] = [m for m in props["Metrics"] if m.get("ReturnData")]
    assert expression["Expression"] == f"{spent['Id']} / 0.8"
    assert props["Threshold"] == {"Ref": "SmsMonthlySpendLimitUsd"}
    assert props["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    assert props["AlarmActions"] == [{"Ref": "OpsTopic"}]


def test_failed_sms_deliveries_raise_an_alarm() -> None:
    props = RESOURCES["SmsDeliveryFailuresAlarm"]["Properties"]
    assert (props["Namespace"], props["MetricName"]) == ("AWS/SNS", "NumberOfNotificationsFailed")
    assert props["Dimensions"] == [{"Name": "PhoneNumber", "Value": "PhoneNumberDirect"}]
    assert (props["Statistic"], props["Threshold"], props["ComparisonOperator"]) == ("Sum", 0, "GreaterThanThreshold")
    assert props["AlarmActions"] == [{"Ref": "OpsTopic"}]


def test_every_checkov_skip_says_why() -> None:
    skips = [
        (name, skip)
        for name, resource in RESOURCES.items()
        for skip in (resource.get("Metadata") or {}).get("checkov", {}).get("skip", [])
    ]
    assert skips
    for name, skip in skips:
        assert skip["id"].startswith("CKV"), name
        assert len(skip.get("comment", "")) > 30, f"{name} skips {skip['id']} without a reason"
