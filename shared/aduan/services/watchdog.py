"""The channel watchdog: every few minutes, is any channel silent beyond its rhythm, has X stopped sending
its CRC; every hour, do the platforms still say our subscriptions are active, are our tokens far from
expiry. Each verdict is stored per channel and check (`aduan.adapters.channel_stats`); a change of state is
announced once on the operations topic (which channel, which check, why), and the function's metrics feed the
CloudWatch alarms in the template (which fire even if this function stops running: missing data breaches).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aduan.adapters.channel_stats import ChannelStats
from aduan.adapters.workflow_store import iso
from aduan.channels import platform_health
from aduan.domain import watchdog as rules
from aduan.domain.watchdog import Check, Verdict

WEBHOOK_CHANNELS = ("whatsapp", "instagram", "facebook", "x", "tiktok")
CRC_CHANNELS = ("x",)


@dataclass(frozen=True, slots=True)
class Finding:
    channel: str
    verdict: Verdict
    changed: bool


class PlatformAccess:
    """Tokens and ids for asking the platforms (from SSM, through `secret`)."""

    def __init__(
        self,
        secret: Callable[[str], str | None],
        token_params: Mapping[str, str],
        meta_app_id: str,
        meta_app_secret_param: str,
        callback_base_url: str = "",
    ) -> None:
        self.secret = secret
        self.token_params = dict(token_params)
        self.meta_app_id = meta_app_id
        self.meta_app_secret_param = meta_app_secret_param
        self.callback_base_url = callback_base_url.rstrip("/")

    def token(self, channel: str) -> str | None:
        name = self.token_params.get(channel)
        return self.secret(name) if name else None

    def meta_app_token(self) -> str | None:
        if not self.meta_app_id or not self.meta_app_secret_param:
            return None
        app_secret = self.secret(self.meta_app_secret_param)
        return f"{self.meta_app_id}|{app_secret}" if app_secret else None

    def callback(self, channel: str) -> str:
        return f"{self.callback_base_url}/webhooks/{channel}" if self.callback_base_url else ""


class Watchdog:
    def __init__(
        self,
        stats: ChannelStats,
        clock: Callable[[], datetime],
        *,
        channels: Sequence[str] = WEBHOOK_CHANNELS,
        access: PlatformAccess | None = None,
        announce: Callable[[str, str], None] | None = None,
        speedup: float = 1.0,
    ) -> None:
        self.stats = stats
        self.clock = clock
        self.channels = tuple(channels)
        self.access = access
        self.announce = announce
        self.speedup = speedup

    def _store(self, channel: str, verdict: Verdict, now: datetime) -> Finding:
        outcome = self.stats.set_health(channel, verdict, now)
        changed = outcome == "changed" or (outcome == "new" and verdict.failing)
        if changed and self.announce is not None:
            state = "GAGAL" if verdict.failing else "PULIH"
            subject = f"Aduan watchdog: {channel} {verdict.check.value} {state}"
            message = {
                "channel": channel,
                "check": verdict.check.value,
                "failing": verdict.failing,
                "detail": verdict.detail,
                "value": verdict.value,
                "at": iso(now),
            }
            self.announce(subject[:100], json.dumps(message))
        return Finding(channel, verdict, changed)

    # ------------------------------------------------------------------ every few minutes
    def watch(self) -> list[Finding]:
        now = self.clock()
        out: list[Finding] = []
        # With a speedup, a real minute weighs as `speedup` minutes: look back that much further.
        since = now - timedelta(weeks=rules.RHYTHM_WEEKS + 1)
        for channel in self.channels:
            history = self.stats.history(channel, since)
            rhythm = rules.learn(history.counts, now, history.first_seen)
            verdict = rules.silence(rhythm, history.last_delivery, now, self.speedup, history.first_seen)
            out.append(self._store(channel, verdict, now))
            if channel in CRC_CHANNELS:
                watching = history.first_seen
                verdict = rules.crc(self.stats.last_crc(channel), now, self.speedup, watching)
                out.append(self._store(channel, verdict, now))
        return out

    # ------------------------------------------------------------------ every hour
    def check_platforms(self) -> list[Finding]:
        now = self.clock()
        out: list[Finding] = []
        access = self.access
        if access is None:
            return out
        app_token = access.meta_app_token()
        for channel in self.channels:
            token = access.token(channel)
            if channel in platform_health.META_OBJECTS:
                if app_token and access.meta_app_id:
                    answer = platform_health.meta_subscription(
                        channel, access.meta_app_id, app_token, access.callback(channel)
                    )
                    out.append(self._store(channel, rules.subscription(answer.active, answer.detail), now))
                    if token:
                        info = platform_health.meta_token(token, app_token)
                        if info.valid is False:
                            verdict = Verdict(Check.TOKEN, True, f"token {info.detail}", 0.0)
                        elif info.valid is None:
                            continue
                        else:
                            verdict = rules.token(info.expires_at, info.data_access_expires_at, now)
                        out.append(self._store(channel, verdict, now))
            elif channel == "x" and token:
                answer = platform_health.x_webhook(token, access.callback(channel))
                out.append(self._store(channel, rules.subscription(answer.active, answer.detail), now))
        return out

    # ------------------------------------------------------------------ the console
    def health(self) -> dict[str, Any]:
        """Every channel's last delivery, its expected rate now and each check's state (`/api/channels/health`)."""
        now = self.clock()
        channels = []
        for channel in self.channels:
            history = self.stats.history(channel, now - timedelta(weeks=rules.RHYTHM_WEEKS + 1))
            rhythm = rules.learn(history.counts, now, history.first_seen)
            checks = {
                state.check: {
                    "failing": state.failing,
                    "detail": state.detail,
                    "value": state.value,
                    "checked_at": iso(state.checked_at),
                    "since": iso(state.since),
                }
                for state in self.stats.health(channel)
            }
            busiest, busiest_rate = rhythm.busiest()
            channels.append(
                {
                    "channel": channel,
                    "status": "gagal" if any(c["failing"] for c in checks.values()) else "sehat",
                    "last_delivery_at": iso(history.last_delivery) if history.last_delivery else None,
                    "expected_per_hour_now": round(rhythm.rate(now), 2),
                    "rhythm_known": rhythm.known,
                    "busiest_hour_of_week": {"hour": busiest, "per_hour": round(busiest_rate, 2)},
                    "checks": checks,
                }
            )
        return {"checked_at": iso(now), "channels": channels}


def _pairs(text: str) -> dict[str, str]:
    out = {}
    for pair in text.split(","):
        name, _, value = pair.partition("=")
        if name.strip() and value.strip():
            out[name.strip()] = value.strip()
    return out


def from_environment(announce: Callable[[str, str], None] | None = None) -> Watchdog:
    """The watchdog as the template configures it (`TABLE_NAME`, `WATCHED_CHANNELS`, `ACCESS_TOKEN_PARAMS`,
    `META_APP_ID`, `META_APP_SECRET_PARAM`, `WEBHOOK_BASE_URL`, `SLA_SPEEDUP`)."""
    from aduan.models import utcnow

    def secret(name: str) -> str | None:
        from aws_lambda_powertools.utilities import parameters

        try:
            value = parameters.get_parameter(name, decrypt=True, max_age=300)
        except parameters.exceptions.GetParameterError:
            return None
        return str(value) if value else None

    table = os.environ.get("TABLE_NAME", "")
    if not table:
        raise RuntimeError("environment variable TABLE_NAME is not set (see template.yaml)")
    channels = [c for c in os.environ.get("WATCHED_CHANNELS", ",".join(WEBHOOK_CHANNELS)).split(",") if c]
    access = PlatformAccess(
        secret,
        _pairs(os.environ.get("ACCESS_TOKEN_PARAMS", "")),
        os.environ.get("META_APP_ID", ""),
        os.environ.get("META_APP_SECRET_PARAM", ""),
        os.environ.get("WEBHOOK_BASE_URL", ""),
    )
    return Watchdog(
        ChannelStats(table),
        utcnow,
        channels=channels,
        access=access,
        announce=announce,
        speedup=float(os.environ.get("SLA_SPEEDUP", "1") or 1),
    )
