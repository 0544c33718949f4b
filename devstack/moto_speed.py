"""Take the per-call cost out of the embedded moto server where it grows with the data (moto 5.2).

Profiled under `make load` (1,000 deliveries in 10 s), the embedded endpoint spent about 70 % of its CPU in
two places that do no useful work, each a narrow fix moto could take upstream:

* **SQS clock reads.** Every ``ReceiveMessage`` and ``GetQueueAttributes`` walks every message of the
  queue and asks each whether it is visible and whether it is delayed; each question reads the clock
  through ``moto.core.utils.unix_time_millis``, which builds two datetimes (and re-imports ``UTC``) to
  compute what ``time.time()`` gives. With a thousand messages queued and five pollers receiving, that was
  most of the server's time. The replacement reads ``time.time()`` (the same Unix milliseconds).
* **Backend lookup per request.** moto server finds the backend for every request by listing moto's
  package directory (``os.listdir`` plus an ``isdir`` per entry) and then matching the URL patterns of
  every service. :class:`CachedDispatcher` remembers the answer per host name (the inferred
  ``<service>.<region>.amazonaws.com``), which never changes while the server runs.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from moto.moto_server.werkzeug_app import DomainDispatcherApplication

_PATCHED = "_devstack_fast_clock"


def fast_sqs_clock() -> None:
    """Make moto's SQS read the clock with ``time.time()`` (idempotent)."""
    from moto.sqs import models

    slow_millis = getattr(models, "unix_time_millis")  # noqa: B009 - moto does not export it
    slow_seconds = getattr(models, "unix_time")  # noqa: B009
    if getattr(slow_millis, _PATCHED, False):
        return

    def unix_time_millis(dt: datetime | None = None) -> float:
        return time.time() * 1000.0 if dt is None else float(slow_millis(dt))

    def unix_time(dt: datetime | None = None) -> float:
        return time.time() if dt is None else float(slow_seconds(dt))

    setattr(unix_time_millis, _PATCHED, True)
    setattr(models, "unix_time_millis", unix_time_millis)  # noqa: B010
    setattr(models, "unix_time", unix_time)  # noqa: B010


class CachedDispatcher(DomainDispatcherApplication):
    """moto server's request dispatcher, remembering which backend serves each host name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._backends: dict[str, Any] = {}

    def get_backend_for_host(self, host: str | None) -> Any:
        if host is None:
            return None
        backend = self._backends.get(host)
        if backend is None:
            backend = super().get_backend_for_host(host)
            if backend is not None:
                self._backends[host] = backend
        return backend
