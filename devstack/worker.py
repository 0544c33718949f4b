"""One Lambda execution environment: a process that runs one function, one invocation at a time.

Started by :class:`devstack.runtime.WorkerPool` from a fork server that has imported this module (the
standard library only) and the shared libraries in ``devstack.runtime.PRELOAD``; the function's own code
is imported here. On start the worker takes
the function's environment, puts its code directory and layers first on ``sys.path`` (Lambda's ``/var/task``
and ``/opt/python``) and imports the handler module (the init phase); then it answers invocations over its
pipe until told to stop. Module globals live as long as the worker: warm invocations reuse them, and no two
invocations ever run in one worker at the same time.

Messages (pickled over a ``multiprocessing`` pipe): the pool sends ``(request_id, event, deadline_ms)``
or ``None`` to stop; the worker answers ``("ok", result)`` or ``("error", type, message, traceback)``, and
once after start ``("ready", init_ms)`` or ``("error", ...)`` when the handler cannot be imported.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
import traceback
import uuid
from typing import Any


class LambdaContext:
    """The context object Lambda passes to a Python handler (the attributes handlers and Powertools use)."""

    def __init__(
        self, *, function_name: str, function_arn: str, memory_mb: int, timeout_s: float, request_id: str | None = None
    ) -> None:
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = function_arn
        self.memory_limit_in_mb = memory_mb
        self.aws_request_id = request_id or str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function_name}"
        day = time.strftime("%Y/%m/%d", time.gmtime())
        self.log_stream_name = f"{day}/[$LATEST]{uuid.uuid4().hex}"
        self.identity = None
        self.client_context = None
        self._deadline = time.monotonic() + timeout_s

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before the function's configured Timeout."""
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def _error(error: BaseException) -> tuple[str, str, str, str]:
    return ("error", type(error).__name__, str(error), "".join(traceback.format_exception(error)))


def _name_process(function_name: str) -> None:
    """Show the function in ``ps``/``top`` (the kernel's 15-character command name), e.g. ``Notifier``."""
    try:
        with open("/proc/self/comm", "w") as comm:
            comm.write(function_name.removesuffix("Function")[:15])
    except OSError:
        pass  # not Linux: the name is only a convenience


def main(conn: Any, config: dict[str, Any]) -> None:
    """The worker's life: init (environment, ``sys.path``, handler import), then invocations until stopped."""
    _name_process(config["function_name"])
    os.environ.clear()
    os.environ.update(config["environment"])
    sys.path[:0] = [config["code_dir"], *config["layer_dirs"]]
    os.chdir(config["code_dir"])
    started = time.perf_counter()
    try:
        module_name, _, function_name = config["handler"].rpartition(".")
        handler = getattr(importlib.import_module(module_name), function_name)
    except Exception as error:  # noqa: BLE001 - an init error, reported as Runtime.ImportModuleError
        conn.send(_error(error))
        return
    conn.send(("ready", (time.perf_counter() - started) * 1000))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        request_id, event, remaining_ms = message
        context = LambdaContext(
            function_name=config["function_name"],
            function_arn=config["function_arn"],
            memory_mb=config["memory_mb"],
            timeout_s=remaining_ms / 1000,
            request_id=request_id,
        )
        try:
            result = handler(event, context)
        except Exception as error:  # noqa: BLE001 - the handler's error goes to the event source, as on Lambda
            conn.send(_error(error))
            continue
        try:
            conn.send(("ok", result))
        except Exception as error:  # noqa: BLE001 - a result that cannot be serialised is an error
            conn.send(_error(error))
