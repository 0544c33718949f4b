"""``python -m devstack`` (``make dev``): the whole Aduan stack on a laptop, without Docker.

Environment: ``API_PORT`` (default 3000), ``AWS_PORT`` (default 5000), ``PLATFORM_PORT`` (default 5100, the
embedded platform endpoint), ``WHATSAPP_APP_SECRET`` and
``WHATSAPP_VERIFY_TOKEN`` (passed to ``devstack.seed``; local defaults otherwise), ``DEVSTACK_STATE_DIR``
(default ``.devstack/``: the journal that keeps tickets and queued deliveries across restarts, and
``stack.json``, which ``make outbox`` and ``make simulate`` read to find the stack).
"""

from __future__ import annotations

import argparse
import faulthandler
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any

from devstack import ACCOUNT_ID, DEFAULT_API_PORT, DEFAULT_AWS_PORT, DEFAULT_REGION, REPO_ROOT, workflow_local
from devstack.api import ApiServer
from devstack.cfn import (
    DEFAULT_TEMPLATE,
    CreationReport,
    FunctionSpec,
    Stack,
    TemplateError,
    create_resources,
    load_template,
)
from devstack.cognito import DEFAULT_DEMO_PASSWORD
from devstack.discover import default_state_dir
from devstack.moto_speed import InProcessQueues, InProcessStreams
from devstack.persistence import Persistence, RestoreReport, StateDirInUseError
from devstack.platforms import DEFAULT_PLATFORM_PORT, PlatformEndpoint
from devstack.pollers import SQS_CONCURRENT_BATCHES, SqsPoller, StreamPoller
from devstack.runtime import (
    DEFAULT_IDLE_TIMEOUT,
    FunctionRuntime,
    Handler,
    Runtime,
    WorkerPool,
    add_layers,
    start_fork_server,
)

logger = logging.getLogger("devstack")


class PortInUseError(RuntimeError):
    """Something already listens on a port the stack needs."""


