"""The Lambda side of every webhook function, written once: `whatsapp = webhook_handler("whatsapp")`.

One template function per platform (its own secrets, IAM policy, alarms and log group) points its
`Handler` at `app.<channel>` in `functions/webhooks/app.py`. On the function's first invocation the handler
builds, for its channel only: the channel's webhook parts from the registry (so a function imports no other
channel), the configuration (read once from the generic variables, `aduan.config.webhook`), the logger
(service `aduan-webhook-<channel>`), the metrics, the routes (`POST /webhooks/<channel>`, and `GET` where the
platform has a handshake) and the intake adapter with its lazily created clients.

Errors are mapped here and nowhere else (the metric each counts in brackets):

- missing, forged, malformed or stale signature: 401 `{"error": <reason>}`, nothing stored (`Delivery_rejected`);
- a handshake refused: 400 or 403 from the channel's handshake (`Handshake_<status>`);
- a signed body we cannot read: 200 `{"status": "parked"}`, kept whole in the intake dead-letter queue
  with its reason (`ParkedBodies`, alarmed);
- a delivery without a citizen message: 200 `{"status": "ignored"}` (`Delivery_ignored`);
- a delivery enqueued: 200 `{"status": "accepted"}` (`Delivery_accepted`);
- our queue, bucket or secret store failing: the invocation fails and API Gateway answers 500, so the
  platform retries later, which is right when we could not keep the delivery; the function's errors alarm
  fires (`Unavailable`).

Logs carry outcomes, reasons, sizes and request ids: never a body, a name or a platform id.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities import parameters
from aws_lambda_powertools.utilities.parameters.exceptions import GetParameterError

from aduan import config
from aduan.channels import registry
from aduan.channels.base import Reply
from aduan.errors import StorageUnavailable
from aduan.intake import IntakeQueue
from aduan.webhook import Outcome, WebhookService, raw_body

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]
#: The namespace of the webhooks' metrics; the template's parked-bodies alarms watch `ParkedBodies` in it,
#: with the dimension `service` = `aduan-webhook-<channel>`.
METRICS_NAMESPACE = "Aduan"


def _response(reply: Reply) -> Response[Any]:
    if reply.is_text:
        return Response(
            status_code=reply.status, content_type="text/plain", body=str(reply.body), headers=reply.headers
        )
    return Response(status_code=reply.status, content_type="application/json", body=reply.body, headers=reply.headers)


class WebhookFunction:
    """A Lambda handler for one channel's webhook, built on its first invocation (its cold start)."""

    def __init__(self, channel: str) -> None:
        self.channel = channel
        self.service_name = f"aduan-webhook-{channel}"
        self._handler: LambdaHandler | None = None
        self._service: WebhookService | None = None
        self._lock = threading.Lock()
        self.logger: Logger | None = None

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        handler = self._handler or self._build()
        return handler(event, context)

    @property
    def service(self) -> WebhookService:
        """The channel's webhook service (built with the handler; tests and the bench may replace it)."""
        if self._service is None:
            settings = config.read_webhook()  # once: this function's cold start
            spec = registry.webhook(self.channel)
            params = settings.secret_params()
            missing = [role for role in spec.secrets if role not in params]
            if missing:
                raise RuntimeError(f"{self.channel} needs {', '.join(missing)}: set VERIFY_TOKEN_PARAM (template.yaml)")

            def secret(role: str, force: bool) -> str:
                value = parameters.get_parameter(
                    params[role], decrypt=True, max_age=settings.secret_max_age_seconds, force_fetch=force
                )
                return str(value)

            intake = IntakeQueue(
                settings.payload_bucket,
                queue_url=settings.intake_queue_url,
                dead_letter_queue_url=settings.dead_letter_queue_url,
            )
            self._service = WebhookService(spec, secret, intake)
        return self._service

    @service.setter
    def service(self, value: WebhookService) -> None:
        self._service = value

    def _build(self) -> LambdaHandler:
        with self._lock:
            if self._handler is not None:
                return self._handler
            logger = Logger(service=self.service_name)
            metrics = Metrics(namespace=METRICS_NAMESPACE, service=self.service_name)
            app = APIGatewayHttpResolver()
            spec = registry.webhook(self.channel)

            def answer(outcome: Outcome, what: str, size: int = 0) -> Response[Any]:
                reply = outcome.reply
                if outcome.outcome == "parked":
                    metrics.add_metric(name="ParkedBodies", unit=MetricUnit.Count, value=1)
                elif what == "delivery":
                    metrics.add_metric(name=f"Delivery_{outcome.outcome}", unit=MetricUnit.Count, value=1)
                else:
                    metrics.add_metric(name=f"Handshake_{reply.status}", unit=MetricUnit.Count, value=1)
                log = logger.warning if reply.status >= 400 or outcome.outcome == "parked" else logger.info
                extra = {"outcome": outcome.outcome, "status": reply.status, "reason": outcome.reason, "bytes": size}
                log(what, extra=extra)
                return _response(reply)

            def guarded(call: Callable[[], Outcome]) -> Outcome:
                try:
                    return call()
                except (StorageUnavailable, GetParameterError) as exc:
                    metrics.add_metric(name="Unavailable", unit=MetricUnit.Count, value=1)
                    extra = {"error": type(exc).__name__, "reason": str(exc)[:200]}
                    logger.error("dependency unavailable", extra=extra)
                    raise

            def delivery() -> Response[Any]:
                event = app.current_event
                body = raw_body(event.raw_event)
                request_id = event.request_context.request_id or ""
                outcome = guarded(lambda: self.service.deliver(body, event.headers or {}, request_id))
                return answer(outcome, "delivery", len(body))

            # The channel watchdog's record of the platform's checks (X's hourly CRC); set per function.
            handshake_table = os.environ.get("TABLE_NAME", "") if os.environ.get("RECORD_HANDSHAKES") else ""

            def handshake() -> Response[Any]:
                query = app.current_event.query_string_parameters or {}
                outcome = guarded(lambda: self.service.handshake(query))
                if handshake_table and outcome.reply.status == 200:
                    from aduan.channels import handshake_log

                    if not handshake_log.record(self.channel, handshake_table):
                        logger.warning("handshake not recorded for the watchdog")
                return answer(outcome, "handshake")

            app.post(spec.path)(delivery)
            if spec.handshake is not None:
                app.get(spec.path)(handshake)

            @logger.inject_lambda_context(clear_state=True)
            @metrics.log_metrics
            def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
                return app.resolve(event, context)

            self.logger = logger
            self._handler = handler
            return handler


def webhook_handler(channel: str) -> WebhookFunction:
    """The Lambda handler for `channel`'s webhook function; nothing is imported or built until it runs."""
    return WebhookFunction(channel)
