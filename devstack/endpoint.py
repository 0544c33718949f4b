"""The embedded AWS endpoint: moto's threaded server plus one read-only route of the local stack's own.

``GET /_devstack/outbox`` answers with what SNS has sent (every SMS, every message published to a topic),
read straight from moto's SNS backends in this process. Real SNS has no API that lists sent messages, and
``/moto-api/data.json`` serialises every model moto holds (seconds to minutes once a stack holds a few
hundred tickets), so ``make outbox`` reads this instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from moto.moto_server.threaded_moto_server import ThreadedMotoServer

OUTBOX_PATH = "/_devstack/outbox"

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def outbox_document() -> dict[str, Any]:
    """Every SMS and topic message sent so far, in every account and region moto has a backend for."""
    from moto.sns.models import sns_backends

    sms: list[dict[str, str]] = []
    topics: list[dict[str, Any]] = []
    for account_id, regions in list(sns_backends.items()):
        for region, backend in list(regions.items()):
            for message_id, (phone_number, message) in list(backend.sms_messages.items()):
                sms.append({"message_id": message_id, "phone_number": phone_number, "message": message})
            for arn, topic in list(backend.topics.items()):
                notifications = [
                    {"message_id": n[0], "message": n[1], "subject": n[2], "attributes": n[3] or {}, "group": n[4]}
                    for n in list(topic.sent_notifications)
                ]
                topics.append(
                    {
                        "arn": arn,
                        "name": topic.name,
                        "account": account_id,
                        "region": region,
                        "notifications": notifications,
                    }
                )
    return {"sms": sms, "topics": topics}


def with_devstack_routes(app: WsgiApp) -> WsgiApp:
    """Serve :data:`OUTBOX_PATH` and pass everything else to moto."""

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == OUTBOX_PATH and environ.get("REQUEST_METHOD") == "GET":
            body = json.dumps(outbox_document(), ensure_ascii=False, default=str).encode()
            start_response(
                "200 OK", [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(body)))]
            )
            return [body]
        return app(environ, start_response)

    return application


class EmbeddedEndpoint(ThreadedMotoServer):
    """moto's ``ThreadedMotoServer`` with :func:`with_devstack_routes` in front of its application."""

    def _server_entry(self) -> None:
        from moto.moto_server.werkzeug_app import create_backend_app
        from werkzeug.serving import make_server

        from devstack.moto_speed import CachedDispatcher, fast_sqs_clock, fast_table_queries

        fast_sqs_clock()
        fast_table_queries()
        app = with_devstack_routes(CachedDispatcher(create_backend_app))
        self._server = make_server(self._ip_address, self._port, app, True)
        self._server_ready_event.set()
        self._server.serve_forever()
