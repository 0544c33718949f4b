"""Running a function as Lambda would: one invocation per execution environment, warm reuse, a Timeout.

:class:`WorkerPool` is what the local stack uses: a pool of worker processes per function
(:mod:`devstack.worker`), each handling one invocation at a time with its module globals reused across its
invocations (warm starts) and never shared between concurrent ones. The pool starts workers on demand up to the
function's maximum concurrency (``ReservedConcurrentExecutions``, else a local default), stops workers idle for
``idle_timeout`` seconds, and kills a worker whose invocation outlives the function's Timeout, reporting the
error to the caller as Lambda does. Workers are forked from a fork server that has imported
:mod:`devstack.worker` and the libraries in :data:`PRELOAD`, so workers share those pages instead of each
importing its own copy (a cold start then costs the handler's own imports only).

Local deviation: when every worker of a function is busy, an invocation waits for one to become free instead
of being throttled (Lambda answers ``TooManyRequestsException``, 429).

:class:`FunctionRuntime` runs a handler in the calling process instead. It exists for the integration tests,
which run the handlers against moto's in-process ``mock_aws`` and inject faults by patching the handlers'
modules: neither reaches into another process. The local stack uses it only for handlers injected with
``LocalStack(handlers=...)`` or when started with ``--in-process``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import multiprocessing
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from types import ModuleType
from typing import Any, Protocol

from devstack.cfn import FunctionSpec, LayerSpec
from devstack.worker import LambdaContext

logger = logging.getLogger("devstack.runtime")

Handler = Callable[[Any, Any], Any]

_import_lock = threading.Lock()

#: Seconds an idle worker is kept warm before it is stopped (Lambda keeps environments for minutes).
DEFAULT_IDLE_TIMEOUT = 60.0

#: Seconds a worker may take to start and import its handler (Lambda's init phase allows 10 s).
INIT_TIMEOUT = 30.0


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


def lambda_context(spec: FunctionSpec, request_id: str | None = None) -> LambdaContext:
    """A fresh context for one invocation of ``spec``."""
    return LambdaContext(
        function_name=spec.name,
        function_arn=spec.arn,
        memory_mb=spec.memory_size,
        timeout_s=spec.timeout,
        request_id=request_id,
    )


class FunctionError(Exception):
    """An invocation's error as the runtime reports it: the handler's exception type, message and traceback."""

    def __init__(self, error_type: str, message: str, traceback_text: str = "") -> None:
        super().__init__(message)
        self.error_type = error_type
        self.traceback_text = traceback_text


@dataclass(frozen=True)
class Invocation:
    """The outcome of one invocation: ``error`` is set when the handler raised (traceback already logged)."""

    function: str
    source: str
    request_id: str
    duration_ms: float
    result: Any = None
    error: BaseException | None = None
    #: Milliseconds the worker spent importing the handler when this invocation started it (a cold start).
    init_ms: float | None = None

    @property
    def ok(self) -> bool:
        """True when the handler returned normally."""
        return self.error is None

    @property
    def cold(self) -> bool:
        """True when this invocation started its execution environment."""
        return self.init_ms is not None

    @property
    def start_note(self) -> str:
        """``", cold start (init 812 ms)"`` for a cold start, else empty: for the invocation log lines."""
        return f", cold start (init {self.init_ms:.0f} ms)" if self.init_ms is not None else ""

    @property
    def error_type(self) -> str | None:
        """The handler's exception type (``Sandbox.Timedout`` for a timeout), or None."""
        if self.error is None:
            return None
        return getattr(self.error, "error_type", type(self.error).__name__)


class Runtime(Protocol):
    """What the API and the pollers invoke."""

    spec: FunctionSpec

    def invoke(self, event: Any, source: str) -> Invocation:
        """Run one invocation and report its outcome."""
        ...

    def close(self) -> None:
        """Release the runtime's resources."""
        ...


# --------------------------------------------------------------------------------------------- in-process


class FunctionRuntime:
    """One function run in this process: loads its handler on first use and invokes it with a fresh context."""

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
        context = lambda_context(self.spec)
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

    def close(self) -> None:
        """Nothing to release: the handler lives in this process."""


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


# --------------------------------------------------------------------------------------------- worker pool

