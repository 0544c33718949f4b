"""SNS adapter for the workflow: officer SMS, escalation emails on the alerts topic, ticket events.

`ClientError` becomes `DeliveryFailed` (transient or not) here; SNS error messages can quote the phone
number, so only the error code travels on.
"""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError

from aduan import aws
from aduan.errors import DeliveryFailed

TRANSIENT_ERRORS = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "InternalError",
        "InternalFailure",
        "ServiceUnavailable",
        "KMSThrottling",
        "RequestTimeout",
    }
)


class SnsMessenger:
    def __init__(
        self, alerts_topic_arn: str = "", ticket_events_topic_arn: str = "", sender_id: str = "", client: Any = None
    ) -> None:
        self.alerts_topic_arn = alerts_topic_arn
        self.ticket_events_topic_arn = ticket_events_topic_arn
        self.sender_id = sender_id
        self._client = client

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = aws.client("sns")
        return self._client

    def _publish(self, **kwargs: Any) -> str:
        try:
            return str(self.client.publish(**kwargs)["MessageId"])
        except ClientError as exc:
            code = exc.response["Error"]["Code"]
            raise DeliveryFailed(code, transient=code in TRANSIENT_ERRORS) from None

    def send_sms(self, phone: str, text: str) -> str:
        attributes: dict[str, Any] = {"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}}
        if self.sender_id:
            attributes["AWS.SNS.SMS.SenderID"] = {"DataType": "String", "StringValue": self.sender_id}
        return self._publish(PhoneNumber=phone, Message=text, MessageAttributes=attributes)

    def publish_email(self, subject: str, body: str, attributes: dict[str, str | list[str]]) -> str:
        return self._publish(
            TopicArn=self.alerts_topic_arn, Subject=subject, Message=body, MessageAttributes=_attributes(attributes)
        )

    def publish_event(self, payload: dict[str, Any], attributes: dict[str, str | list[str]]) -> str:
        return self._publish(
            TopicArn=self.ticket_events_topic_arn,
            Message=json.dumps(payload),
            MessageAttributes=_attributes(attributes),
        )


def _attributes(attributes: dict[str, str | list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in attributes.items():
        if isinstance(value, list):
            out[name] = {"DataType": "String.Array", "StringValue": json.dumps(value)}
        else:
            out[name] = {"DataType": "String", "StringValue": value}
    return out
