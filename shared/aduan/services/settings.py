"""Typed configuration of the workflow functions, read once per cold start from template.yaml's variables.

A plain dataclass like `aduan.config` (pydantic-settings costs hundreds of milliseconds to import).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

from aduan.domain.sla import SlaPolicy


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise RuntimeError(f"environment variable {name} is not set (see template.yaml)")
    return value


@dataclass(frozen=True, slots=True)
class WorkflowConfig:
    table_name: str
    alerts_topic_arn: str
    ticket_events_topic_arn: str
    sms_sender_id: str
    ack_base_url: str  # public base of the one-tap links: a short custom domain on AWS
    thread_window_hours: int
    retention_days: int
    policy: SlaPolicy
    user_pool_id: str = ""  # the officers' user pool, which `/api/roster` keeps in step
    mfa_groups: frozenset[str] = frozenset()  # groups whose tokens need an MFA-enabled account


@cache
def workflow() -> WorkflowConfig:
    return WorkflowConfig(
        table_name=_required("TABLE_NAME"),
        alerts_topic_arn=os.environ.get("ALERTS_TOPIC_ARN", ""),
        ticket_events_topic_arn=os.environ.get("TICKET_EVENTS_TOPIC_ARN", ""),
        sms_sender_id=os.environ.get("SMS_SENDER_ID", ""),
        ack_base_url=os.environ.get("ACK_BASE_URL", "").rstrip("/"),
        thread_window_hours=int(os.environ.get("THREAD_WINDOW_HOURS", "24")),
        retention_days=int(os.environ.get("RETENTION_DAYS", "365")),
        policy=SlaPolicy.from_env(),
        user_pool_id=os.environ.get("USER_POOL_ID", ""),
        mfa_groups=frozenset(g.strip() for g in os.environ.get("MFA_GROUPS", "").split(",") if g.strip()),
    )


def reset() -> None:
    workflow.cache_clear()
