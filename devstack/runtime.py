"""Running function code in-process as Lambda would: layers on ``sys.path``, lazy handler loading, a context.

Each function's handler module is loaded from ``<CodeUri>/<module>.py`` under a unique module name (every
function's entry point is ``app.py``), once, on its first invocation. Invocations of one function may run
concurrently from several threads, as concurrent Lambda execution environments would.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from devstack.cfn import FunctionSpec, LayerSpec

logger = logging.getLogger("devstack.runtime")

Handler = Callable[[Any, Any], Any]

_import_lock = threading.Lock()


def add_layers(layers: Iterable[LayerSpec]) -> list[str]:
    """Put each layer's content directory on ``sys.path`` (Lambda's ``/opt/python``); return the paths."""
    added = []
    for layer in layers:
        if not layer.content_uri.is_dir():
            raise FileNotFoundError(f"layer {layer.logical_id}: {layer.content_uri} is not a directory")
        path = str(layer.content_uri)
        if path not in sys.path:
            sys.path.insert(0, path)
        added.append(path)
    return added


class LambdaContext:
    """The context object Lambda passes to a Python handler (the attributes handlers and Powertools use)."""

    def __init__(self, spec: FunctionSpec, *, request_id: str | None = None) -> None:
        self.function_name = spec.name
        self.function_version = "$LATEST"
        self.invoked_function_arn = spec.arn
        self.memory_limit_in_mb = spec.memory_size
        self.aws_request_id = request_id or str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{spec.name}"
        day = time.strftime("%Y/%m/%d", time.gmtime())
        self.log_stream_name = f"{day}/[$LATEST]{uuid.uuid4().hex}"
        self.identity = None
        self.client_context = None
        self._deadline = time.monotonic() + spec.timeout

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before the function's configured Timeout."""
        return max(0, int((self._deadline - time.monotonic()) * 1000))


@dataclass(frozen=True)
class Invocation:
    """The outcome of one invocation: ``error`` is set when the handler raised (traceback already logged)."""

    function: str
    source: str
    request_id: str
    duration_ms: float
    result: Any = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        """True when the handler returned normally."""
        return self.error is None


class FunctionRuntime:
    """One function: loads its handler on first use and invokes it with a fresh context."""

    def __init__(self, spec: FunctionSpec, *, handler: Handler | None = None) -> None:
        self.spec = spec
        self._handler = handler
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        """The function's logical id."""
        return self.spec.logical_id

    def handler(self) -> Handler:
        """The handler callable, importing its module on first use."""
        if self._handler is None:
            with self._lock:
                if self._handler is None:
                    self._handler = load_handler(self.spec)
        return self._handler

    def invoke(self, event: Any, source: str) -> Invocation:
        """Call the handler; a raised exception is logged with its traceback and returned, not re-raised.

        That is the platform's behaviour: Lambda reports the error to the caller (API Gateway, an event
        source mapping) which applies its own retry or error response.
        """
        context = LambdaContext(self.spec)
        started = time.perf_counter()
        try:
            handler = self.handler()
            result = handler(event, context)
        except Exception as error:
            duration = (time.perf_counter() - started) * 1000
            logger.exception(
                "invoke %s via %s: ERROR %s after %.0f ms (request %s)",
                self.name,
                source,
                type(error).__name__,
                duration,
                context.aws_request_id,
            )
            return Invocation(self.name, source, context.aws_request_id, duration, error=error)
        duration = (time.perf_counter() - started) * 1000
        if duration > self.spec.timeout * 1000:
            logger.warning(
                "invoke %s: took %.0f ms, over its %d s Timeout (Lambda would have killed it)",
                self.name,
                duration,
                self.spec.timeout,
            )
        return Invocation(self.name, source, context.aws_request_id, duration, result=result)


def load_handler(spec: FunctionSpec) -> Handler:
    """Import ``<CodeUri>/<module>.py`` under a unique module name and return its handler function.

    The code directory is first on ``sys.path`` while the module executes, as on Lambda, so sibling
    modules import; note that sibling modules with the same name in two functions would share one
    ``sys.modules`` entry in this single process.
    """
    module_path, _, function_name = spec.handler.rpartition(".")
    if not module_path or not function_name:
        raise ValueError(f"{spec.logical_id}: Handler {spec.handler!r} is not <module>.<function>")
    source = spec.code_uri / (module_path.replace(".", "/") + ".py")
    if not source.is_file():
        raise FileNotFoundError(f"{spec.logical_id}: handler module {source} does not exist")
    module_name = f"devstack_function_{spec.logical_id}"
    with _import_lock:
        module = sys.modules.get(module_name)
        if module is None:
            module = _import_file(module_name, source, str(spec.code_uri))
    handler = getattr(module, function_name, None)
    if not callable(handler):
        raise AttributeError(f"{spec.logical_id}: {source} has no callable {function_name}")
    return handler  # type: ignore[no-any-return]


def _import_file(module_name: str, source: Any, code_dir: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(module_name, source)
    if spec is None or spec.loader is None:  # pragma: no cover - only for non-.py paths
        raise ImportError(f"cannot import {source}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    sys.path.insert(0, code_dir)
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    finally:
        sys.path.remove(code_dir)
    return module


def import_seed(template_path: Any = None) -> ModuleType:
    """Import ``devstack.seed`` (which imports the layer's ``aduan``), putting the layers on ``sys.path``.

    Used by the command-line tools that need the seed's local defaults outside the running stack.
    """
    try:
        import devstack.seed as seed_module
    except ModuleNotFoundError as error:
        if error.name is None or error.name.split(".")[0] == "devstack":
            raise
        from devstack.cfn import DEFAULT_TEMPLATE, Stack, load_template

        add_layers(Stack(load_template(template_path or DEFAULT_TEMPLATE)).layers())
        import devstack.seed as seed_module
    return seed_module