#: Libraries the fork server imports once so that every worker shares their pages (copy-on-write) instead of
#: importing its own copy: the AWS SDK, Powertools and pydantic, which every Aduan function uses. Nothing of a
#: function's own (its code, the layer's ``aduan``) is preloaded, and nothing a library reads from the
#: environment at import time differs between functions. A missing library is skipped.
PRELOAD: tuple[str, ...] = (
    "boto3",
    "botocore.session",
    "botocore.loaders",
    "pydantic",
    "aws_lambda_powertools",
    "aws_lambda_powertools.event_handler",
    "aws_lambda_powertools.utilities.batch",
    "aws_lambda_powertools.utilities.parameters",
)

_context_lock = threading.Lock()
_context: Any = None


def _forkserver() -> Any:
    """The multiprocessing context workers are started from: a fork server that imports only the worker."""
    global _context
    with _context_lock:
        if _context is None:
            method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            context = multiprocessing.get_context(method)
            if method == "forkserver":
                context.set_forkserver_preload(["devstack.worker", *PRELOAD])
            _context = context
        return _context


def start_fork_server() -> None:
    """Start the fork server now (it imports :data:`PRELOAD`, seconds on a busy machine), not on the first call."""
    context = _forkserver()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def lambda_environment(spec: FunctionSpec, base: Mapping[str, str]) -> dict[str, str]:
    """A worker's environment: ``base`` (endpoint, region, credentials), the function's own variables, and
    the variables Lambda sets. An empty template value never hides the local endpoint (``AWS_ENDPOINT_URL``)."""
    environment = dict(base)
    for key, value in spec.environment.items():
        if key == "AWS_ENDPOINT_URL" and not value:
            continue
        environment[key] = value
    region = environment.get("AWS_REGION") or environment.get("AWS_DEFAULT_REGION", "")
    environment.update(
        AWS_LAMBDA_FUNCTION_NAME=spec.name,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE=str(spec.memory_size),
        AWS_LAMBDA_FUNCTION_VERSION="$LATEST",
        AWS_LAMBDA_LOG_GROUP_NAME=f"/aws/lambda/{spec.name}",
        AWS_EXECUTION_ENV=f"AWS_Lambda_{spec.runtime}" if spec.runtime else "AWS_Lambda_python",
        AWS_REGION=region,
        LAMBDA_TASK_ROOT=str(spec.code_uri),
        _HANDLER=spec.handler,
    )
    return environment


