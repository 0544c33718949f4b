"""`POST requests` made idempotent on the client's `Idempotency-Key` header (the spec has no client request
id) with Powertools idempotency, persisted in a DynamoDB table of its own (`Open311IdempotencyTable`).

Why a table of its own: its records are short-lived (24 h), keyed by a hash, and written twice per request;
in the one table they would flow through its stream to the notifier and the SLA tracker for nothing, and the
function's policy would need writes on every key there. The key is the client id and the header, so two
clients never collide; the request's parameters are checked too (`payload_validation_jmespath`), so the same
key with different parameters is refused (422) instead of answered with another request's number.

A retry while the first is still running gets 409; a retry after a crash, once the in-progress record has
expired (the invocation's remaining time), runs again and the ingest's dedup record (90 days, keyed by the
same request key) finds the ticket the first made: one ticket, the same number.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)

from aduan import aws
from aduan.adapters.open311_store import Client
from aduan.open311.models import ServiceRequestForm
from aduan.services.open311 import Open311Service

EXPIRES_AFTER_SECONDS = 24 * 3600


class IdempotentSubmit:
    def __init__(
        self,
        service: Open311Service,
        table_name: str,
        expires_after_seconds: int = EXPIRES_AFTER_SECONDS,
        dynamodb: Any = None,
    ) -> None:
        self.service = service
        self.config = IdempotencyConfig(
            event_key_jmespath="[client_id, key]",
            payload_validation_jmespath="params",
            raise_on_no_idempotency_key=True,
            expires_after_seconds=expires_after_seconds,
        )
        persistence = DynamoDBPersistenceLayer(table_name=table_name, boto3_client=dynamodb or aws.client("dynamodb"))

        def open311_submit(request: dict[str, Any]) -> dict[str, Any]:
            client = Client(request["client_id"], request["client_name"])
            form = ServiceRequestForm.model_validate(request["params"])
            return service.submit(client, form, request["key"])

        self._submit = idempotent_function(
            data_keyword_argument="request", persistence_store=persistence, config=self.config
        )(open311_submit)

    def __call__(self, client: Client, form: ServiceRequestForm, key: str | None, context: Any) -> dict[str, Any]:
        if key is None:
            return self.service.submit(client, form, None)
        if context is not None:
            self.config.register_lambda_context(context)
        request = {
            "client_id": client.client_id,
            "client_name": client.name,
            "key": key,
            "params": form.model_dump(mode="json", by_alias=True, exclude_none=True),
        }
        return self._submit(request=request)  # type: ignore[no-any-return]