def ensure_port_free(port: int, what: str, host: str = "127.0.0.1") -> None:
    """Fail clearly when ``host:port`` is taken (moto's server would otherwise hang on start)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        if probe.connect_ex((host, port)) == 0:
            raise PortInUseError(
                f"port {port} ({what}) is already in use on {host}: stop what listens there "
                f"(another `make dev`?) or choose another port"
            )
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise PortInUseError(f"cannot bind {host}:{port} ({what}): {error}") from error


def configure_aws_environment(aws_port: int) -> str:
    """Point this process (and every handler) at the embedded endpoint; return its URL."""
    endpoint = f"http://localhost:{aws_port}"
    os.environ["AWS_ENDPOINT_URL"] = endpoint
    os.environ.setdefault("AWS_DEFAULT_REGION", DEFAULT_REGION)
    os.environ.setdefault("AWS_REGION", os.environ["AWS_DEFAULT_REGION"])
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        if not os.environ.get(key):
            os.environ[key] = "testing"
    # A profile or a session token from the developer's real account must not leak into local calls.
    os.environ.pop("AWS_PROFILE", None)
    # X-Ray's SDK is absent locally and there is no daemon; Powertools' Tracer becomes a no-op.
    os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
    return endpoint


@dataclass
class LocalStack:
    """The running local stack; :meth:`start` and :meth:`stop` it (tests can run it in-process)."""

    api_port: int = DEFAULT_API_PORT
    aws_port: int = DEFAULT_AWS_PORT
    #: The embedded platform endpoint (Meta, X, TikTok APIs); 0 picks a free port.
    platform_port: int = 0
    template_path: Path = DEFAULT_TEMPLATE
    parameter_overrides: Mapping[str, str] = field(default_factory=dict)
    handlers: Mapping[str, Handler] = field(default_factory=dict)
    retry_visibility: int | None = 2
    run_seed: bool = True
    in_process: bool = False
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    host: str = "127.0.0.1"
    #: Where state is kept across restarts (None: in memory only, as tests run it).
    state_dir: Path | None = None
    #: Forget the saved state before starting.
    fresh: bool = False
    #: fsync the journal after each write (survives a power cut; slower).
    fsync: bool = False

    def __post_init__(self) -> None:
        self.moto: Any = None
        self.stack: Stack | None = None
        self.report = CreationReport()
        self.functions: list[FunctionSpec] = []
        self.environment: dict[str, str] = {}
        self._template_environment: dict[str, str] = {}
        self.runtimes: dict[str, Runtime] = {}
        self.api: ApiServer | None = None
        self.pollers: list[SqsPoller | StreamPoller] = []
        self.schedules: workflow_local.ScheduleDriver | None = None
        self.platforms: PlatformEndpoint | None = None
        self.aws_endpoint = f"http://localhost:{self.aws_port}"
        self.persistence: Persistence | None = None
        self.restored: RestoreReport | None = None

    @property
    def api_url(self) -> str:
        """Base URL of the local HTTP API."""
        return f"http://{self.host}:{self.api_port}"

    def client(self, service: str) -> Any:
        """A boto3 client for the embedded endpoint."""
        import boto3

        return boto3.session.Session().client(
            service,
            region_name=os.environ["AWS_DEFAULT_REGION"],
            endpoint_url=self.aws_endpoint,  # type: ignore[call-overload]
        )

    def start(self) -> None:
        """Start moto, create the template's resources, restore the saved state, seed, then serve the API
        and the event sources."""
        self._acquire_state()  # before anything else: one stack per state directory
        ensure_port_free(self.aws_port, "AWS_PORT, the embedded AWS endpoint", self.host)
        ensure_port_free(self.api_port, "API_PORT, the local HTTP API", self.host)
        if self.platform_port:
            ensure_port_free(self.platform_port, "PLATFORM_PORT, the embedded platform endpoint", self.host)
        self.aws_endpoint = configure_aws_environment(self.aws_port)
        region = os.environ["AWS_DEFAULT_REGION"]

        from devstack.endpoint import EmbeddedEndpoint
        from devstack.moto_housekeeping import forget_consumed_shard_iterators
        from devstack.moto_patches import serialize_dynamodb_writes

        serialize_dynamodb_writes()  # DynamoDB makes each request atomic; threaded moto needs help
        forget_consumed_shard_iterators()  # the stream poller would otherwise grow moto's memory for ever
        self.moto = EmbeddedEndpoint(ip_address=self.host, port=self.aws_port, verbose=False)
        self.moto.start()

        self.stack = Stack(
            load_template(self.template_path),
            parameter_overrides=self.parameter_overrides,
            region=region,
            endpoint_url=self.aws_endpoint,
            base_dir=self.template_path.resolve().parent,
        )
        self.report = create_resources(self.stack, self.client)
        self.functions = self.stack.functions()
        self.environment = self.stack.merged_environment(self.functions, strict=self.in_process or bool(self.handlers))
        self._template_environment = dict(self.environment)
        for key, value in self.environment.items():
            os.environ[key] = value
        workflow_local.local_settings(self.environment, self.api_url)  # SLA_SPEEDUP, local ack links
        self.platforms = PlatformEndpoint(host=self.host, port=self.platform_port)
        self.platforms.start()
        self.environment["PLATFORM_API_BASE_URL"] = os.environ["PLATFORM_API_BASE_URL"] = self.platforms.url
        add_layers(self.stack.layers())
        self._restore_state()  # journaling starts here, so the seed is journaled too
        if self.run_seed:
            from devstack import seed

            seed_env = dict(self.environment)
            for key in (
                "WHATSAPP_APP_SECRET",
                "WHATSAPP_VERIFY_TOKEN",
                "AWS_ENDPOINT_URL",
                "AWS_DEFAULT_REGION",
            ):
                if os.environ.get(key):
                    seed_env[key] = os.environ[key]
            seed.seed(seed_env, self.functions)

        self.runtimes = {spec.logical_id: self._runtime(spec) for spec in self.functions}
        if any(isinstance(runtime, WorkerPool) for runtime in self.runtimes.values()):
            start_fork_server()
        for spec in self.functions:
            runtime = self.runtimes[spec.logical_id]
            for sqs_source in spec.sqs_sources:
                # Lambda polls a standard queue with several concurrent batches, bounded by the function.
                for _ in range(min(SQS_CONCURRENT_BATCHES, spec.max_concurrency) if sqs_source.enabled else 0):
                    self.pollers.append(
                        SqsPoller(
                            sqs_source,
                            runtime,
                            InProcessQueues(ACCOUNT_ID, region),  # moto runs in this process: no HTTP
                            region=region,
                            retry_visibility=self.retry_visibility,
                        )
                    )
            for stream_source in spec.stream_sources:
                if stream_source.enabled:
                    self.pollers.append(
                        StreamPoller(
                            stream_source,
                            runtime,
                            InProcessStreams(ACCOUNT_ID, region),  # moto runs in this process: no HTTP
                            region=region,
                            sqs=self.client("sqs"),
                            sns=self.client("sns"),
                        )
                    )
        for poller in self.pollers:
            poller.start()
        self.schedules = workflow_local.ScheduleDriver(self.stack, self.runtimes)
        self.schedules.start()
        routes = [route for spec in self.functions for route in spec.routes]
        invoke = workflow_local.guard(self.stack, self._invoke_http, self.aws_endpoint)  # JWT authorizer
        self.api = ApiServer(routes, invoke, host=self.host, port=self.api_port)
        from devstack import console_site

        console_site.mount(self.api, self.stack, self.aws_endpoint)  # the officer console at /console/
        self.api.start()
        self._publish_address()

    def _acquire_state(self) -> None:
        if self.state_dir is None:
            return
        self.persistence = Persistence(self.state_dir, fsync=self.fsync)
        self.persistence.acquire()
        if self.fresh:
            self.persistence.wipe()

    def _restore_state(self) -> None:
        if self.persistence is None:
            return
        self.restored = self.persistence.restore()
        logger.info("restored the saved state from %s: %s", self.state_dir, self.restored.summary())

    def _publish_address(self) -> None:
        """Write ``stack.json`` so ``make outbox`` and ``make simulate`` find this stack."""
        if self.state_dir is None:
            return
        from devstack.discover import StackAddress, write_state_file

        platform_url = self.platforms.url if self.platforms else ""
        address = StackAddress(self.api_url, self.aws_endpoint, os.getpid(), "stack.json", platform_url)
        write_state_file(self.state_dir, address)

    def _runtime(self, spec: FunctionSpec) -> Runtime:
        """A worker pool per function; in-process only for injected handlers or ``--in-process``."""
        if self.in_process or spec.logical_id in self.handlers:
            return FunctionRuntime(spec, handler=self.handlers.get(spec.logical_id))
        # The endpoint, region and credentials; each worker gets only its own function's variables, with the
        # values the local stack sets for some of them (local settings) in place of the template's.
        base = {key: value for key, value in os.environ.items() if key not in self.environment}
        local = {
            key: value
            for key, value in self.environment.items()
            if key in spec.environment and self._template_environment.get(key) != value
        }
        pool_spec = replace(spec, environment={**spec.environment, **local}) if local else spec
        return WorkerPool(pool_spec, environment=base, idle_timeout=self.idle_timeout)

    def _invoke_http(self, function: str, event: dict[str, Any]) -> tuple[bool, Any]:
        invocation = self.runtimes[function].invoke(event, source=f"HttpApi {event['routeKey']}")
        status = invocation.result.get("statusCode", 200) if isinstance(invocation.result, dict) else 200
        outcome = f"OK ({status})" if invocation.ok else f"ERROR {invocation.error_type} (500)"
        logger.info(
            "invoke %s via HttpApi %s: %.0f ms%s, %s",
            function,
            event["routeKey"],
            invocation.duration_ms,
            invocation.start_note,
            outcome,
        )
        return invocation.ok, invocation.result

    def stop(self) -> None:
        """Stop the API, the pollers and moto, then close the journal (idempotent)."""
        if self.state_dir is not None:
            from devstack.discover import remove_state_file

            remove_state_file(self.state_dir, os.getpid())
        if self.api is not None:
            self.api.stop()
            self.api = None
        # All at once: each waits for its thread's current call (a long poll, an invocation) to return.
        stoppers = [threading.Thread(target=poller.stop, daemon=True) for poller in self.pollers]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join(timeout=6)
        self.pollers = []
        if self.schedules is not None:
            self.schedules.stop()
            self.schedules = None
        for runtime in self.runtimes.values():
            runtime.close()
        self.runtimes = {}
        if self.platforms is not None:
            self.platforms.stop()
            self.platforms = None
        if self.moto is not None:
            self.moto.stop()
            self.moto = None
        if self.persistence is not None:
            self.persistence.close()
            self.persistence = None

    def banner(self) -> str:
        """The startup summary: endpoints, secrets' source, skipped resources, next steps."""
        from devstack import seed

        region = os.environ["AWS_DEFAULT_REGION"]
        lines = [
            "",
            "Aduan local stack is running (no Docker; moto is the embedded AWS endpoint).",
            f"  AWS endpoint     {self.aws_endpoint}   (account {ACCOUNT_ID}, region {region})",
            f"  HTTP API         {self.api_url}",
            f"  Officer console  {self.api_url}/console/",
            f"  Platform APIs    {self.platforms.url if self.platforms else '-'}   (Meta, X, TikTok stand-in)",
        ]
        for spec in self.functions:
            for route in spec.routes:
                lines.append(f"    {route.route_key:<32} -> {spec.logical_id}")
        webhook = next((r.path for s in self.functions for r in s.routes if "whatsapp" in r.path.lower()), None)
        if webhook:
            lines.append(f"  WhatsApp webhook {self.api_url}{webhook}")
        for spec in self.functions:
            for sqs_source in spec.sqs_sources:
                lines.append(
                    f"  SQS {sqs_source.queue_arn.rsplit(':', 1)[-1]} -> {spec.logical_id}"
                    f" (batch {sqs_source.batch_size})"
                )
            for stream_source in spec.stream_sources:
                lines.append(
                    f"  DynamoDB stream {stream_source.stream_arn.split('/')[1]} -> {spec.logical_id}"
                    f" (batch {stream_source.batch_size}, filters {len(stream_source.filters)})"
                )
            driven = {rule for rule, _, _ in (self.schedules.jobs if self.schedules else [])}
            for event in spec.unsupported_events:
                if event.source not in driven:
                    lines.append(f"  NOT DRIVEN locally: {spec.logical_id} from {event.source} ({event.type})")
        if self.schedules is not None:
            lines += self.schedules.describe()
        lines.append(
            "  Officer accounts username = roster officer id, password "
            + ("$DEMO_PASSWORD (value not shown)" if os.environ.get("DEMO_PASSWORD") else f"{DEFAULT_DEMO_PASSWORD!r}")
            + "; make token USER=polresta-01"
        )
        secret_source = (
            "$WHATSAPP_APP_SECRET (value not shown)"
            if os.environ.get("WHATSAPP_APP_SECRET")
            else f"local default {seed.DEFAULT_APP_SECRET!r}"
        )
        token_source = (
            "$WHATSAPP_VERIFY_TOKEN (value not shown)"
            if os.environ.get("WHATSAPP_VERIFY_TOKEN")
            else f"local default {seed.DEFAULT_VERIFY_TOKEN!r}"
        )
        lines += [
            f"  App secret       {secret_source}",
            f"  Verify token     {token_source}",
            f"  Created          {', '.join(lid for lid, _ in self.report.created)}",
        ]
        if self.report.skipped:
            skipped = ", ".join(f"{lid} ({kind})" for lid, kind in self.report.skipped)
            lines.append(f"  Skipped (no local meaning): {skipped}")
        if self.report.not_created:
            lines.append("  Not created (condition false): " + ", ".join(lid for lid, _ in self.report.not_created))
        lines += [
            "",
            "  Send the sample WhatsApp deliveries:  make simulate   (python -m devstack.simulate)",
            "  See the SMS and e-mails sent:         make outbox     (python -m devstack.outbox --follow)",
            "  sam local against this endpoint:      sam local start-api --env-vars devstack/env.json"
            " --docker-network host",
            self._state_line(),
            "",
        ]
        return "\n".join(lines)

    def _state_line(self) -> str:
        if self.state_dir is None:
            return "  Ctrl-C stops the stack; its state lives in memory only."
        restored = self.restored.summary() if self.restored else "nothing"
        return (
            f"  State            {self.state_dir} (restored {restored});\n"
            "                   kept across Ctrl-C, restarts and crashes; `make dev FRESH=1` starts empty."
        )


