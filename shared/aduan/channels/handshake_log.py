"""Recording that a platform checked our webhook (X's hourly CRC) for the channel watchdog.

One small DynamoDB write per answered check (X checks about once an hour), never on a delivery; standard
library and the shared boto3 client only (no pydantic on the webhook's path). A failed write is logged and
swallowed: answering the CRC matters more than recording it. The item is `CHANNEL#<name>` / `CRC`
(`aduan.adapters.channel_stats`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from aduan import aws


def record(channel: str, table_name: str, now: datetime | None = None) -> bool:
    """Store the time of the check; False when the write failed."""
    from botocore.exceptions import BotoCoreError, ClientError

    moment = (now or datetime.now(UTC)).astimezone(UTC)
    try:
        aws.client("dynamodb").put_item(
            TableName=table_name,
            Item={
                "pk": {"S": f"CHANNEL#{channel}"},
                "sk": {"S": "CRC"},
                "type": {"S": "channel_crc"},
                "last_at": {"S": moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")},
            },
        )
    except (BotoCoreError, ClientError):
        return False
    return True
