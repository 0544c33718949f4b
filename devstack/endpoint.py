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
    """moto's application with :func:`with_devstack_routes` in front, served by waitress.

    moto's ``ThreadedMotoServer`` serves with werkzeug's development server, which closes the connection
    after every response and starts a thread per connection: under load, accepting connections and starting
    threads was a fifth of the endpoint's CPU, and every client call paid a TCP connect. waitress keeps
    botocore's connections alive and answers from a fixed pool of threads. Only the local stack's own callers
    (the functions' workers and the tools) connect; the pollers call moto in this process.
    """

    #: Threads answering requests: each worker process holds at most a few connections, and moto is bound by
    #: the GIL, so more threads only add switching.
    THREADS = 16

    def _server_entry(self) -> None:
        from moto.moto_server.werkzeug_app import create_backend_app
        from waitress.server import create_server  # type: ignore[import-untyped]

        from devstack.moto_speed import (
            CachedDispatcher,
            fast_dynamodb_item_responses,
            fast_item_construction,
            fast_sqs_clock,
            fast_table_queries,
        )

        fast_sqs_clock()
        fast_table_queries()
        fast_dynamodb_item_responses()
        fast_item_construction()
        app = with_devstack_routes(CachedDispatcher(create_backend_app))
        self._map: dict[int, Any] = {}
        self._waitress = create_server(
            app,
            map=self._map,
            host=self._ip_address,
            port=self._port,
            threads=self.THREADS,
            channel_timeout=300,
            connection_limit=1000,
            clear_untrusted_proxy_headers=True,
            ident="moto",
        )
        self._server_ready_event.set()
        self._waitress.run()

    def get_host_and_port(self) -> tuple[str, int]:
        return (str(self._waitress.effective_host), int(self._waitress.effective_port))

    def stop(self) -> None:
        from waitress import wasyncore  # type: ignore[import-untyped]

        self._server_ready_event.clear()
        self._waitress.task_dispatcher.shutdown()
        wasyncore.close_all(self._map)  # the loop ends once its map is empty
        if self._thread is not None:
            self._thread.join(timeout=5)