def _parse_overrides(items: list[str]) -> dict[str, str]:
    overrides = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"--parameter-overrides expects Key=Value, got {item!r}")
        overrides[key] = value
    return overrides


def main(argv: list[str] | None = None) -> int:
    """Run the stack until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(prog="python -m devstack", description="Run Aduan locally without Docker.")
    parser.add_argument("--api-port", type=int, default=int(os.environ.get("API_PORT", DEFAULT_API_PORT)))
    parser.add_argument(
        "--platform-port", type=int, default=int(os.environ.get("PLATFORM_PORT", DEFAULT_PLATFORM_PORT))
    )
    parser.add_argument("--aws-port", type=int, default=int(os.environ.get("AWS_PORT", DEFAULT_AWS_PORT)))
    parser.add_argument("--template", type=Path, default=REPO_ROOT / "template.yaml")
    parser.add_argument("--parameter-overrides", nargs="*", default=[], metavar="KEY=VALUE")
    parser.add_argument(
        "--retry-visibility",
        type=int,
        default=2,
        help="seconds before a failed SQS message is retried (local deviation; AWS: the queue's VisibilityTimeout)",
    )
    parser.add_argument(
        "--state-dir",
        type=Path,
        default=default_state_dir(),
        help="where tickets and queued deliveries are kept across restarts ($DEVSTACK_STATE_DIR, else .devstack/)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="forget the saved state and start empty (make dev FRESH=1)"
    )
    parser.add_argument("--in-memory", action="store_true", help="keep no state on disk (and publish no stack.json)")
    parser.add_argument("--fsync", action="store_true", help="fsync each journal write (survives a power cut; slower)")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run every function in this process (debugging; Lambda runs one invocation per environment)",
    )
    parser.add_argument("--debug", action="store_true", help="log at DEBUG level")
    args = parser.parse_args(argv)

    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.INFO,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("werkzeug", "botocore", "boto3", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

    stack = LocalStack(
        api_port=args.api_port,
        platform_port=args.platform_port,
        aws_port=args.aws_port,
        template_path=args.template,
        parameter_overrides=_parse_overrides(args.parameter_overrides),
        retry_visibility=args.retry_visibility,
        state_dir=None if args.in_memory else args.state_dir,
        fresh=args.fresh,
        fsync=args.fsync,
        in_process=args.in_process,
    )
    stopped = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if stopped.is_set():  # a second Ctrl-C: the journal is written through, nothing is lost by leaving now
            os._exit(130)
        stopped.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    faulthandler.register(signal.SIGUSR1, all_threads=True)  # `kill -USR1 <pid>`: where is every thread?
    try:
        stack.start()
    except (PortInUseError, TemplateError, StateDirInUseError) as error:
        logger.error("cannot start the local stack: %s", error)
        stack.stop()
        return 2
    except BaseException:
        stack.stop()
        raise
    print(stack.banner(), flush=True)
    try:
        while not stopped.wait(0.5):
            pass
    finally:
        logger.info("stopping")
        stack.stop()
        logger.info("stopped")
    return 0


def exit_now(code: int) -> None:
    """Leave without tearing down the heap: what must survive is already in the journal, and collecting
    millions of moto objects at interpreter exit would take longer than the stack ran its last minute."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
