"""WhatsApp Cloud API webhook: Meta's handshake (GET) and signed deliveries (POST).

Verifies the signature over the raw body, puts the delivery on the intake queue and answers at once;
the normalizer does the rest.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities import parameters

from aduan import config
from aduan.channels.whatsapp.webhook import is_citizen_delivery
from aduan.intake import IntakeQueue
from aduan.webhook import MetaWebhook, Reply, raw_body

logger = Logger(service="aduan-webhook-whatsapp")
metrics = Metrics()
app = APIGatewayHttpResolver()
_webhook: MetaWebhook | None = None


def _secret(name: str, force: bool) -> str:
    return str(
        parameters.get_parameter(
            name, decrypt=True, max_age=config.webhook_whatsapp().secret_max_age_seconds, force_fetch=force
        )
    )


def webhook() -> MetaWebhook:
    global _webhook
    if _webhook is None:
        settings = config.webhook_whatsapp()
        queue = IntakeQueue(settings.payload_bucket, queue_url=settings.intake_queue_url)
        _webhook = MetaWebhook(
            channel="whatsapp",
            app_secret_param=settings.app_secret_param,
            verify_token_param=settings.verify_token_param,
            secrets=_secret,
            enqueue=queue.enqueue,
            is_relevant=is_citizen_delivery,
        )
    return _webhook


def _response(reply: Reply) -> Response[Any]:
    if reply.is_text:
        return Response(status_code=reply.status, content_type="text/plain", body=str(reply.body))
    return Response(status_code=reply.status, content_type="application/json", body=reply.body)


@app.get("/webhooks/whatsapp")
def handshake() -> Response[Any]:
    reply = webhook().handshake(app.current_event.query_string_parameters or {})
    metrics.add_metric(name=f"Handshake_{reply.status}", unit=MetricUnit.Count, value=1)
    logger.info("handshake", extra={"status": reply.status})
    return _response(reply)


@app.post("/webhooks/whatsapp")
def delivery() -> Response[Any]:
    event = app.current_event
    request_id = event.request_context.request_id or ""
    reply, outcome = webhook().deliver(raw_body(event.raw_event), event.headers or {}, request_id)
    metrics.add_metric(name=f"Delivery_{outcome}", unit=MetricUnit.Count, value=1)
    log = logger.warning if reply.status >= 400 else logger.info
    log("delivery", extra={"outcome": outcome, "status": reply.status, "bytes": len(event.body or "")})
    return _response(reply)


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return app.resolve(event, context)
