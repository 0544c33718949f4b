"""Benchmarks for every webhook function in the template. Prints figures; asserts nothing.

For each webhook function (its channel is its handler, `app.<channel>`):

1. Warm handler time per delivery (the full Lambda handler: routing, signature check over a ~2 KB body,
   size and depth limits, JSON parse, the channel's gate, logging, metrics), with the SQS call excluded:
   target median under 1 ms.
2. Cold start without network: importing `functions/webhooks/app.py` and building the channel's handler
   (registry lookup, its webhook module, configuration, logger, metrics, routes), against the floor of
   `import boto3` plus creating one client, each measured in fresh interpreters on this machine, interleaved:
   target at most 1.25 times the floor.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FUNCTION_DIR = ROOT / "functions" / "webhooks"
SECRET = "bench-signing-secret"
ENV = {
    "INTAKE_QUEUE_URL": "https://sqs.ap-southeast-3.amazonaws.com/123456789012/IntakeQueue",
    "INTAKE_DLQ_URL": "https://sqs.ap-southeast-3.amazonaws.com/123456789012/IntakeDeadLetterQueue",
    "PAYLOAD_BUCKET": "bench-bucket",
    "SIGNING_SECRET_PARAM": "/aduan/bench/signing-secret",
    "VERIFY_TOKEN_PARAM": "/aduan/bench/verify-token",
    "AWS_DEFAULT_REGION": "ap-southeast-3",
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "POWERTOOLS_SERVICE_NAME": "aduan",
    "POWERTOOLS_METRICS_NAMESPACE": "Aduan",
    "POWERTOOLS_TRACE_DISABLED": "true",
}
COLD_RUNS = 9
WARM_RUNS = 5000


def channels() -> list[str]:
    """The channels with a webhook function in the template."""
    sys.path[:0] = [str(ROOT / "shared"), str(ROOT)]
    from devstack.cfn import Stack, load_template
    from devstack.seed import webhook_functions

    return [f.channel for f in webhook_functions(Stack(load_template()).functions())]


def _longest_string(node: Any, best: tuple[int, Any, Any] = (0, None, None)) -> tuple[int, Any, Any]:
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if isinstance(value, str) and " " in value and len(value) > best[0]:
            best = (len(value), node, key)
        else:
            best = _longest_string(value, best)
    return best


def _lengthener(data: Any) -> Callable[[], None]:
    """A function that repeats the citizen's text in `data` once more, inside a JSON document carried in a
    string too (TikTok's `content`), which stays valid JSON."""
    _, holder, key = _longest_string(data)
    value = holder[key]
    try:
        inner = json.loads(value)
    except ValueError:
        inner = None
    if isinstance(inner, dict):
        lengthen_inner = _lengthener(inner)

        def lengthen_nested() -> None:
            lengthen_inner()
            holder[key] = json.dumps(inner, separators=(",", ":"), ensure_ascii=False)

        return lengthen_nested

    def lengthen() -> None:
        holder[key] += " " + value

    return lengthen


def delivery_of(channel: str, size: int) -> bytes:
    """The channel's urgent sample, its citizen's text repeated until the body is `size` bytes."""
    data = json.loads((ROOT / "events" / channel / "text_urgent.json").read_text())
    lengthen = _lengthener(data)
    body = json.dumps(data, separators=(",", ":")).encode()
    while len(body) < size:
        lengthen()
        body = json.dumps(data, separators=(",", ":")).encode()
    return body


class _DiscardingIntake:
    def enqueue(self, channel: str, body: str, received_at: str, request_id: str) -> str:
        return "excluded"

    def park(self, channel: str, body: bytes, reason: str, received_at: str, request_id: str) -> str:
        raise SystemExit(f"the bench delivery was parked: {reason}")


def warm(channel: str) -> tuple[float, float, int]:
    os.environ.update(ENV)
    sys.path[:0] = [str(ROOT / "shared"), str(FUNCTION_DIR)]
    import app  # type: ignore[import-not-found]

    from aduan.channels import registry
    from aduan.webhook import WebhookService

    handler = getattr(app, channel)
    spec = registry.webhook(channel)
    handler.service = WebhookService(spec, lambda role, force: SECRET, _DiscardingIntake())
    body = delivery_of(channel, 2048)
    template = json.loads((ROOT / "events" / "lambda" / f"{channel}_delivery.json").read_text())
    template["body"] = body.decode()
    template["headers"] = {k: v for k, v in template["headers"].items() if k.startswith(("host", "content-type"))}
    if spec.sign is None:
        raise SystemExit(f"{channel} has no sign()")
    template["headers"].update({k.lower(): v for k, v in spec.sign(body, SECRET, time.time()).items()})

    class Context:
        function_name = f"{channel}-webhook"
        memory_limit_in_mb = 1024
        invoked_function_arn = "arn:aws:lambda:ap-southeast-3:123456789012:function:bench"
        aws_request_id = "bench"

    samples = []
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        for i in range(WARM_RUNS + 200):
            event: dict[str, Any] = dict(template)
            started = time.perf_counter()
            response = handler(event, Context())
            elapsed = time.perf_counter() - started
            if i == 0:
                for log_handler in handler.logger.handlers:
                    log_handler.setStream(io.StringIO())  # keep formatting cost, drop terminal I/O
            if i >= 200:
                samples.append(elapsed)
            if response["statusCode"] != 200 or "accepted" not in response["body"]:
                raise SystemExit(f"unexpected response {response}")
            if i % 500 == 0:
                sink.seek(0)
                sink.truncate()
    samples.sort()
    return statistics.median(samples) * 1000, samples[int(len(samples) * 0.99)] * 1000, len(body)


def _fresh(code: str) -> float:
    env = {**os.environ, **ENV, "PYTHONPATH": f"{ROOT / 'shared'}{os.pathsep}{FUNCTION_DIR}"}
    wrapped = f"import time\n_t = time.perf_counter()\n{code}\nprint(time.perf_counter() - _t)"
    out = subprocess.run([sys.executable, "-c", wrapped], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def cold(channel: str) -> tuple[float, float]:
    floor, module = [], []
    for _ in range(COLD_RUNS):  # interleaved, so both see the same machine load
        floor.append(_fresh("import boto3\nboto3.client('sqs')"))
        module.append(_fresh(f"import app\napp.{channel}._build()\napp.{channel}.service"))
    return statistics.median(floor) * 1000, statistics.median(module) * 1000


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--warm-only":
        median, p99, size = warm(sys.argv[2])
        print(json.dumps({"median_ms": median, "p99_ms": p99, "bytes": size}))
        return
    for channel in channels():
        out = subprocess.run(
            [sys.executable, __file__, "--warm-only", channel], capture_output=True, text=True, check=True
        )
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        floor, module = cold(channel)
        print(f"{channel} webhook function (app.{channel})")
        print(
            f"  warm handler, {figures['bytes']} B delivery, queue call excluded: "
            f"median {figures['median_ms']:.3f} ms, p99 {figures['p99_ms']:.3f} ms "
            f"over {WARM_RUNS} runs (target: median < 1 ms)"
        )
        print(
            f"  cold start without network (import + build): {module:.0f} ms; floor (import boto3 + one client): "
            f"{floor:.0f} ms; ratio {module / floor:.2f} (target: <= 1.25), medians of {COLD_RUNS} fresh interpreters"
        )


if __name__ == "__main__":
    main()