class _Worker:
    """The pool's handle on one worker process."""

    def __init__(self, process: Any, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.invocations = 0
        self.idle_since = time.monotonic()
        self.init_ms = 0.0

    @property
    def pid(self) -> int:
        return int(self.process.pid)

    def stop(self) -> None:
        """Ask the worker to exit; kill it if it does not."""
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(timeout=2)
        self.kill()

    def kill(self) -> None:
        """End the worker now (a timed-out or stuck invocation)."""
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """A function's execution environments: worker processes, one invocation each at a time."""

    def __init__(
        self,
        spec: FunctionSpec,
        *,
        environment: Mapping[str, str],
        max_workers: int | None = None,
        idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
    ) -> None:
        self.spec = spec
        self.max_workers = max(1, max_workers or spec.max_concurrency)
        self.idle_timeout = idle_timeout
        self._config = {
            "environment": lambda_environment(spec, environment),
            "code_dir": str(spec.code_uri),
            "layer_dirs": [str(path) for path in spec.layer_paths],
            "handler": spec.handler,
            "function_name": spec.name,
            "function_arn": spec.arn,
            "memory_mb": spec.memory_size,
        }
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._starting = 0
        self._closed = False
        self._cond = threading.Condition()
        self._closing = threading.Event()
        self._reaper = threading.Thread(target=self._reap, name=f"reaper:{spec.logical_id}", daemon=True)
        self._reaper.start()
        self.started = 0  # workers started over the pool's life (cold starts)

    @property
    def name(self) -> str:
        """The function's logical id."""
        return self.spec.logical_id

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers."""
        with self._cond:
            return [worker.pid for worker in [*self._idle, *self._busy]]

    def invoke(self, event: Any, source: str) -> Invocation:
        """Run one invocation in a free worker (starting one if allowed, else waiting for one)."""
        request_id = str(uuid.uuid4())
        started = time.perf_counter()
        try:
            worker, cold = self._acquire()
        except FunctionError as error:
            return self._failed(source, request_id, started, error, init_ms=0.0)
        init_ms = worker.init_ms if cold else None
        keep = False
        try:
            outcome = self._call(worker, request_id, event)
            keep = not isinstance(outcome, FunctionError) or outcome.error_type not in _FATAL
        finally:
            self._release(worker, keep=keep)
        if isinstance(outcome, FunctionError):
            return self._failed(source, request_id, started, outcome, init_ms=init_ms)
        duration = (time.perf_counter() - started) * 1000
        return Invocation(self.name, source, request_id, duration, result=outcome, init_ms=init_ms)

    def _failed(
        self, source: str, request_id: str, started: float, error: FunctionError, *, init_ms: float | None
    ) -> Invocation:
        duration = (time.perf_counter() - started) * 1000
        logger.error(
            "invoke %s via %s: ERROR %s after %.0f ms (request %s): %s\n%s",
            self.name,
            source,
            error.error_type,
            duration,
            request_id,
            error,
            error.traceback_text,
        )
        return Invocation(self.name, source, request_id, duration, error=error, init_ms=init_ms)

    def _call(self, worker: _Worker, request_id: str, event: Any) -> Any:
        timeout = float(self.spec.timeout)
        try:
            worker.conn.send((request_id, event, timeout * 1000))
            if not worker.conn.poll(timeout):
                worker.kill()
                return FunctionError("Sandbox.Timedout", f"Task timed out after {timeout:.2f} seconds")
            message = worker.conn.recv()
        except (EOFError, OSError):
            worker.kill()
            code = worker.process.exitcode
            return FunctionError("Runtime.ExitError", f"RequestId: {request_id} Error: Runtime exited ({code})")
        worker.invocations += 1
        if message[0] == "ok":
            return message[1]
        _, error_type, text, traceback_text = message
        return FunctionError(error_type, text, traceback_text)

    def _acquire(self) -> tuple[_Worker, bool]:
        with self._cond:
            while True:
                if self._closed:
                    raise FunctionError("Runtime.Closed", "the local stack is stopping")
                if self._idle:
                    worker = self._idle.pop()  # the most recently used: warmest, as Lambda prefers
                    self._busy.add(worker)
                    return worker, False
                if len(self._busy) + self._starting < self.max_workers:
                    self._starting += 1
                    break
                self._cond.wait()
        try:
            worker = self._start()
        except BaseException:
            with self._cond:
                self._starting -= 1
                self._cond.notify()
            raise
        with self._cond:
            self._starting -= 1
            self._busy.add(worker)
            self.started += 1
        return worker, True

    def _start(self) -> _Worker:
        from devstack import worker as worker_module

        context = _forkserver()
        parent, child = context.Pipe()
        process = context.Process(
            target=worker_module.main,
            args=(child, self._config),
            name=f"lambda:{self.spec.logical_id}",
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        try:
            if not parent.poll(INIT_TIMEOUT):
                worker.kill()
                raise FunctionError("Sandbox.Timedout", f"init did not finish within {INIT_TIMEOUT:.0f} s")
            message = parent.recv()
        except (EOFError, OSError) as error:
            worker.kill()
            raise FunctionError("Runtime.ExitError", f"the worker exited during init ({error!r})") from error
        if message[0] != "ready":
            worker.kill()
            _, error_type, text, traceback_text = message
            raise FunctionError(f"Runtime.ImportModuleError ({error_type})", text, traceback_text)
        worker.init_ms = float(message[1])
        logger.debug("%s: worker %d started, init %.0f ms", self.name, worker.pid, worker.init_ms)
        return worker

    def _release(self, worker: _Worker, *, keep: bool) -> None:
        with self._cond:
            self._busy.discard(worker)
            if keep and not self._closed and worker.process.is_alive():
                worker.idle_since = time.monotonic()
                self._idle.append(worker)
            else:
                threading.Thread(target=worker.kill, daemon=True).start()
            self._cond.notify()

    def _reap(self) -> None:
        while not self._closing.wait(timeout=max(0.05, self.idle_timeout / 4)):
            with self._cond:
                now = time.monotonic()
                stale = [w for w in self._idle if now - w.idle_since >= self.idle_timeout]
                self._idle = [w for w in self._idle if w not in stale]
            for worker in stale:
                logger.debug("%s: worker %d idle for %.0f s, stopped", self.name, worker.pid, self.idle_timeout)
                worker.stop()

    def close(self) -> None:
        """Stop every worker (idle ones at once; busy ones are killed)."""
        self._closing.set()
        with self._cond:
            self._closed = True
            workers = [*self._idle, *self._busy]
            self._idle = []
            self._cond.notify_all()
        for worker in workers:
            worker.kill()


#: Errors after which a worker is not reused (Lambda discards such an execution environment).
_FATAL = frozenset({"Sandbox.Timedout", "Runtime.ExitError"})


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
